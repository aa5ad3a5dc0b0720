namespace Tessera.Core.Repos;

/// <summary>One sync of one repo, as recorded in <c>sync_events</c> and returned by <c>POST /repos/{id}/sync</c>.</summary>
/// <param name="Success">False when the sync could not run through (git, size, timeout, a refused URL or branch);
/// per-file problems leave it true and are listed in <paramref name="Errors"/>.</param>
public sealed record RepoSyncResult(
    Guid RepoId, Guid SyncEventId, bool Success, string? CommitSha, int SpecsFound, int ContractsPublished, int ProposalsCreated, int ServicesCreated,
    int AssetsCreated, int AssetsUpdated, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, double DurationSeconds, string TriggeredBy,
    DateTime CreatedAt)
{
    /// <summary><c>completed</c> or <c>failed</c> (api.md §2.7).</summary>
    public string Status => Success ? "completed" : "failed";
}

/// <summary>The settings of repo sync (api.md §4): where clones live, the bounds, the fallback token.</summary>
/// <param name="RepoDirectory">TESSERA_REPO_DIR: clones go to <c>&lt;dir&gt;/&lt;repo id&gt;</c>.</param>
/// <param name="SyncTimeout">TESSERA_SYNC_TIMEOUT: the whole sync of one repo is cancelled after this.</param>
/// <param name="MaxSizeBytes">TESSERA_REPO_MAX_SIZE_MB: a larger clone is deleted and the sync fails.</param>
/// <param name="DefaultToken">TESSERA_GIT_TOKEN: https token for repos without their own.</param>
/// <param name="Limits">TESSERA_SYNC_MAX_FILES and TESSERA_SYNC_MAX_SPEC_BYTES.</param>
/// <param name="AllowInsecureLoopbackHttp">TESSERA_GIT_ALLOW_INSECURE_HTTP.</param>
/// <param name="InstanceId">Names this process in sync leases.</param>
public sealed record RepoSyncSettings(
    string RepoDirectory, TimeSpan SyncTimeout, long MaxSizeBytes, string? DefaultToken, DiscoveryLimits Limits, bool AllowInsecureLoopbackHttp, string InstanceId)
{
    /// <summary>How long past the sync timeout a lease lasts: room to record the outcome before another process may take over.</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(60);

    public override string ToString() =>
        $"RepoSyncSettings {{ RepoDirectory = {RepoDirectory}, SyncTimeout = {SyncTimeout}, MaxSizeBytes = {MaxSizeBytes}, DefaultToken = {(DefaultToken is null ? "none" : "***")}, InstanceId = {InstanceId} }}";
}
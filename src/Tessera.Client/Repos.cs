using System.Text.Json.Nodes;

namespace Tessera.Client;

/// <summary>A registered git repository. Secrets are never on the wire: only <c>has_git_token</c> and <c>has_ssh_key</c>.</summary>
public sealed record RepoResponse(
    Guid Id, string Name, string GitUrl, string DefaultBranch, IReadOnlyList<string> SpecPaths, Guid OwnerTeamId, bool SyncEnabled,
    string? CodeownersPath, DateTime? LastSyncedAt, string? LastSyncedCommit, int PollIntervalSeconds, string? LastSyncError,
    DateTime CreatedAt, DateTime UpdatedAt, bool HasGitToken, bool HasSshKey, int ServicesCount);

public sealed record CreateRepoRequest(
    string? Name, string? GitUrl, Guid? OwnerTeamId, string? DefaultBranch = null, IReadOnlyList<string?>? SpecPaths = null,
    string? CodeownersPath = null, bool? SyncEnabled = null, int? PollIntervalSeconds = null, string? GitToken = null, string? SshKey = null);

/// <summary>
/// A repo change. <c>name</c>, <c>git_url</c> and <c>owner_team_id</c> are immutable (only their current value is
/// accepted); an empty <c>git_token</c>, <c>ssh_key</c> or <c>codeowners_path</c> clears it.
/// </summary>
public sealed record UpdateRepoRequest(
    string? DefaultBranch = null, IReadOnlyList<string?>? SpecPaths = null, string? CodeownersPath = null, bool? SyncEnabled = null,
    int? PollIntervalSeconds = null, string? GitToken = null, string? SshKey = null, string? Name = null, string? GitUrl = null,
    Guid? OwnerTeamId = null);

/// <summary>One repo sync (api.md §1.18); <c>errors</c> and <c>warnings</c> are lists of messages.</summary>
public sealed record SyncEventResponse(
    Guid Id, Guid RepoId, bool Success, string? CommitSha, int SpecsFound, int ContractsPublished, int ProposalsCreated,
    int ServicesCreated, int AssetsCreated, int AssetsUpdated, JsonArray Errors, JsonArray Warnings, double? DurationSeconds,
    string TriggeredBy, DateTime CreatedAt);

/// <summary>
/// <c>POST /repos/{id}/sync</c> (api.md §2.7): <c>status</c> is <c>completed</c> or <c>failed</c>; per-file problems of a
/// completed sync are in <c>errors</c>. Also carries the sync event's id, asset counts and duration.
/// </summary>
public sealed record RepoSyncResponse(
    string Status, Guid RepoId, string? CommitSha, int SpecsFound, int ContractsPublished, int ProposalsCreated, int ServicesCreated,
    IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, Guid SyncEventId, int AssetsCreated, int AssetsUpdated, double DurationSeconds,
    string TriggeredBy);

public sealed partial class TesseraClient
{
    public Task<RepoSyncResponse> SyncRepoAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync<RepoSyncResponse>($"/api/v1/repos/{id}/sync", new { }, cancellationToken);

    public Task<RepoResponse> CreateRepoAsync(CreateRepoRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<RepoResponse>("/api/v1/repos", request, cancellationToken);

    public Task<RepoResponse> GetRepoAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<RepoResponse>($"/api/v1/repos/{id}", cancellationToken);

    public Task<PageResponse<RepoResponse>> ListReposAsync(Guid? teamId = null, bool? syncEnabled = null, int? limit = null, int? offset = null,
        CancellationToken cancellationToken = default) =>
        GetAsync<PageResponse<RepoResponse>>(
            $"/api/v1/repos{Query(("team_id", teamId), ("sync_enabled", syncEnabled), ("limit", limit), ("offset", offset))}", cancellationToken);

    public Task<RepoResponse> UpdateRepoAsync(Guid id, UpdateRepoRequest request, CancellationToken cancellationToken = default) =>
        PatchAsync<RepoResponse>($"/api/v1/repos/{id}", request, cancellationToken);

    public Task DeleteRepoAsync(Guid id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/api/v1/repos/{id}", cancellationToken);

    public Task<PageResponse<SyncEventResponse>> GetRepoSyncHistoryAsync(Guid id, int? limit = null, int? offset = null,
        CancellationToken cancellationToken = default) =>
        GetAsync<PageResponse<SyncEventResponse>>($"/api/v1/repos/{id}/sync/history{Query(("limit", limit), ("offset", offset))}", cancellationToken);

    public Task<SyncEventResponse> GetLatestRepoSyncAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<SyncEventResponse>($"/api/v1/repos/{id}/sync/latest", cancellationToken);
}
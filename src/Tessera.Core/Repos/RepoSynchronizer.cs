using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Ingestion;
using Tessera.Core.Persistence;
using Tessera.Core.Services;

namespace Tessera.Core.Repos;

/// <summary>
/// One sync of one repo (api.md §3.11, brief "Git-based repo sync"): claim the repo's lease; shallow clone or fetch
/// its branch; refuse a clone over TESSERA_REPO_MAX_SIZE_MB; stop early when HEAD has not moved; discover the spec files
/// under spec_paths; give each a service (the longest root_path prefix, or a new one); publish through the import
/// pipeline (backward mode, proposals for breaking changes, owner = the repo's team); record the sync in
/// <c>sync_events</c>, on the repo and in the audit trail (actor_type agent); release the lease. The whole sync is
/// bounded by TESSERA_SYNC_TIMEOUT. Problems with one spec file are reported for that file; the rest still syncs.
/// </summary>
public sealed partial class RepoSynchronizer(
    TesseraDbContext db, AuditLog audit, TimeProvider clock, IGitClient git, ContractImporter importer, SchemaGate gate, RepoSyncSettings settings,
    ILogger<RepoSynchronizer> logger)
{
    public const string NoNewCommits = "No new commits since last sync";

    /// <summary>
    /// <c>POST /repos/{id}/sync</c>: runs one sync now, for a caller with write scope on the repo's team. Throws 409
    /// <c>SYNC_CONFLICT</c> while another sync of the repo runs (in this or another server process).
    /// </summary>
    public async Task<RepoSyncResult> SyncNowAsync(Caller caller, Guid repoId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var repo = await db.Repos.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repoId && r.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.RepoNotFound, "Repository not found");
        caller.RequireTeam(repo.OwnerTeamId, "this repository");
        return await RunAsync(repo, "manual", caller, checkLastSynced: false, cancellationToken)
            ?? throw DomainException.Conflict(ErrorCodes.SyncConflict, "A sync of this repository is already running; try again when it has finished",
                new Dictionary<string, object?> { ["repo_id"] = repo.Id.ToString() });
    }

    /// <summary>
    /// The worker's sync of a repo, if it is due (<see cref="RepoSyncSchedule.IsDue"/>): null when it is not, when another
    /// process holds the lease, or when another process synced it between this look and the claim (the claim requires
    /// <c>last_synced_at</c> unchanged).
    /// </summary>
    public async Task<RepoSyncResult?> SyncDueAsync(Guid repoId, CancellationToken cancellationToken)
    {
        var repo = await db.Repos.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repoId, cancellationToken);
        return repo is null || !RepoSyncSchedule.IsDue(repo, clock.GetUtcNow().UtcDateTime)
            ? null
            : await RunAsync(repo, "worker", null, checkLastSynced: true, cancellationToken);
    }

    private async Task<RepoSyncResult?> RunAsync(Repo repo, string triggeredBy, Caller? caller, bool checkLastSynced, CancellationToken cancellationToken)
    {
        var owner = $"{settings.InstanceId}/{Guid.NewGuid():N}";
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await RepoSyncLease.TryClaimAsync(db, repo.Id, owner, now, now + settings.SyncTimeout + RepoSyncSettings.LeaseMargin, cancellationToken,
                checkLastSynced, repo.LastSyncedAt))
        {
            return null;
        }

        var started = clock.GetTimestamp();
        var run = new SyncRun();
        try
        {
            using var timeout = new CancellationTokenSource(settings.SyncTimeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await SyncAsync(repo, run, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                run.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"Sync timed out after {settings.SyncTimeout.TotalSeconds:0.#} s (TESSERA_SYNC_TIMEOUT) and was stopped"));
            }
            catch (OperationCanceledException)
            {
                run.Fail("Sync cancelled: the server is shutting down");
            }
            catch (RepoSyncException e)
            {
                run.Fail(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnexpected(logger, e, repo.Id);
                run.Fail($"Sync failed: {e.GetType().Name} (details in the server log)");
            }

            return await RecordAsync(repo, run, triggeredBy, caller, clock.GetElapsedTime(started));
        }
        finally
        {
            await RepoSyncLease.ReleaseAsync(db, repo.Id, owner, CancellationToken.None);
        }
    }

    private async Task SyncAsync(Repo repo, SyncRun run, CancellationToken cancellationToken)
    {
        var specPaths = StoredJson.ReadList(repo.SpecPathsJson);
        if (specPaths.Count == 0)
        {
            run.Warnings.Add("The repository has no spec_paths; nothing to sync");
            return;
        }

        var remote = GitRemote.Parse(repo.GitUrl, settings.AllowInsecureLoopbackHttp);
        var branch = GitBranchName.Check(repo.DefaultBranch);
        var credentials = remote.IsHttp
            ? new GitCredentials(Token: string.IsNullOrEmpty(repo.GitToken) ? settings.DefaultToken : repo.GitToken)
            : new GitCredentials(SshPrivateKey: string.IsNullOrWhiteSpace(repo.SshKey) ? null : repo.SshKey);
        var directory = Path.Combine(Path.GetFullPath(settings.RepoDirectory), repo.Id.ToString("D"));

        var head = await git.CheckoutAsync(new GitCheckout(remote, branch, directory, credentials), cancellationToken);
        run.CommitSha = head;
        var size = CloneDirectory.SizeInBytes(directory);
        if (size > settings.MaxSizeBytes)
        {
            CloneDirectory.Delete(directory);
            throw new RepoSyncException(string.Create(CultureInfo.InvariantCulture,
                $"The repository takes {size / 1048576.0:0.#} MB on disk, more than TESSERA_REPO_MAX_SIZE_MB ({settings.MaxSizeBytes / 1048576} MB); the clone was deleted"));
        }

        if (head == repo.LastSyncedCommit && repo.LastSyncedAt is { } last && repo.UpdatedAt <= last)
        {
            run.Warnings.Add(NoNewCommits);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var found = SpecDiscovery.Discover(directory, specPaths, settings.Limits);
        run.Errors.AddRange(found.Errors);
        run.Warnings.AddRange(found.Warnings);
        run.SpecsFound = found.Specs.Count;
        if (found.Specs.Count == 0)
        {
            run.Warnings.Add("No spec files found under spec_paths");
        }

        var services = await AssignServicesAsync(repo, found.Specs, run, cancellationToken);
        var agent = new Caller(repo.OwnerTeamId, new HashSet<ApiScope> { ApiScope.Read, ApiScope.Write }, IsAgent: true);
        var imported = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var spec in found.Specs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            imported[spec.Path] = await PublishAsync(repo, services[spec.Path], spec, found, agent, run, cancellationToken);
        }

        if (!found.Truncated)
        {
            await ReportRemovedAsync(repo, found, imported, run, cancellationToken);
        }
    }

    /// <summary>
    /// Publishes one spec file through the import pipeline under its service's names; returns the FQNs it holds (empty
    /// when it could not be read). Problems are reported for the file or the operation; nothing here stops the sync.
    /// </summary>
    private async Task<HashSet<string>> PublishAsync(Repo repo, Service service, SpecFile spec, DiscoveryResult found, Caller agent, SyncRun run,
        CancellationToken cancellationToken)
    {
        var fqns = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Kind == SpecKind.Grpc && !DeclaresService().IsMatch(spec.Content))
        {
            // A .proto of shared messages: nothing to publish on its own (the files that import it carry its types).
            return fqns;
        }

        ImportSet set;
        try
        {
            set = Read(service, spec, found);
        }
        catch (DomainException e)
        {
            run.Errors.Add($"{spec.Path}: {e.Message}");
            return fqns;
        }

        foreach (var problem in set.ParseErrors)
        {
            run.Warnings.Add($"{spec.Path}: {problem}");
        }

        foreach (var item in set.Items)
        {
            item.Metadata["sync_source"] = "repo_sync";
            item.Metadata["repo_id"] = repo.Id.ToString();
            item.Metadata["source_path"] = spec.Path;
            fqns.Add(item.Fqn);
        }

        ImportResult result;
        try
        {
            result = await importer.ImportAsync(agent, set.Items,
                new ImportOptions(repo.OwnerTeamId, CompatibilityMode: ContractCompatibility.Backward, ServiceId: service.Id), cancellationToken);
        }
        catch (DomainException e)
        {
            run.Errors.Add($"{spec.Path}: {e.Message}");
            return fqns;
        }

        run.AssetsCreated += result.Created;
        run.AssetsUpdated += result.Items.Count(i => i.Action is ImportAction.Updated or ImportAction.ProposalCreated
            || (i.Action == ImportAction.Unchanged && i.MetadataUpdated));
        run.ContractsPublished += result.ContractsPublished;
        run.ProposalsCreated += result.ProposalsCreated;
        foreach (var failed in result.Items.Where(i => i.Action == ImportAction.Error))
        {
            run.Errors.Add($"{spec.Path}: {failed.Item.Selector}: {failed.Error}");
        }

        return fqns;
    }

    private ImportSet Read(Service service, SpecFile spec, DiscoveryResult found)
    {
        var naming = ImportNaming.ForService(service.Name);
        switch (spec.Kind)
        {
            case SpecKind.OpenApi:
                return OpenApiImport.Read(gate.Engine, spec.Content, null, naming);
            case SpecKind.GraphQL:
                return GraphQLImport.Read(gate.Engine, spec.Content, introspection: false, schemaName: service.Name, naming);
            default:
                // The file with its imports, but only the RPCs the file itself declares.
                var set = GrpcImport.Read(gate.Engine, null, ProtoImports.Closure(spec, found.ProtoLibrary), naming);
                var own = set.Items.Where(i => (i.Metadata["grpc_source"] as JsonObject)?["file"]?.ToString() == spec.Path).ToList();
                return set with { Items = own };
        }
    }

    /// <summary>
    /// Assets this repo's syncs made from a spec file that is gone, or from an operation no longer in its file: kept
    /// (consumers may be registered on them), and listed in the warnings so a team can delete them on purpose.
    /// </summary>
    private async Task ReportRemovedAsync(Repo repo, DiscoveryResult found, Dictionary<string, HashSet<string>> imported, SyncRun run,
        CancellationToken cancellationToken)
    {
        var serviceIds = await db.Services.Where(s => s.RepoId == repo.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        var assets = await db.Assets.AsNoTracking()
            .Where(a => a.DeletedAt == null && a.ServiceId != null && serviceIds.Contains(a.ServiceId.Value))
            .Select(a => new { a.Fqn, a.MetadataJson })
            .ToListAsync(cancellationToken);
        var gone = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var dropped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            var metadata = StoredJson.ReadObject(asset.MetadataJson);
            if (metadata["repo_id"]?.ToString() != repo.Id.ToString() || metadata["source_path"]?.ToString() is not { } path)
            {
                continue;
            }

            if (!found.SeenPaths.Contains(path))
            {
                (gone.TryGetValue(path, out var list) ? list : gone[path] = []).Add(asset.Fqn);
            }
            else if (imported.TryGetValue(path, out var fqns) && fqns.Count > 0 && !fqns.Contains(asset.Fqn))
            {
                (dropped.TryGetValue(path, out var list) ? list : dropped[path] = []).Add(asset.Fqn);
            }
        }

        foreach (var (path, fqns) in gone)
        {
            run.Warnings.Add($"{path} is no longer in the repository (or under spec_paths); its {fqns.Count} asset(s) were kept, not deleted: "
                + string.Join(", ", fqns.Order(StringComparer.Ordinal).Take(20)) + (fqns.Count > 20 ? ", …" : ""));
        }

        foreach (var (path, fqns) in dropped)
        {
            run.Warnings.Add($"{path} no longer defines {fqns.Count} asset(s); they were kept, not deleted: "
                + string.Join(", ", fqns.Order(StringComparer.Ordinal).Take(20)) + (fqns.Count > 20 ? ", …" : ""));
        }
    }

    /// <summary>Each spec's service: the longest root_path prefix, or a new service (audited, actor agent).</summary>
    private async Task<Dictionary<string, Service>> AssignServicesAsync(Repo repo, IReadOnlyList<SpecFile> specs, SyncRun run, CancellationToken cancellationToken)
    {
        var existing = await db.Services.Where(s => s.RepoId == repo.Id && s.DeletedAt == null).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var assigned = new Dictionary<string, Service>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var service = ServiceRoots.Match(existing, spec.Path);
            if (service is null)
            {
                var (name, root) = ServiceRoots.Infer(spec.Path);
                service = await CreateServiceAsync(repo, name, root, cancellationToken);
                existing.Add(service);
                run.ServicesCreated++;
            }

            assigned[spec.Path] = service;
        }

        return assigned;
    }

    private async Task<Service> CreateServiceAsync(Repo repo, string name, string root, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var taken = await db.Services.Where(s => s.RepoId == repo.Id && s.DeletedAt == null).Select(s => s.Name).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var service = new Service { Name = ServiceRoots.Unique(name, taken.ToHashSet(StringComparer.Ordinal)), RepoId = repo.Id, RootPath = root, CreatedAt = now, UpdatedAt = now };
            db.Services.Add(service);
            audit.Record("service", service.Id, "service.created", repo.OwnerTeamId, "agent", new JsonObject
            {
                ["name"] = service.Name,
                ["repo_id"] = repo.Id.ToString(),
                ["root_path"] = root,
                ["auto_discovered"] = true,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return service;
            }
            catch (DbUpdateException e) when (attempt < 5 && DatabaseErrors.IsUniqueViolation(e))
            {
                // Someone created a service of that name meanwhile (the services API); take the next suffix.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RepoSyncResult> RecordAsync(Repo repo, SyncRun run, string triggeredBy, Caller? caller, TimeSpan duration)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = run.Errors.Select(e => Truncate(e)).ToList();
        var warnings = run.Warnings.Select(w => Truncate(w)).ToList();
        var syncEvent = new SyncEvent
        {
            RepoId = repo.Id,
            Success = run.Success,
            CommitSha = run.CommitSha,
            SpecsFound = run.SpecsFound,
            ContractsPublished = run.ContractsPublished,
            ProposalsCreated = run.ProposalsCreated,
            ServicesCreated = run.ServicesCreated,
            AssetsCreated = run.AssetsCreated,
            AssetsUpdated = run.AssetsUpdated,
            ErrorsJson = StoredJson.WriteList(errors),
            WarningsJson = StoredJson.WriteList(warnings),
            DurationSeconds = Math.Round(duration.TotalSeconds, 3),
            TriggeredBy = triggeredBy,
            CreatedAt = now,
        };
        db.SyncEvents.Add(syncEvent);
        if (caller is not null)
        {
            audit.Record("repo", repo.Id, "repo.sync_triggered", caller, new JsonObject { ["name"] = repo.Name });
        }

        audit.Record("repo", repo.Id, run.Success ? "repo.synced" : "repo.sync_failed", repo.OwnerTeamId, "agent", run.Success
            ? new JsonObject
            {
                ["commit_sha"] = run.CommitSha,
                ["specs_found"] = run.SpecsFound,
                ["contracts_published"] = run.ContractsPublished,
                ["proposals_created"] = run.ProposalsCreated,
                ["services_created"] = run.ServicesCreated,
                ["assets_created"] = run.AssetsCreated,
                ["assets_updated"] = run.AssetsUpdated,
                ["errors_count"] = errors.Count,
                ["triggered_by"] = triggeredBy,
            }
            : new JsonObject
            {
                ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]),
                ["commit_sha"] = run.CommitSha,
                ["triggered_by"] = triggeredBy,
            });

        var lastError = errors.Count == 0 ? null : Truncate(string.Join("; ", errors), 2000);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (run.Success)
        {
            var commit = run.CommitSha ?? repo.LastSyncedCommit;
            await db.Repos.Where(r => r.Id == repo.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastSyncedAt, now)
                .SetProperty(r => r.LastSyncedCommit, commit)
                .SetProperty(r => r.LastSyncError, lastError), CancellationToken.None);
        }
        else
        {
            // A failed sync still counts as an attempt (the worker waits poll_interval_seconds before the next one),
            // but keeps the last good commit.
            await db.Repos.Where(r => r.Id == repo.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastSyncedAt, now)
                .SetProperty(r => r.LastSyncError, lastError), CancellationToken.None);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return new RepoSyncResult(repo.Id, syncEvent.Id, run.Success, run.CommitSha, run.SpecsFound, run.ContractsPublished, run.ProposalsCreated,
            run.ServicesCreated, run.AssetsCreated, run.AssetsUpdated, errors, warnings, syncEvent.DurationSeconds ?? 0, triggeredBy, now);
    }

    private static string Truncate(string text, int max = 1000) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*service\s+[A-Za-z_]", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex DeclaresService();

    [LoggerMessage(Level = LogLevel.Error, Message = "Repo sync of {RepoId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid repoId);

    /// <summary>What one sync found and did so far.</summary>
    private sealed class SyncRun
    {
        public bool Success { get; private set; } = true;

        public string? CommitSha { get; set; }

        public int SpecsFound { get; set; }

        public int ContractsPublished { get; set; }

        public int ProposalsCreated { get; set; }

        public int ServicesCreated { get; set; }

        public int AssetsCreated { get; set; }

        public int AssetsUpdated { get; set; }

        public List<string> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public void Fail(string error)
        {
            Success = false;
            Errors.Add(error);
        }
    }
}
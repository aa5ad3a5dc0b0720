using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Repos;

/// <summary>What a caller sends to register or change a repo; null means "not sent".</summary>
public sealed record RepoInput(
    string? Name = null, string? GitUrl = null, Guid? OwnerTeamId = null, string? DefaultBranch = null, IReadOnlyList<string?>? SpecPaths = null,
    string? CodeownersPath = null, bool? SyncEnabled = null, int? PollIntervalSeconds = null, string? GitToken = null, string? SshKey = null);

/// <summary>A repo with the number of its live services.</summary>
public sealed record RepoView(Repo Repo, int ServicesCount);

/// <summary>
/// Repo use cases: register, read, list, change and soft-delete git repositories, and read their sync history.
/// Writes need the caller's team to own the repo (admin bypasses). Tokens and SSH keys are write-only: they are
/// stored, never returned, never put in an audit payload or an error message.
/// </summary>
/// <remarks>
/// Deleting a repo soft-deletes its live services in the same transaction and detaches their assets (the assets
/// stay, owned by their team, with <c>service_id</c> null): a repo's services are mostly created by its sync, so
/// refusing the delete until each was removed by hand would only add busywork, and a service of a deleted repo
/// could never sync again.
/// </remarks>
public sealed class RepoCatalog(TesseraDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<RepoView> CreateAsync(Caller caller, RepoInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var errors = new List<FieldError>();
        var name = RepoInputRules.Name(input.Name, errors);
        var gitUrl = RepoInputRules.GitUrl(input.GitUrl, errors);
        if (input.OwnerTeamId is null)
        {
            errors.Add(new FieldError("owner_team_id", "owner_team_id is required", "missing"));
        }

        var branch = RepoInputRules.Branch(input.DefaultBranch ?? "main", errors);
        var specPaths = RepoInputRules.SpecPaths(input.SpecPaths, errors);
        var codeowners = RepoInputRules.CodeownersPath(input.CodeownersPath, errors);
        var poll = RepoInputRules.PollInterval(input.PollIntervalSeconds ?? 300, errors);
        var token = string.IsNullOrEmpty(input.GitToken) ? null : RepoInputRules.GitToken(input.GitToken, errors);
        var sshKey = string.IsNullOrWhiteSpace(input.SshKey) ? null : RepoInputRules.SshKey(input.SshKey, errors);
        ThrowIfAny(errors);

        var ownerTeamId = input.OwnerTeamId!.Value;
        if (!await db.Teams.AnyAsync(t => t.Id == ownerTeamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }

        caller.RequireTeam(ownerTeamId, "the owner team");
        await EnsureUniqueAsync(name, gitUrl, null, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var repo = new Repo
        {
            Name = name,
            GitUrl = gitUrl,
            OwnerTeamId = ownerTeamId,
            DefaultBranch = branch,
            SpecPathsJson = StoredJson.WriteList(specPaths),
            CodeownersPath = codeowners,
            SyncEnabled = input.SyncEnabled ?? true,
            PollIntervalSeconds = poll,
            GitToken = token,
            SshKey = sshKey,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Repos.Add(repo);
        audit.Record("repo", repo.Id, "repo.created", caller, new JsonObject
        {
            ["name"] = name,
            ["git_url"] = gitUrl,
            ["owner_team_id"] = ownerTeamId.ToString(),
            ["has_git_token"] = token is not null,
            ["has_ssh_key"] = sshKey is not null,
        });
        await SaveAsync(cancellationToken);
        return new RepoView(repo, 0);
    }

    /// <summary>The live repo, or 404 <c>REPO_NOT_FOUND</c>.</summary>
    public async Task<Repo> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Repos.FirstOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.RepoNotFound, "Repo not found");

    public async Task<RepoView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var repo = await FindAsync(id, cancellationToken);
        return new RepoView(repo, await CountServicesAsync(id, cancellationToken));
    }

    public async Task<Page<RepoView>> ListAsync(Guid? teamId, bool? syncEnabled, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Repos.AsNoTracking().Where(r => r.DeletedAt == null);
        if (teamId is { } team)
        {
            query = query.Where(r => r.OwnerTeamId == team);
        }

        if (syncEnabled is { } enabled)
        {
            query = query.Where(r => r.SyncEnabled == enabled);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.Name).ThenBy(r => r.Id).Skip(page.Offset).Take(page.Limit)
            .Select(r => new RepoView(r, db.Services.Count(s => s.RepoId == r.Id && s.DeletedAt == null)))
            .ToListAsync(cancellationToken);
        return new Page<RepoView>(rows, total, page.Limit, page.Offset);
    }

    /// <summary>
    /// Changes the sync settings. <c>name</c>, <c>git_url</c> and <c>owner_team_id</c> cannot change (sending the
    /// current value is accepted). An empty <c>git_token</c>, <c>ssh_key</c> or <c>codeowners_path</c> clears it.
    /// </summary>
    public async Task<RepoView> UpdateAsync(Caller caller, Guid id, RepoInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var repo = await FindAsync(id, cancellationToken);
        caller.RequireTeam(repo.OwnerTeamId, "this repo");

        var errors = new List<FieldError>();
        if (input.Name is not null && input.Name.Trim() != repo.Name)
        {
            errors.Add(new FieldError("name", "name cannot be changed; register a new repo instead", "immutable"));
        }

        if (input.GitUrl is not null && input.GitUrl.Trim() != repo.GitUrl)
        {
            errors.Add(new FieldError("git_url", "git_url cannot be changed; register a new repo instead", "immutable"));
        }

        if (input.OwnerTeamId is { } owner && owner != repo.OwnerTeamId)
        {
            errors.Add(new FieldError("owner_team_id", "owner_team_id cannot be changed", "immutable"));
        }

        var branch = input.DefaultBranch is null ? null : RepoInputRules.Branch(input.DefaultBranch, errors);
        var specPaths = input.SpecPaths is null ? null : RepoInputRules.SpecPaths(input.SpecPaths, errors);
        var codeowners = input.CodeownersPath is null ? null : RepoInputRules.CodeownersPath(input.CodeownersPath, errors);
        var poll = input.PollIntervalSeconds is { } p ? RepoInputRules.PollInterval(p, errors) : (int?)null;
        var token = string.IsNullOrEmpty(input.GitToken) ? input.GitToken : RepoInputRules.GitToken(input.GitToken, errors);
        var sshKey = string.IsNullOrWhiteSpace(input.SshKey) ? input.SshKey : RepoInputRules.SshKey(input.SshKey, errors);
        ThrowIfAny(errors);

        var changed = new JsonArray();
        if (branch is not null && branch != repo.DefaultBranch)
        {
            repo.DefaultBranch = branch;
            changed.Add("default_branch");
        }

        if (specPaths is not null)
        {
            var json = StoredJson.WriteList(specPaths);
            if (json != repo.SpecPathsJson)
            {
                repo.SpecPathsJson = json;
                changed.Add("spec_paths");
            }
        }

        if (input.CodeownersPath is not null && codeowners != repo.CodeownersPath)
        {
            repo.CodeownersPath = codeowners;
            changed.Add("codeowners_path");
        }

        if (input.SyncEnabled is { } enabled && enabled != repo.SyncEnabled)
        {
            repo.SyncEnabled = enabled;
            changed.Add("sync_enabled");
        }

        if (poll is { } interval && interval != repo.PollIntervalSeconds)
        {
            repo.PollIntervalSeconds = interval;
            changed.Add("poll_interval_seconds");
        }

        // Secrets: only whether they were set or cleared is recorded, never the value.
        if (token is not null)
        {
            repo.GitToken = token.Length == 0 ? null : token;
            changed.Add("git_token");
        }

        if (sshKey is not null)
        {
            repo.SshKey = string.IsNullOrWhiteSpace(sshKey) ? null : sshKey;
            changed.Add("ssh_key");
        }

        if (changed.Count > 0)
        {
            repo.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("repo", repo.Id, "repo.updated", caller, new JsonObject { ["name"] = repo.Name, ["changed_fields"] = changed });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new RepoView(repo, await CountServicesAsync(id, cancellationToken));
    }

    /// <summary>Soft-deletes the repo and, with it, its live services (their assets are detached, not deleted).</summary>
    public async Task DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.RepoAsync(db, id, exclusive: true, cancellationToken);
        var repo = await FindAsync(id, cancellationToken);
        caller.RequireTeam(repo.OwnerTeamId, "this repo");
        var now = clock.GetUtcNow().UtcDateTime;
        var services = await db.Services.Where(s => s.RepoId == id && s.DeletedAt == null).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        foreach (var service in services)
        {
            await RowLocks.ServiceAsync(db, service.Id, exclusive: true, cancellationToken);
            var detached = await DetachAssetsAsync(db, service.Id, now, cancellationToken);
            service.DeletedAt = now;
            service.UpdatedAt = now;
            audit.Record("service", service.Id, "service.deleted", caller, new JsonObject
            {
                ["name"] = service.Name,
                ["repo_id"] = id.ToString(),
                ["assets_detached"] = detached,
                ["cascade_from_repo"] = true,
            });
        }

        repo.DeletedAt = now;
        repo.UpdatedAt = now;
        audit.Record("repo", repo.Id, "repo.deleted", caller, new JsonObject { ["name"] = repo.Name, ["services_deleted"] = services.Count });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sync events of a live repo, newest first.</summary>
    public async Task<Page<SyncEvent>> SyncHistoryAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        var query = db.SyncEvents.AsNoTracking().Where(e => e.RepoId == id);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip(page.Offset).Take(page.Limit)
            .ToListAsync(cancellationToken);
        return new Page<SyncEvent>(rows, total, page.Limit, page.Offset);
    }

    /// <summary>The newest sync event of a live repo; 404 <c>NOT_FOUND</c> when it never synced.</summary>
    public async Task<SyncEvent> LatestSyncAsync(Guid id, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        return await db.SyncEvents.AsNoTracking().Where(e => e.RepoId == id).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.NotFound, "This repo has not been synced yet");
    }

    /// <summary>Sets <c>service_id</c> to null on the live assets of a service; returns how many.</summary>
    internal static Task<int> DetachAssetsAsync(TesseraDbContext db, Guid serviceId, DateTime now, CancellationToken cancellationToken) =>
        db.Assets.Where(a => a.ServiceId == serviceId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ServiceId, (Guid?)null).SetProperty(a => a.UpdatedAt, now), cancellationToken);

    private Task<int> CountServicesAsync(Guid repoId, CancellationToken cancellationToken) =>
        db.Services.CountAsync(s => s.RepoId == repoId && s.DeletedAt == null, cancellationToken);

    private async Task EnsureUniqueAsync(string name, string gitUrl, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.Repos.AnyAsync(r => r.Name == name && r.DeletedAt == null && r.Id != except, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateRepo, $"A repo named '{name}' already exists");
        }

        if (await db.Repos.AnyAsync(r => r.GitUrl == gitUrl && r.DeletedAt == null && r.Id != except, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateRepo, "A repo with this git_url already exists");
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateRepo, "A repo with this name or git_url already exists");
        }
    }

    private static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }
    }
}
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Assets;

public sealed record AssetInput(
    string? Fqn, Guid? OwnerTeamId, Guid? OwnerUserId, string? Description, JsonObject? Metadata, string? Environment,
    ResourceType? ResourceType, GuaranteeMode? GuaranteeMode, SemverMode? SemverMode, IReadOnlyList<string>? Tags, Guid? ServiceId = null);

public sealed record AssetView(Asset Asset, string? OwnerTeamName, string? OwnerUserName, string? OwnerUserEmail, string? ActiveContractVersion)
{
    /// <summary>The service the asset is attached to (single-asset reads only).</summary>
    public string? ServiceName { get; init; }

    public Guid? RepoId { get; init; }

    public string? RepoName { get; init; }
}

/// <summary>The assets that now have the owner user (changed or already so), and the ids that were not active assets.</summary>
public sealed record BulkAssignOutcome(IReadOnlyList<Guid> Assigned, IReadOnlyList<Guid> NotFound, Guid? OwnerUserId);

public sealed record AssetSearchHit(Guid Id, string Fqn, Guid OwnerTeamId, string? OwnerTeamName, string Environment, DateTime CreatedAt);

/// <summary>Asset use cases: create with FQN rules, read, search, update, soft delete and restore.</summary>
public sealed partial class AssetService(TesseraDbContext db, AuditLog audit, TimeProvider clock, AssetDefaults defaults)
{
    public const int MaxFqnLength = 1000;

    public async Task<Asset> CreateAsync(Caller caller, AssetInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var fqn = ValidateFqn(input.Fqn);
        var environment = ValidateEnvironment(input.Environment ?? defaults.Environment);
        var ownerTeamId = input.OwnerTeamId ?? throw DomainException.Invalid("owner_team_id", "owner_team_id is required", "missing");
        ValidateDescription(input.Description);
        var tags = ValidateTags(input.Tags);
        await EnsureTeamAsync(ownerTeamId, cancellationToken);
        caller.RequireTeam(ownerTeamId, "the owner team");
        if (input.OwnerUserId is { } userId)
        {
            await EnsureUserInTeamAsync(userId, ownerTeamId, cancellationToken);
        }

        await using var transaction = input.ServiceId is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        if (input.ServiceId is { } serviceId)
        {
            await EnsureServiceAsync(caller, serviceId, cancellationToken);
        }

        if (await db.Assets.AnyAsync(a => a.Fqn == fqn && a.Environment == environment, cancellationToken))
        {
            throw DuplicateAsset(fqn, environment);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var asset = new Asset
        {
            Fqn = fqn,
            OwnerTeamId = ownerTeamId,
            OwnerUserId = input.OwnerUserId,
            Description = input.Description,
            MetadataJson = StoredJson.WriteObject(input.Metadata),
            Environment = environment,
            ServiceId = input.ServiceId,
            ResourceType = input.ResourceType ?? ResourceType.Other,
            GuaranteeMode = input.GuaranteeMode ?? GuaranteeMode.Notify,
            SemverMode = input.SemverMode ?? SemverMode.Auto,
            TagsJson = StoredJson.WriteList(tags ?? []),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Assets.Add(asset);
        var payload = new JsonObject { ["fqn"] = fqn, ["owner_team_id"] = ownerTeamId.ToString() };
        if (input.ServiceId is { } attached)
        {
            payload["service_id"] = attached.ToString();
        }

        audit.Record("asset", asset.Id, "asset.created", caller, payload);
        await SaveAsync(fqn, environment, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return asset;
    }

    public async Task<Asset> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Assets.FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");

    public async Task<AssetView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var asset = await FindAsync(id, cancellationToken);
        return await ViewAsync(asset, cancellationToken);
    }

    public async Task<AssetView> ViewAsync(Asset asset, CancellationToken cancellationToken)
    {
        var team = await db.Teams.Where(t => t.Id == asset.OwnerTeamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var user = asset.OwnerUserId is null ? null
            : await db.Users.Where(u => u.Id == asset.OwnerUserId).Select(u => new { u.Name, u.Email }).FirstOrDefaultAsync(cancellationToken);
        var version = await db.Contracts.Where(c => c.AssetId == asset.Id && c.Status == ContractStatus.Active)
            .Select(c => c.Version).FirstOrDefaultAsync(cancellationToken);
        var service = asset.ServiceId is null ? null
            : await (from s in db.Services
                     join r in db.Repos on s.RepoId equals r.Id
                     where s.Id == asset.ServiceId
                     select new { s.Name, RepoId = r.Id, RepoName = r.Name }).FirstOrDefaultAsync(cancellationToken);
        return new AssetView(asset, team, user?.Name, user?.Email, version)
        {
            ServiceName = service?.Name,
            RepoId = service?.RepoId,
            RepoName = service?.RepoName,
        };
    }

    public async Task<Page<AssetView>> ListAsync(Guid? owner, Guid? ownerUser, bool? unowned, string? fqn, string? environment,
        ResourceType? resourceType, string? sortBy, string? sortOrder, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Assets.Where(a => a.DeletedAt == null);
        if (owner is { } o)
        {
            query = query.Where(a => a.OwnerTeamId == o);
        }

        if (ownerUser is { } ou)
        {
            query = query.Where(a => a.OwnerUserId == ou);
        }

        if (unowned == true)
        {
            query = query.Where(a => a.OwnerUserId == null);
        }

        if (!string.IsNullOrWhiteSpace(fqn))
        {
            query = query.Where(a => EF.Functions.Like(a.Fqn.ToLower(), $"%{fqn.Trim().ToLowerInvariant()}%"));
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            query = query.Where(a => a.Environment == environment);
        }

        if (resourceType is { } rt)
        {
            query = query.Where(a => a.ResourceType == rt);
        }

        var descending = sortOrder?.ToLowerInvariant() switch
        {
            null or "" or "asc" => false,
            "desc" => true,
            _ => throw DomainException.Invalid("sort_order", "sort_order must be asc or desc"),
        };
        query = (sortBy?.ToLowerInvariant(), descending) switch
        {
            (null or "" or "fqn", false) => query.OrderBy(a => a.Fqn).ThenBy(a => a.Id),
            (null or "" or "fqn", true) => query.OrderByDescending(a => a.Fqn).ThenBy(a => a.Id),
            ("created_at", false) => query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id),
            ("created_at", true) => query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id),
            ("owner", false) => query.OrderBy(a => a.OwnerTeamId).ThenBy(a => a.Fqn),
            ("owner", true) => query.OrderByDescending(a => a.OwnerTeamId).ThenBy(a => a.Fqn),
            ("owner_user", false) => query.OrderBy(a => a.OwnerUserId).ThenBy(a => a.Fqn),
            ("owner_user", true) => query.OrderByDescending(a => a.OwnerUserId).ThenBy(a => a.Fqn),
            _ => throw DomainException.Invalid("sort_by", "sort_by must be one of fqn, owner, owner_user, created_at"),
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page.Offset).Take(page.Limit)
            .Select(a => new AssetView(
                a,
                db.Teams.Where(t => t.Id == a.OwnerTeamId).Select(t => t.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
                db.Contracts.Where(c => c.AssetId == a.Id && c.Status == ContractStatus.Active).Select(c => c.Version).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new Page<AssetView>(rows, total, page.Limit, page.Offset);
    }

    public async Task<Page<AssetSearchHit>> SearchAsync(string? q, Guid? owner, string? environment, PageRequest page, CancellationToken cancellationToken)
    {
        var term = q?.Trim() ?? "";
        if (term.Length is 0 or > 100)
        {
            throw DomainException.Invalid("q", "q must be 1–100 characters", "missing");
        }

        var query = db.Assets.Where(a => a.DeletedAt == null && EF.Functions.Like(a.Fqn.ToLower(), $"%{term.ToLowerInvariant()}%"));
        if (owner is { } o)
        {
            query = query.Where(a => a.OwnerTeamId == o);
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            query = query.Where(a => a.Environment == environment);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(a => a.Fqn).ThenBy(a => a.Id).Skip(page.Offset).Take(page.Limit)
            .Select(a => new AssetSearchHit(a.Id, a.Fqn, a.OwnerTeamId, db.Teams.Where(t => t.Id == a.OwnerTeamId).Select(t => t.Name).FirstOrDefault(), a.Environment, a.CreatedAt))
            .ToListAsync(cancellationToken);
        return new Page<AssetSearchHit>(rows, total, page.Limit, page.Offset);
    }

    public async Task<Asset> UpdateAsync(Caller caller, Guid id, AssetInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var asset = await FindAsync(id, cancellationToken);
        caller.RequireTeam(asset.OwnerTeamId, "this asset");
        var changed = new JsonArray();
        await using var transaction = input.ServiceId is { } s && s != asset.ServiceId ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null)
        {
            await EnsureServiceAsync(caller, input.ServiceId!.Value, cancellationToken);
            asset.ServiceId = input.ServiceId;
            changed.Add("service_id");
        }

        var fqn = input.Fqn is null ? asset.Fqn : ValidateFqn(input.Fqn);
        var environment = input.Environment is null ? asset.Environment : ValidateEnvironment(input.Environment);
        if (fqn != asset.Fqn || environment != asset.Environment)
        {
            if (await db.Assets.AnyAsync(a => a.Id != id && a.Fqn == fqn && a.Environment == environment, cancellationToken))
            {
                throw DuplicateAsset(fqn, environment);
            }

            if (fqn != asset.Fqn)
            {
                changed.Add("fqn");
            }

            if (environment != asset.Environment)
            {
                changed.Add("environment");
            }

            asset.Fqn = fqn;
            asset.Environment = environment;
        }

        if (input.OwnerTeamId is { } newTeam && newTeam != asset.OwnerTeamId)
        {
            await EnsureTeamAsync(newTeam, cancellationToken);
            asset.OwnerTeamId = newTeam;
            changed.Add("owner_team_id");
        }

        if (input.OwnerUserId is { } userId)
        {
            await EnsureUserInTeamAsync(userId, asset.OwnerTeamId, cancellationToken);
            asset.OwnerUserId = userId;
            changed.Add("owner_user_id");
        }

        if (input.Description is not null)
        {
            ValidateDescription(input.Description);
            asset.Description = input.Description;
            changed.Add("description");
        }

        if (input.Metadata is not null)
        {
            asset.MetadataJson = StoredJson.WriteObject(input.Metadata);
            changed.Add("metadata");
        }

        if (input.Tags is not null)
        {
            asset.TagsJson = StoredJson.WriteList(ValidateTags(input.Tags) ?? []);
            changed.Add("tags");
        }

        if (input.ResourceType is { } rt)
        {
            asset.ResourceType = rt;
            changed.Add("resource_type");
        }

        if (input.GuaranteeMode is { } gm)
        {
            asset.GuaranteeMode = gm;
            changed.Add("guarantee_mode");
        }

        if (input.SemverMode is { } sm)
        {
            asset.SemverMode = sm;
            changed.Add("semver_mode");
        }

        asset.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("asset", asset.Id, "asset.updated", caller, new JsonObject { ["changed_fields"] = changed });
        await SaveAsync(asset.Fqn, asset.Environment, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return asset;
    }

    public async Task DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var asset = await FindAsync(id, cancellationToken);
        caller.RequireTeam(asset.OwnerTeamId, "this asset");
        asset.DeletedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("asset", asset.Id, "asset.deleted", caller, new JsonObject { ["fqn"] = asset.Fqn });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Asset> RestoreAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        if (asset.DeletedAt is not null)
        {
            asset.DeletedAt = null;
            asset.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("asset", asset.Id, "asset.restored", caller, new JsonObject { ["fqn"] = asset.Fqn });
            await db.SaveChangesAsync(cancellationToken);
        }

        return asset;
    }

    /// <summary>At most this many asset ids per bulk assignment.</summary>
    public const int MaxBulkIds = 1000;

    /// <summary>
    /// <c>POST /assets/bulk-assign</c> (admin): sets (or, with no user, clears) the owner user of many assets. The user
    /// must belong to each asset's owner team (400 <c>USER_TEAM_MISMATCH</c> naming the assets, nothing written).
    /// Audited as <c>bulk.owner_assigned</c> and <c>asset.updated</c> per asset.
    /// </summary>
    public async Task<BulkAssignOutcome> BulkAssignOwnerAsync(Caller caller, IReadOnlyList<Guid>? assetIds, Guid? ownerUserId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        if (assetIds is null || assetIds.Count is 0 or > MaxBulkIds)
        {
            throw DomainException.Invalid("asset_ids", $"asset_ids must list 1–{MaxBulkIds} assets", assetIds is null ? "missing" : "value_error");
        }

        Users.User? user = null;
        if (ownerUserId is { } uid)
        {
            user = await db.Users.FirstOrDefaultAsync(u => u.Id == uid && u.DeactivatedAt == null, cancellationToken)
                ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, "User not found");
        }

        var wanted = assetIds.Distinct().ToList();
        var found = await db.Assets.Where(a => wanted.Contains(a.Id) && a.DeletedAt == null).OrderBy(a => a.Fqn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        if (user is not null && found.Where(a => a.OwnerTeamId != user.TeamId).Select(a => a.Id).ToList() is { Count: > 0 } mismatched)
        {
            throw DomainException.Bad(ErrorCodes.UserTeamMismatch, "The owner user does not belong to the owner team of every asset",
                new Dictionary<string, object?> { ["asset_ids"] = new JsonArray([.. mismatched.Select(id => (JsonNode)id.ToString())]) });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var updated = new List<Guid>();
        foreach (var asset in found.Where(a => a.OwnerUserId != ownerUserId))
        {
            asset.OwnerUserId = ownerUserId;
            asset.UpdatedAt = now;
            updated.Add(asset.Id);
            audit.Record("asset", asset.Id, "asset.updated", caller, new JsonObject
            {
                ["changed_fields"] = new JsonArray("owner_user_id"),
                ["owner_user_id"] = ownerUserId?.ToString(),
                ["bulk_operation"] = "bulk_assign",
            });
        }

        if (updated.Count > 0)
        {
            audit.Record("asset", updated[0], "bulk.owner_assigned", caller, new JsonObject
            {
                ["new_owner_user_id"] = ownerUserId?.ToString(),
                ["asset_count"] = updated.Count,
                ["asset_ids"] = new JsonArray([.. updated.Select(id => (JsonNode)id.ToString())]),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var foundIds = found.Select(a => a.Id).ToHashSet();
        return new BulkAssignOutcome([.. found.Select(a => a.Id)], [.. wanted.Where(id => !foundIds.Contains(id))], ownerUserId);
    }

    public static string ValidateFqn(string? fqn)
    {
        var clean = fqn?.Trim() ?? "";
        if (clean.Length < 3 || clean.Length > MaxFqnLength)
        {
            throw DomainException.Invalid("fqn", $"fqn must be 3–{MaxFqnLength} characters", "value_error.any_str.length");
        }

        if (!FqnPattern().IsMatch(clean))
        {
            throw DomainException.Invalid("fqn",
                "fqn must have at least two dot-separated segments, each starting with a letter or '_' followed by letters, digits or '_'");
        }

        return clean;
    }

    private static string ValidateEnvironment(string environment)
    {
        var clean = environment.Trim();
        return clean.Length is 0 or > 50 ? throw DomainException.Invalid("environment", "environment must be 1–50 characters") : clean;
    }

    private static void ValidateDescription(string? description)
    {
        if (description is { Length: > 2000 })
        {
            throw DomainException.Invalid("description", "description must be at most 2000 characters");
        }
    }

    private static List<string>? ValidateTags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > 100 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 100))
        {
            throw DomainException.Invalid("tags", "tags must be at most 100 non-empty strings of at most 100 characters");
        }

        return [.. tags.Select(t => t.Trim())];
    }

    private async Task EnsureTeamAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }
    }

    /// <summary>
    /// The service an asset is attached to must be live (in a live repo) and belong to the caller's team (admin
    /// bypasses). Holds a share lock on the service row until the transaction ends, so a concurrent service delete
    /// cannot leave the asset pointing at a deleted service.
    /// </summary>
    private async Task EnsureServiceAsync(Caller caller, Guid serviceId, CancellationToken cancellationToken)
    {
        await RowLocks.ServiceAsync(db, serviceId, exclusive: false, cancellationToken);
        var owner = await (from s in db.Services
                           join r in db.Repos on s.RepoId equals r.Id
                           where s.Id == serviceId && s.DeletedAt == null && r.DeletedAt == null
                           select (Guid?)r.OwnerTeamId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ServiceNotFound, "Service not found");
        caller.RequireTeam(owner, "this service");
    }

    private async Task EnsureUserInTeamAsync(Guid userId, Guid teamId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeactivatedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, "User not found");
        if (user.TeamId != teamId)
        {
            throw DomainException.Bad(ErrorCodes.UserTeamMismatch, "The owner user does not belong to the owner team");
        }
    }

    private async Task SaveAsync(string fqn, string environment, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw DuplicateAsset(fqn, environment);
        }
    }

    private static DomainException DuplicateAsset(string fqn, string environment) =>
        DomainException.Conflict(ErrorCodes.DuplicateAsset, $"An asset '{fqn}' already exists in environment '{environment}'");

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    private static partial Regex FqnPattern();
}

/// <summary>Defaults for new assets (DEFAULT_ENVIRONMENT).</summary>
public sealed record AssetDefaults(string Environment);
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Teams;

public sealed record TeamListItem(Team Team, int AssetCount);

/// <summary>What a reassignment moved: the assets, the ids that were not active assets of the source team, owner users cleared.</summary>
public sealed record ReassignOutcome(Team Source, Team Target, IReadOnlyList<Guid> Reassigned, IReadOnlyList<Guid> NotFound, int OwnerUsersCleared);

/// <summary>Team use cases: create, read, rename, soft delete and restore.</summary>
public sealed partial class TeamService(TesseraDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNameLength = 255;

    public async Task<Team> CreateAsync(Caller caller, string? name, JsonObject? metadata, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var clean = ValidateName(name);
        await EnsureNameFreeAsync(clean, null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var team = new Team { Name = clean, MetadataJson = StoredJson.WriteObject(metadata), CreatedAt = now, UpdatedAt = now };
        db.Teams.Add(team);
        audit.Record("team", team.Id, "team.created", caller, new JsonObject { ["name"] = clean });
        await SaveAsync(cancellationToken);
        return team;
    }

    public async Task<Team> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Teams.FirstOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");

    public async Task<Page<TeamListItem>> ListAsync(string? name, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Teams.Where(t => t.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(name))
        {
            var pattern = $"%{name.Trim().ToLowerInvariant()}%";
            query = query.Where(t => EF.Functions.Like(t.Name.ToLower(), pattern));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip(page.Offset).Take(page.Limit)
            .Select(t => new TeamListItem(t, db.Assets.Count(a => a.OwnerTeamId == t.Id && a.DeletedAt == null)))
            .ToListAsync(cancellationToken);
        return new Page<TeamListItem>(rows, total, page.Limit, page.Offset);
    }

    public async Task<Team> UpdateAsync(Caller caller, Guid id, string? name, JsonObject? metadata, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var team = await GetAsync(id, cancellationToken);
        var changed = new JsonArray();
        if (name is not null)
        {
            var clean = ValidateName(name);
            if (clean != team.Name)
            {
                await EnsureNameFreeAsync(clean, team.Id, cancellationToken);
                team.Name = clean;
                changed.Add("name");
            }
        }

        if (metadata is not null)
        {
            team.MetadataJson = StoredJson.WriteObject(metadata);
            changed.Add("metadata");
        }

        team.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("team", team.Id, "team.updated", caller, new JsonObject { ["changed_fields"] = changed });
        await SaveAsync(cancellationToken);
        return team;
    }

    public async Task DeleteAsync(Caller caller, Guid id, bool force, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var team = await GetAsync(id, cancellationToken);
        var assetCount = await db.Assets.CountAsync(a => a.OwnerTeamId == id && a.DeletedAt == null, cancellationToken);
        if (assetCount > 0 && !force)
        {
            throw DomainException.Conflict(ErrorCodes.TeamHasAssets,
                $"Team owns {assetCount} active asset(s); reassign them or delete with force=true",
                new Dictionary<string, object?> { ["asset_count"] = assetCount });
        }

        team.DeletedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("team", team.Id, "team.deleted", caller, new JsonObject { ["name"] = team.Name, ["force"] = force });
        await SaveAsync(cancellationToken);
    }

    public async Task<Team> RestoreAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        if (team.DeletedAt is not null)
        {
            await EnsureNameFreeAsync(team.Name, team.Id, cancellationToken);
            team.DeletedAt = null;
            team.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("team", team.Id, "team.restored", caller, new JsonObject { ["name"] = team.Name });
            await SaveAsync(cancellationToken);
        }

        return team;
    }

    /// <summary>At most this many asset ids per reassignment request.</summary>
    public const int MaxReassignIds = 1000;

    /// <summary>
    /// <c>POST /teams/{id}/reassign-assets</c> (admin): moves the source team's active assets (all, or the listed ones)
    /// to the target team. An owner user who is not a member of the target team is cleared, so an asset never keeps
    /// an owner user from another team. Audited as <c>bulk.assets_reassigned</c> on the source team and
    /// <c>asset.updated</c> on each asset, in one transaction.
    /// </summary>
    public async Task<ReassignOutcome> ReassignAssetsAsync(Caller caller, Guid sourceTeamId, Guid? targetTeamId, IReadOnlyList<Guid>? assetIds,
        CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var targetId = targetTeamId ?? throw DomainException.Invalid("target_team_id", "target_team_id is required", "missing");
        if (assetIds is { Count: 0 } || assetIds?.Count > MaxReassignIds)
        {
            throw DomainException.Invalid("asset_ids", $"asset_ids must list 1–{MaxReassignIds} assets, or be left out to move all of them");
        }

        var source = await GetAsync(sourceTeamId, cancellationToken);
        var target = await db.Teams.FirstOrDefaultAsync(t => t.Id == targetId && t.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Target team not found");
        if (source.Id == target.Id)
        {
            throw DomainException.Bad(ErrorCodes.SameTeam, "Source and target team are the same");
        }

        var query = db.Assets.Where(a => a.OwnerTeamId == source.Id && a.DeletedAt == null);
        List<Guid> wanted = [];
        if (assetIds is not null)
        {
            wanted = [.. assetIds.Distinct()];
            query = query.Where(a => wanted.Contains(a.Id));
        }

        var moving = await query.OrderBy(a => a.Fqn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var members = await db.Users.Where(u => u.TeamId == target.Id && u.DeactivatedAt == null).Select(u => u.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var cleared = 0;
        foreach (var asset in moving)
        {
            var changed = new JsonArray("owner_team_id");
            asset.OwnerTeamId = target.Id;
            if (asset.OwnerUserId is { } user && !members.Contains(user))
            {
                asset.OwnerUserId = null;
                changed.Add("owner_user_id");
                cleared++;
            }

            asset.UpdatedAt = now;
            audit.Record("asset", asset.Id, "asset.updated", caller, new JsonObject
            {
                ["changed_fields"] = changed,
                ["previous_owner_team_id"] = source.Id.ToString(),
                ["owner_team_id"] = target.Id.ToString(),
                ["bulk_operation"] = "reassign_assets",
            });
        }

        var moved = moving.Select(a => a.Id).ToList();
        if (moved.Count > 0)
        {
            audit.Record("team", source.Id, "bulk.assets_reassigned", caller, new JsonObject
            {
                ["source_team_id"] = source.Id.ToString(),
                ["target_team_id"] = target.Id.ToString(),
                ["asset_count"] = moved.Count,
                ["asset_ids"] = new JsonArray([.. moved.Select(id => (JsonNode)id.ToString())]),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return new ReassignOutcome(source, target, moved, [.. wanted.Where(id => !moved.Contains(id))], cleared);
    }

    public static string ValidateName(string? name)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length is 0 or > MaxNameLength)
        {
            throw DomainException.Invalid("name", $"name must be 1–{MaxNameLength} characters", "value_error.any_str.length");
        }

        if (!NamePattern().IsMatch(clean))
        {
            throw DomainException.Invalid("name",
                "name must start and end with a letter or digit and contain only letters, digits, '_', '-' and spaces");
        }

        return clean;
    }

    private async Task EnsureNameFreeAsync(string name, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.Teams.AnyAsync(t => t.Name == name && t.DeletedAt == null && t.Id != except, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateTeam, $"A team named '{name}' already exists");
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
            throw DomainException.Conflict(ErrorCodes.DuplicateTeam, "A team with this name already exists");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9_\- ]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();
}
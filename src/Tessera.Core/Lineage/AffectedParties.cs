using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Lineage;

/// <summary>One asset reached by walking lineage downstream from a changed asset.</summary>
public sealed record DownstreamAsset(Guid AssetId, string Fqn, ResourceType ResourceType, Guid OwnerTeamId, string OwnerTeamName, Guid? OwnerUserId,
    DependencyType DependencyType, Guid ViaAssetId, int Depth);

/// <summary>The downstream walk: the assets found (shallowest first) and whether the walk was cut short.</summary>
public sealed record DownstreamWalk(IReadOnlyList<DownstreamAsset> Assets, bool Truncated, int MaxDepth);

/// <summary>An active consumer of an asset: a team with an active registration on any of its contracts.</summary>
public sealed record ConsumerParty(Guid TeamId, string TeamName, Guid RegistrationId, Guid ContractId, Guid AssetId, string? PinnedVersion,
    RegistrationStatus Status, DateTime RegisteredAt);

/// <summary>
/// Who a change to an asset reaches (api.md §3.7, DECISIONS §5.4): the consumer teams registered on it, and the
/// live downstream assets with their owner teams. Proposals snapshot the depth-1 lineage (only those teams may
/// object); impact analysis walks it transitively with a bounded depth.
/// </summary>
public static class AffectedParties
{
    /// <summary>At most this many downstream assets are walked; beyond it the walk reports <c>truncated</c>.</summary>
    public const int MaxDownstreamAssets = 500;

    /// <summary>
    /// Depth-1 downstream assets owned by other teams than the asset's owner, as the proposal snapshot:
    /// <c>affected_teams [{team_id, team_name, assets}]</c> and <c>affected_assets [{asset_id, asset_fqn, owner_team_id, …}]</c>.
    /// </summary>
    public static async Task<(JsonArray Teams, JsonArray Assets)> ComputeAsync(TesseraDbContext db, Asset asset, CancellationToken cancellationToken)
    {
        var walk = await DownstreamAsync(db, asset.Id, 1, cancellationToken);
        var rows = walk.Assets.Where(a => a.OwnerTeamId != asset.OwnerTeamId).OrderBy(a => a.OwnerTeamName, StringComparer.Ordinal)
            .ThenBy(a => a.Fqn, StringComparer.Ordinal).ToList();
        var assets = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["asset_id"] = r.AssetId.ToString(),
            ["asset_fqn"] = r.Fqn,
            ["owner_team_id"] = r.OwnerTeamId.ToString(),
            ["owner_team_name"] = r.OwnerTeamName,
            ["owner_user_id"] = r.OwnerUserId?.ToString(),
            ["dependency_type"] = r.DependencyType.ToWire(),
        })]);
        var teams = new JsonArray([.. rows.GroupBy(r => (r.OwnerTeamId, r.OwnerTeamName)).Select(g => (JsonNode)new JsonObject
        {
            ["team_id"] = g.Key.OwnerTeamId.ToString(),
            ["team_name"] = g.Key.OwnerTeamName,
            ["assets"] = new JsonArray([.. g.Select(r => (JsonNode)r.AssetId.ToString())]),
        })]);
        return (teams, assets);
    }

    /// <summary>
    /// Active consumers of the given assets, one per team (the team's most recent registration), ordered by team name.
    /// Registrations follow the asset (DECISIONS §3.2), so a registration on any version counts.
    /// </summary>
    public static async Task<IReadOnlyList<ConsumerParty>> ConsumersAsync(TesseraDbContext db, IReadOnlyCollection<Guid> assetIds,
        CancellationToken cancellationToken)
    {
        if (assetIds.Count == 0)
        {
            return [];
        }

        var ids = assetIds.ToList();
        var rows = await (from r in db.Registrations
                          join t in db.Teams on r.ConsumerTeamId equals t.Id
                          where ids.Contains(r.AssetId) && r.DeletedAt == null && r.Status == RegistrationStatus.Active && t.DeletedAt == null
                          select new ConsumerParty(r.ConsumerTeamId, t.Name, r.Id, r.ContractId, r.AssetId, r.PinnedVersion, r.Status, r.RegisteredAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.RegisteredAt).ThenBy(r => r.RegistrationId)
            .DistinctBy(r => (r.AssetId, r.TeamId))
            .OrderBy(r => r.TeamName, StringComparer.Ordinal).ThenBy(r => r.TeamId)];
    }

    public static Task<IReadOnlyList<ConsumerParty>> ConsumersAsync(TesseraDbContext db, Guid assetId, CancellationToken cancellationToken) =>
        ConsumersAsync(db, [assetId], cancellationToken);

    /// <summary>Consumers on the wire: <c>[{registration_id, team_id, team_name, contract_id, pinned_version, status}]</c>.</summary>
    public static JsonArray ConsumersJson(IEnumerable<ConsumerParty> consumers) => new([.. consumers.Select(c => (JsonNode)new JsonObject
    {
        ["registration_id"] = c.RegistrationId.ToString(),
        ["team_id"] = c.TeamId.ToString(),
        ["team_name"] = c.TeamName,
        ["contract_id"] = c.ContractId.ToString(),
        ["pinned_version"] = c.PinnedVersion,
        ["status"] = c.Status.ToWire(),
    })]);

    /// <summary>
    /// Breadth-first walk downstream (assets that depend on <paramref name="rootId"/>, then on those, …) over live
    /// edges and live assets, up to <paramref name="maxDepth"/> hops. Cycle-safe (each asset once, at its shallowest
    /// depth); stops after <see cref="MaxDownstreamAssets"/> assets with <c>Truncated</c> set.
    /// </summary>
    public static async Task<DownstreamWalk> DownstreamAsync(TesseraDbContext db, Guid rootId, int maxDepth, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid> { rootId };
        var found = new List<DownstreamAsset>();
        var frontier = new List<Guid> { rootId };
        var truncated = false;
        for (var depth = 1; depth <= maxDepth && frontier.Count > 0 && !truncated; depth++)
        {
            var current = frontier;
            var edges = await (from d in db.Dependencies
                               join a in db.Assets on d.DependentAssetId equals a.Id
                               join t in db.Teams on a.OwnerTeamId equals t.Id
                               where current.Contains(d.DependencyAssetId) && d.DeletedAt == null && a.DeletedAt == null
                               select new { a.Id, a.Fqn, a.ResourceType, a.OwnerTeamId, TeamName = t.Name, a.OwnerUserId, d.DependencyType, Via = d.DependencyAssetId })
                .ToListAsync(cancellationToken);
            frontier = [];
            foreach (var e in edges.OrderBy(e => e.Fqn, StringComparer.Ordinal).ThenBy(e => e.Id).ThenBy(e => e.DependencyType))
            {
                if (!seen.Add(e.Id))
                {
                    continue;
                }

                if (found.Count >= MaxDownstreamAssets)
                {
                    truncated = true;
                    break;
                }

                found.Add(new DownstreamAsset(e.Id, e.Fqn, e.ResourceType, e.OwnerTeamId, e.TeamName, e.OwnerUserId, e.DependencyType, e.Via, depth));
                frontier.Add(e.Id);
            }
        }

        return new DownstreamWalk(found, truncated, maxDepth);
    }
}
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Assets;
using Tessera.Core.Persistence;

namespace Tessera.Core.Lineage;

/// <summary>
/// Who a change to an asset reaches through lineage: the live downstream assets (depth 1) owned by other teams,
/// grouped by team (api.md §3.7). Snapshotted on proposals; only these teams may object.
/// </summary>
public static class AffectedParties
{
    public static async Task<(JsonArray Teams, JsonArray Assets)> ComputeAsync(TesseraDbContext db, Asset asset, CancellationToken cancellationToken)
    {
        var rows = await (from d in db.Dependencies
                          join a in db.Assets on d.DependentAssetId equals a.Id
                          join t in db.Teams on a.OwnerTeamId equals t.Id
                          where d.DependencyAssetId == asset.Id && d.DeletedAt == null && a.DeletedAt == null && a.OwnerTeamId != asset.OwnerTeamId
                          orderby t.Name, a.Fqn
                          select new { a.Id, a.Fqn, a.OwnerTeamId, TeamName = t.Name, a.OwnerUserId, d.DependencyType }).ToListAsync(cancellationToken);
        var assets = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["asset_id"] = r.Id.ToString(),
            ["asset_fqn"] = r.Fqn,
            ["owner_team_id"] = r.OwnerTeamId.ToString(),
            ["owner_team_name"] = r.TeamName,
            ["owner_user_id"] = r.OwnerUserId?.ToString(),
            ["dependency_type"] = r.DependencyType.ToString().ToLowerInvariant(),
        })]);
        var teams = new JsonArray([.. rows.GroupBy(r => (r.OwnerTeamId, r.TeamName)).Select(g => (JsonNode)new JsonObject
        {
            ["team_id"] = g.Key.OwnerTeamId.ToString(),
            ["team_name"] = g.Key.TeamName,
            ["assets"] = new JsonArray([.. g.Select(r => (JsonNode)r.Id.ToString())]),
        })]);
        return (teams, assets);
    }
}
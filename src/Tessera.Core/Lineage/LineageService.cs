using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Lineage;

/// <summary>Dependencies between assets (manual edges) and the one-hop lineage view.</summary>
public sealed class LineageService(TesseraDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Dependency> AddAsync(Caller caller, Guid assetId, Guid? dependsOn, DependencyType? type, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        caller.RequireTeam(asset.OwnerTeamId, "this asset");
        var target = dependsOn ?? throw DomainException.Invalid("depends_on_asset_id", "depends_on_asset_id (or target_asset_id) is required", "missing");
        if (target == assetId)
        {
            throw DomainException.Bad(ErrorCodes.SelfDependency, "An asset cannot depend on itself");
        }

        if (!await db.Assets.AnyAsync(a => a.Id == target && a.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.AssetNotFound, "The asset depended on was not found");
        }

        if (await db.Dependencies.AnyAsync(d => d.DependentAssetId == assetId && d.DependencyAssetId == target && d.DeletedAt == null, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateDependency, "This dependency already exists");
        }

        var dependency = new Dependency
        {
            DependentAssetId = assetId,
            DependencyAssetId = target,
            DependencyType = type ?? DependencyType.Consumes,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Dependencies.Add(dependency);
        audit.Record("dependency", dependency.Id, "dependency.created", caller, new JsonObject
        {
            ["source_asset_id"] = assetId.ToString(),
            ["target_asset_id"] = target.ToString(),
            ["dependency_type"] = dependency.DependencyType.ToWire(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateDependency, "This dependency already exists");
        }

        return dependency;
    }

    public async Task<Page<Dependency>> ListAsync(Guid assetId, PageRequest page, CancellationToken cancellationToken)
    {
        if (!await db.Assets.AnyAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        }

        var query = db.Dependencies.Where(d => d.DependentAssetId == assetId && d.DeletedAt == null);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        return new Page<Dependency>(rows, total, page.Limit, page.Offset);
    }

    public async Task RemoveAsync(Caller caller, Guid assetId, Guid dependencyId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        caller.RequireTeam(asset.OwnerTeamId, "this asset");
        var dependency = await db.Dependencies.FirstOrDefaultAsync(d => d.Id == dependencyId && d.DependentAssetId == assetId && d.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.DependencyNotFound, "Dependency not found");
        dependency.DeletedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("dependency", dependency.Id, "dependency.deleted", caller, new JsonObject
        {
            ["source_asset_id"] = assetId.ToString(),
            ["target_asset_id"] = dependency.DependencyAssetId.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One hop: upstream assets, consumer teams (registrations on any version), downstream assets.</summary>
    public async Task<JsonObject> LineageAsync(Guid assetId, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        var ownerName = await db.Teams.Where(t => t.Id == asset.OwnerTeamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var upstream = await (from d in db.Dependencies
                              join a in db.Assets on d.DependencyAssetId equals a.Id
                              join t in db.Teams on a.OwnerTeamId equals t.Id
                              where d.DependentAssetId == assetId && d.DeletedAt == null && a.DeletedAt == null
                              orderby a.Fqn
                              select new { a.Id, a.Fqn, d.DependencyType, t.Name }).ToListAsync(cancellationToken);
        var downstreamAssets = await (from d in db.Dependencies
                                      join a in db.Assets on d.DependentAssetId equals a.Id
                                      join t in db.Teams on a.OwnerTeamId equals t.Id
                                      where d.DependencyAssetId == assetId && d.DeletedAt == null && a.DeletedAt == null
                                      orderby a.Fqn
                                      select new { a.Id, a.Fqn, d.DependencyType, t.Name }).ToListAsync(cancellationToken);
        var consumers = await (from r in db.Registrations
                               join t in db.Teams on r.ConsumerTeamId equals t.Id
                               where r.AssetId == assetId && r.DeletedAt == null && t.DeletedAt == null
                               orderby t.Name
                               select new { r.ConsumerTeamId, t.Name, r.ContractId, r.Status, r.PinnedVersion }).ToListAsync(cancellationToken);
        return new JsonObject
        {
            ["asset_id"] = asset.Id.ToString(),
            ["asset_fqn"] = asset.Fqn,
            ["owner_team_id"] = asset.OwnerTeamId.ToString(),
            ["owner_team_name"] = ownerName,
            ["upstream"] = new JsonArray([.. upstream.Select(u => (JsonNode)new JsonObject
            {
                ["asset_id"] = u.Id.ToString(), ["asset_fqn"] = u.Fqn, ["dependency_type"] = u.DependencyType.ToWire(), ["owner_team"] = u.Name,
            })]),
            ["downstream"] = new JsonArray([.. consumers.GroupBy(c => (c.ConsumerTeamId, c.Name)).Select(g => (JsonNode)new JsonObject
            {
                ["team_id"] = g.Key.ConsumerTeamId.ToString(),
                ["team_name"] = g.Key.Name,
                ["registrations"] = new JsonArray([.. g.Select(r => (JsonNode)new JsonObject
                {
                    ["contract_id"] = r.ContractId.ToString(), ["status"] = r.Status.ToWire(), ["pinned_version"] = r.PinnedVersion,
                })]),
            })]),
            ["downstream_assets"] = new JsonArray([.. downstreamAssets.Select(u => (JsonNode)new JsonObject
            {
                ["asset_id"] = u.Id.ToString(), ["asset_fqn"] = u.Fqn, ["dependency_type"] = u.DependencyType.ToWire(), ["owner_team"] = u.Name,
            })]),
        };
    }
}
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Persistence;

namespace Tessera.Core.Ingestion.Dbt;

/// <summary>
/// <c>POST /sync/dbt/impact</c> and <c>/sync/dbt/diff</c>: what an upload of the manifest would do, read-only and
/// judged exactly as the upload judges it (the same plan, the same publish verdict under the active and the
/// requested mode and the asset's guarantee_mode; compatibility.md §8.22–23 fixed: the proposed schema has its
/// not-null <c>required</c>, and identical contracts are <c>unchanged</c>).
/// </summary>
public sealed class DbtPreview(TesseraDbContext db, DbtSyncPlanner planner, DbtSyncSettings settings, AssetDefaults defaults)
{
    public async Task<DbtImpactResult> ImpactAsync(Caller caller, string manifest, Guid? ownerTeamId, string? environment, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(caller, manifest, ownerTeamId, environment, cancellationToken);
        var results = new List<DbtImpactItem>();
        foreach (var node in plan.Plan.Nodes)
        {
            var verdict = node.Verdict;
            var changeType = verdict?.ChangeType.ToWire() ?? (node.ContractUnchanged ? VersionChange.Patch.ToWire() : null);
            results.Add(new DbtImpactItem(node.Fqn, node.Node.UniqueId, node.Current is not null, verdict?.Compatible ?? true, changeType,
                verdict?.Breaking.DeepClone().AsArray() ?? [], node.Asset?.Id, node.Current?.Version));
        }

        var breaking = results.Count(r => !r.SafeToPublish);
        return new DbtImpactResult(breaking > 0 ? "breaking_changes_detected" : "success", results.Count, results.Count(r => r.HasContract), breaking, results);
    }

    public async Task<DbtDiffResult> DiffAsync(Caller caller, string manifest, bool failOnBreaking, string? environment, CancellationToken cancellationToken)
    {
        var (plan, input) = await PlanAsync(caller, manifest, null, environment, cancellationToken);
        var models = new List<DbtDiffItem>();
        var warnings = new List<string>(plan.Collisions);
        foreach (var node in plan.Nodes)
        {
            var changed = node.Existing is null ? [] : node.AssetChanges().ToList();
            string schemaChange;
            if (node.Current is not null)
            {
                schemaChange = node.ContractUnchanged ? "none" : node.Verdict!.Compatible ? "compatible" : "breaking";
            }
            else
            {
                schemaChange = node.Existing is not null && node.HasSchema ? "compatible" : "none";
            }

            if (schemaChange != "none")
            {
                changed.Add("contract");
            }

            if (node.IsConflict)
            {
                warnings.Add($"{node.Fqn}: the asset there is not managed by {node.Node.UniqueId} (managed by {node.ExistingDbtId ?? "nothing"}); conflict_mode decides what an upload does");
            }

            if (node.OwnerTeam is null)
            {
                warnings.AddRange(node.OwnershipWarnings);
            }

            var changeType = node.Existing is null || node.Existing.DeletedAt is not null ? "new" : changed.Count > 0 ? "modified" : "unchanged";
            models.Add(new DbtDiffItem(node.Fqn, node.Node.UniqueId, changeType, node.OwnerTeam?.Name,
                [.. node.DeclaredConsumers.Select(c => c.Name)], [.. node.ConsumersFromRefs.Select(t => t.Name)], node.HasSchema, schemaChange,
                node.Verdict is { Compatible: false } verdict ? verdict.Breaking.DeepClone().AsArray() : [], node.ResourceType.ToWire(), changed));
        }

        var deleted = await planner.FindMissingAsync(plan, input.Manifest, null, cancellationToken);
        if (deleted.Count > 0)
        {
            var ids = deleted.Select(a => a.Id).ToList();
            var consumers = (await (from r in db.Registrations
                                    join t in db.Teams on r.ConsumerTeamId equals t.Id
                                    where ids.Contains(r.AssetId) && r.DeletedAt == null && r.Status == RegistrationStatus.Active && t.DeletedAt == null
                                    select new { r.AssetId, t.Name }).ToListAsync(cancellationToken))
                .GroupBy(r => r.AssetId).ToDictionary(g => g.Key, g => g.Select(r => r.Name).Order(StringComparer.Ordinal).ToList());
            var ownerIds = deleted.Select(a => a.OwnerTeamId).Distinct().ToList();
            var owners = await db.Teams.Where(t => ownerIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            foreach (var asset in deleted)
            {
                if (consumers.TryGetValue(asset.Id, out var names))
                {
                    warnings.Add($"{asset.Fqn} is no longer in the manifest but {names.Count} consumer team(s) are registered on it: {string.Join(", ", names)}");
                }

                models.Add(new DbtDiffItem(asset.Fqn, DbtSyncPlanner.DbtIdOf(asset.MetadataJson)!, "deleted", owners.GetValueOrDefault(asset.OwnerTeamId), [],
                    [], false, "none", [], asset.ResourceType.ToWire(), []));
            }
        }

        var metaErrors = plan.Nodes.SelectMany(n => n.MetaErrors.Select(e => e.Message)).ToList();
        var summary = new DbtDiffSummary(models.Count(m => m.ChangeType == "new"), models.Count(m => m.ChangeType == "modified"),
            models.Count(m => m.ChangeType == "deleted"), models.Count(m => m.SchemaChangeType == "breaking"), models.Count(m => m.ChangeType == "unchanged"));
        var status = summary.Breaking > 0 ? "breaking_changes_detected"
            : summary.New + summary.Modified + summary.Deleted > 0 ? "changes_detected" : "clean";
        return new DbtDiffResult(status, summary, (failOnBreaking && summary.Breaking > 0) || metaErrors.Count > 0, models, warnings, metaErrors);
    }

    private async Task<(DbtSyncPlan Plan, DbtManifestInput Input)> PlanAsync(Caller caller, string manifest, Guid? ownerTeamId, string? environment,
        CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var env = DbtRequests.Environment(environment, defaults);
        var input = DbtManifestInput.Read(manifest, settings);
        var owner = await DbtRequests.OwnerTeamAsync(db, ownerTeamId, cancellationToken);
        var plan = await planner.PlanAsync(input, env, owner, cancellationToken);
        foreach (var node in plan.Nodes)
        {
            node.Asset = node.Existing is { DeletedAt: null } live ? live : null;
        }

        await planner.JudgeAsync(plan, input, cancellationToken);
        return (plan, input);
    }
}
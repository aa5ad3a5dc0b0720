using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Lineage;
using Tessera.Core.Persistence;
using Tessera.Core.Registrations;
using Tessera.Core.Teams;
using Tessera.Schemas.Dbt;

namespace Tessera.Core.Ingestion.Dbt;

/// <summary>
/// <c>POST /sync/dbt/upload</c> (api.md §2.10, compatibility.md §4.5 with the §8.22 fixes): one asset per model,
/// seed, snapshot and source; lineage edges from <c>depends_on</c>; consumers from <c>meta.tessera.consumers</c>
/// and refs; and each node's contract published through <see cref="ContractPublisher"/>, the workflow of a hand
/// publish: a compatible change publishes, a breaking one opens a proposal (or publishes at once when nobody
/// consumes the asset, DECISIONS §3.3), an unchanged one writes nothing. The contract document is the node's
/// one-node manifest, judged natively by the dbt engine; the manifest itself is kept once as a source document.
/// Everything that can be refused (the manifest, the options, a conflict in <c>fail</c> mode) is refused before
/// anything is written.
/// </summary>
public sealed class DbtImporter(
    TesseraDbContext db, DbtSyncPlanner planner, ContractPublisher publisher, SourceDocumentStore documents, AuditLog audit, TimeProvider clock,
    DbtSyncSettings settings, AssetDefaults defaults)
{
    private const int MaxListed = 20;

    public async Task<DbtUploadResult> UploadAsync(Caller caller, DbtUploadRequest request, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var conflictMode = ParseConflictMode(request.ConflictMode);
        var environment = DbtRequests.Environment(request.Environment, defaults);
        var input = DbtManifestInput.Read(request.Manifest, settings);
        var owner = await DbtRequests.OwnerTeamAsync(db, request.OwnerTeamId, cancellationToken);
        var report = new Report();

        DbtSyncPlan plan;
        await using (var transaction = await WriteLock.BeginAsync(db, null, cancellationToken))
        {
            plan = await planner.PlanAsync(input, environment, owner, cancellationToken);
            var conflicts = plan.Nodes.Where(n => n.IsConflict).ToList();
            if (conflictMode == "fail" && conflicts.Count > 0)
            {
                throw DomainException.Conflict(ErrorCodes.SyncConflict,
                    $"{conflicts.Count} node(s) of the manifest collide with assets that this manifest does not manage (conflict_mode fail)",
                    new Dictionary<string, object?>
                    {
                        ["conflicts"] = new JsonArray([.. conflicts.Take(MaxListed).Select(c => (JsonNode)new JsonObject
                        {
                            ["fqn"] = c.Fqn,
                            ["node_id"] = c.Node.UniqueId,
                            ["asset_id"] = c.Existing!.Id.ToString(),
                            ["managed_by"] = c.ExistingDbtId,
                        })]),
                        ["total"] = conflicts.Count,
                    });
            }

            WriteAssets(caller, plan, conflictMode, report);
            await db.SaveChangesAsync(cancellationToken);
            if (request.AutoDelete)
            {
                await DeleteMissingAsync(caller, plan, input.Manifest, owner, report, cancellationToken);
            }

            await WriteDependenciesAsync(caller, plan, report, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        if (request.AutoRegisterConsumers)
        {
            // Consumers declared for assets that already have a contract count for this run's breaking changes.
            await RegisterConsumersAsync(caller, plan, request.InferConsumersFromRefs, report, final: false, cancellationToken);
        }

        Guid? sourceDocumentId = null;
        if (request.AutoPublishContracts || request.AutoCreateProposals)
        {
            await planner.JudgeAsync(plan, input, cancellationToken);
            sourceDocumentId = await PublishContractsAsync(caller, plan, input, request, report, cancellationToken);
        }

        if (request.AutoRegisterConsumers)
        {
            await RegisterConsumersAsync(caller, plan, request.InferConsumersFromRefs, report, final: true, cancellationToken);
        }

        foreach (var node in plan.Nodes)
        {
            report.Ownership.AddRange(node.OwnershipWarnings);
            report.Ownership.AddRange(node.MetaErrors.Where(e => e.Kind == DbtMetaProblem.Owner).Select(e => e.Message));
            report.Contract.AddRange(node.MetaErrors.Where(e => e.Kind == DbtMetaProblem.Mode).Select(e => e.Message));
        }

        report.Ownership.AddRange(plan.Collisions);
        return report.ToResult(conflictMode, plan.Nodes.Count(n => n.Guarantees.Count > 0), environment, sourceDocumentId);
    }

    private static string ParseConflictMode(string? mode) => mode switch
    {
        null => "ignore",
        "ignore" or "overwrite" or "fail" => mode,
        _ => throw DomainException.Bad(ErrorCodes.ConflictModeInvalid, $"conflict_mode must be ignore, overwrite or fail, not '{mode}'",
            new Dictionary<string, object?> { ["conflict_mode"] = mode, ["allowed"] = new JsonArray("ignore", "overwrite", "fail") }),
    };

    /// <summary>Creates, updates (or restores) and skips assets; counts go to <paramref name="report"/>.</summary>
    private void WriteAssets(Caller caller, DbtSyncPlan plan, string conflictMode, Report report)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        report.Skipped += plan.Collisions.Count;
        foreach (var node in plan.Nodes)
        {
            if (node.OwnerTeam is not { } owner)
            {
                report.Skipped++;
                continue;
            }

            if (node.Existing is null)
            {
                var asset = new Asset
                {
                    Fqn = node.Fqn,
                    Environment = plan.Environment,
                    OwnerTeamId = owner.Id,
                    OwnerUserId = node.OwnerUserId,
                    Description = node.Description,
                    MetadataJson = StoredJson.WriteObject(node.Metadata),
                    ResourceType = node.ResourceType,
                    TagsJson = StoredJson.WriteList(node.Tags),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Assets.Add(asset);
                audit.Record("asset", asset.Id, "asset.created", caller, new JsonObject
                {
                    ["fqn"] = asset.Fqn,
                    ["owner_team_id"] = owner.Id.ToString(),
                    ["source"] = "dbt",
                    ["dbt_id"] = node.Node.UniqueId,
                });
                node.Asset = asset;
                report.Created++;
                continue;
            }

            if (node.IsConflict && conflictMode == "ignore")
            {
                report.Skipped++;
                continue;
            }

            var existing = node.Existing;
            node.Asset = existing;
            var changed = node.AssetChanges();
            if (changed.Count == 0)
            {
                report.Skipped++;
                continue;
            }

            if (existing.DeletedAt is not null)
            {
                existing.DeletedAt = null;
                audit.Record("asset", existing.Id, "asset.restored", caller, new JsonObject { ["fqn"] = existing.Fqn, ["source"] = "dbt" });
            }

            existing.OwnerTeamId = owner.Id;
            existing.OwnerUserId = node.OwnerUserId;
            existing.Description = node.Description;
            existing.ResourceType = node.ResourceType;
            existing.MetadataJson = StoredJson.WriteObject(node.Metadata);
            existing.TagsJson = StoredJson.WriteList(node.Tags);
            existing.UpdatedAt = now;
            audit.Record("asset", existing.Id, "asset.updated", caller, new JsonObject
            {
                ["changed_fields"] = new JsonArray([.. changed.Where(c => c != "deleted_at").Select(c => (JsonNode)c)]),
                ["source"] = "dbt",
                ["dbt_id"] = node.Node.UniqueId,
                ["took_over"] = node.IsConflict,
            });
            report.Updated++;
        }
    }

    /// <summary>auto_delete: soft-deletes the owner teams' dbt assets of this manifest's packages that it no longer has.</summary>
    private async Task DeleteMissingAsync(Caller caller, DbtSyncPlan plan, DbtManifest manifest, Team? owner, Report report, CancellationToken cancellationToken)
    {
        var teams = plan.Nodes.Select(n => n.OwnerTeam?.Id).OfType<Guid>().ToHashSet();
        if (owner is not null)
        {
            teams.Add(owner.Id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var asset in await planner.FindMissingAsync(plan, manifest, teams, cancellationToken))
        {
            asset.DeletedAt = now;
            asset.UpdatedAt = now;
            audit.Record("asset", asset.Id, "asset.deleted", caller, new JsonObject
            {
                ["fqn"] = asset.Fqn,
                ["source"] = "dbt",
                ["reason"] = "no longer in the dbt manifest (auto_delete)",
                ["dbt_id"] = DbtSyncPlanner.DbtIdOf(asset.MetadataJson),
            });
            report.Deleted.Add(asset.Fqn);
        }
    }

    /// <summary>One lineage edge per <c>depends_on.nodes</c> entry whose asset exists (dependent = the node, dependency = the node it reads).</summary>
    private async Task WriteDependenciesAsync(Caller caller, DbtSyncPlan plan, Report report, CancellationToken cancellationToken)
    {
        var byId = plan.Nodes.ToDictionary(n => n.Node.UniqueId, StringComparer.Ordinal);
        var wanted = new List<(DbtNodePlan From, Asset To)>();
        foreach (var node in plan.Nodes.Where(n => n.Asset is not null))
        {
            foreach (var dependencyId in node.Node.DependsOn.Distinct(StringComparer.Ordinal))
            {
                if (!byId.TryGetValue(dependencyId, out var target))
                {
                    report.Dependency.Add($"{node.Node.UniqueId} depends on {dependencyId}, which is not a model, seed, snapshot or source of this manifest");
                    continue;
                }

                var targetAsset = target.Asset ?? (target.Existing is { DeletedAt: null } live ? live : null);
                if (targetAsset is null)
                {
                    report.Dependency.Add($"{node.Node.UniqueId} depends on {dependencyId}, which has no asset (skipped)");
                }
                else if (targetAsset.Id != node.Asset!.Id)
                {
                    wanted.Add((node, targetAsset));
                }
            }
        }

        var dependents = wanted.Select(w => w.From.Asset!.Id).Distinct().ToList();
        var existing = (await db.Dependencies.Where(d => d.DeletedAt == null && dependents.Contains(d.DependentAssetId))
            .Select(d => new { d.DependentAssetId, d.DependencyAssetId }).ToListAsync(cancellationToken))
            .Select(d => (d.DependentAssetId, d.DependencyAssetId)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (from, to) in wanted)
        {
            if (!existing.Add((from.Asset!.Id, to.Id)))
            {
                continue;
            }

            var dependency = new Dependency
            {
                DependentAssetId = from.Asset.Id,
                DependencyAssetId = to.Id,
                DependencyType = DependencyType.Transforms,
                Source = DependencySource.Manual,
                CreatedAt = now,
            };
            db.Dependencies.Add(dependency);
            audit.Record("dependency", dependency.Id, "dependency.created", caller, new JsonObject
            {
                ["source_asset_id"] = from.Asset.Id.ToString(),
                ["target_asset_id"] = to.Id.ToString(),
                ["dependency_type"] = dependency.DependencyType.ToWire(),
                ["source"] = "dbt",
            });
            report.DependenciesSynced++;
        }
    }

    /// <summary>
    /// Each node's contract through the publishing workflow; returns the source document's id when one was stored. First
    /// contracts go in one batch (the workflow's first-publish branch, <see cref="ContractPublisher.PublishFirstContractsAsync"/>);
    /// changes, and any first contract the batch leaves out, one by one.
    /// </summary>
    private async Task<Guid?> PublishContractsAsync(Caller caller, DbtSyncPlan plan, DbtManifestInput input, DbtUploadRequest request, Report report,
        CancellationToken cancellationToken)
    {
        var first = new List<DbtNodePlan>();
        var changed = new List<DbtNodePlan>();
        foreach (var node in plan.Nodes)
        {
            if (node.Asset is null || node.OwnerTeam is null)
            {
                continue;
            }

            if (node.Current is null)
            {
                if (node.HasSchema && request.AutoPublishContracts)
                {
                    first.Add(node);
                }
            }
            else if (node.ContractUnchanged)
            {
                report.Unchanged++;
            }
            else if (node.Verdict!.Compatible)
            {
                if (request.AutoPublishContracts)
                {
                    changed.Add(node);
                }
            }
            else if (request.AutoCreateProposals)
            {
                changed.Add(node);
            }
            else
            {
                report.Contract.Add($"{node.Fqn}: breaking change ({node.Verdict.Breaking.Count} finding(s)) not published; send auto_create_proposals to open a proposal");
            }
        }

        if (first.Count + changed.Count == 0)
        {
            return null;
        }

        var sourceDocumentId = await documents.SaveAsync(StoredSchemaFormat.Dbt, input.Text, input.Manifest, cancellationToken);
        db.ChangeTracker.Clear();
        var batch = await publisher.PublishFirstContractsAsync(caller,
            [.. first.Select(n => new FirstPublish(n.Asset!.Id, Request(n), Admitted(n, sourceDocumentId)))], cancellationToken);
        db.ChangeTracker.Clear();
        for (var i = 0; i < first.Count; i++)
        {
            if (batch[i] is not null)
            {
                report.Published++;
            }
            else
            {
                changed.Add(first[i]);
            }
        }

        foreach (var node in changed)
        {
            var publish = Request(node);
            var admitted = Admitted(node, sourceDocumentId);
            try
            {
                var outcome = await publisher.PublishAdmittedAsync(caller, node.Asset!.Id, publish, admitted, cancellationToken);
                if (outcome.Action == "version.required" && outcome.Suggestion is { } suggestion)
                {
                    // An importer never picks versions: the suggestion is used whatever the semver mode (compatibility.md §3.5).
                    outcome = await publisher.PublishAdmittedAsync(caller, node.Asset.Id, publish with { Version = suggestion.SuggestedVersion }, admitted,
                        cancellationToken);
                }

                switch (outcome.Action)
                {
                    case "published":
                        report.Published++;
                        if (outcome.Proposal is { } recorded)
                        {
                            report.AddProposal(recorded, node, outcome);
                        }

                        break;
                    case "proposal.created":
                        report.AddProposal(outcome.Proposal!, node, outcome);
                        break;
                    default:
                        report.Contract.Add($"{node.Fqn}: not published: {outcome.Message}");
                        break;
                }
            }
            catch (DomainException e)
            {
                report.Contract.Add($"{node.Fqn}: {e.Code}: {e.Message}");
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return sourceDocumentId;

        static PublishRequest Request(DbtNodePlan node) => new(null, null, StoredSchemaFormat.Dbt, node.RequestedMode, node.Guarantees, FieldDescriptions(node),
            FieldTags(node), node.OwnerTeam!.Id, null, Force: false, ForceReason: null, DryRun: false);

        static AdmittedSchema Admitted(DbtNodePlan node, Guid documentId) => new(node.Document, node.View, null, documentId, node.Node.UniqueId);
    }

    /// <summary>
    /// Registers consumer teams on the active contract of the assets they read: declared ones, and (when
    /// <paramref name="fromRefs"/>) the owners of other teams' nodes that depend on them. The first pass (before
    /// publishing) only registers; the final one also reports what could not be registered.
    /// </summary>
    private async Task RegisterConsumersAsync(Caller caller, DbtSyncPlan plan, bool fromRefs, Report report, bool final, CancellationToken cancellationToken)
    {
        var wanted = new List<(DbtNodePlan Node, Team Team)>();
        foreach (var node in plan.Nodes.Where(n => n.Asset is not null && n.OwnerTeam is not null))
        {
            var teams = node.DeclaredConsumers.Select(c => c.Team).OfType<Team>();
            if (fromRefs)
            {
                teams = teams.Concat(node.ConsumersFromRefs);
            }

            foreach (var team in teams.DistinctBy(t => t.Id).Where(t => t.Id != node.OwnerTeam!.Id))
            {
                wanted.Add((node, team));
            }

            if (final)
            {
                report.Registration.AddRange(node.MetaErrors.Where(e => e.Kind == DbtMetaProblem.Consumer).Select(e => e.Message));
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        var assetIds = wanted.Select(w => w.Node.Asset!.Id).Distinct().ToList();
        var contracts = await db.Contracts.Where(c => assetIds.Contains(c.AssetId) && c.Status == ContractStatus.Active)
            .Select(c => new { c.AssetId, c.Id }).ToDictionaryAsync(c => c.AssetId, c => c.Id, cancellationToken);
        var registered = (await db.Registrations.Where(r => r.DeletedAt == null && assetIds.Contains(r.AssetId))
            .Select(r => new { r.AssetId, r.ConsumerTeamId }).ToListAsync(cancellationToken))
            .Select(r => (r.AssetId, r.ConsumerTeamId)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (node, team) in wanted)
        {
            var assetId = node.Asset!.Id;
            if (registered.Contains((assetId, team.Id)))
            {
                continue;
            }

            if (!contracts.TryGetValue(assetId, out var contractId))
            {
                if (final)
                {
                    report.Registration.Add($"{node.Fqn}: {team.Name} not registered: the asset has no contract yet (send auto_publish_contracts)");
                }

                continue;
            }

            var registration = new Registration
            {
                ContractId = contractId,
                AssetId = assetId,
                ConsumerTeamId = team.Id,
                RegisteredAt = now,
                UpdatedAt = now,
            };
            db.Registrations.Add(registration);
            audit.Record("registration", registration.Id, "registration.created", caller, new JsonObject
            {
                ["contract_id"] = contractId.ToString(),
                ["asset_id"] = assetId.ToString(),
                ["consumer_team_id"] = team.Id.ToString(),
                ["source"] = "dbt",
            });
            registered.Add((assetId, team.Id));
            report.RegistrationsCreated++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // A consumer registered by hand at the same moment: the next import registers the rest.
            report.Registration.Add("Some consumers were registered concurrently by someone else; run the import again to register the rest");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Column descriptions as field descriptions (<c>$.properties.&lt;column&gt;</c>).</summary>
    private static JsonObject FieldDescriptions(DbtNodePlan node)
    {
        var result = new JsonObject();
        foreach (var column in node.Node.Columns)
        {
            if (column.Description.Length > 0)
            {
                result.TryAdd("$.properties." + column.Name, column.Description);
            }
        }

        return result;
    }

    /// <summary>Column tags as field tags: the column's <c>meta.tags</c>, else <c>meta.tessera.tags</c>, else its <c>tags</c>.</summary>
    private static JsonObject FieldTags(DbtNodePlan node)
    {
        var result = new JsonObject();
        foreach (var column in node.Node.Columns.Where(c => c.Tags.Count > 0))
        {
            result.TryAdd("$.properties." + column.Name, new JsonArray([.. column.Tags.Select(t => (JsonNode)t)]));
        }

        return result;
    }

    private sealed class Report
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Skipped { get; set; }

        public List<string> Deleted { get; } = [];

        public int DependenciesSynced { get; set; }

        public int Published { get; set; }

        public int Unchanged { get; set; }

        public List<DbtProposalDetail> Proposals { get; } = [];

        public int RegistrationsCreated { get; set; }

        public List<string> Ownership { get; } = [];

        public List<string> Contract { get; } = [];

        public List<string> Registration { get; } = [];

        public List<string> Dependency { get; } = [];

        public void AddProposal(Proposals.Proposal proposal, DbtNodePlan node, PublishOutcome outcome) =>
            Proposals.Add(new DbtProposalDetail(proposal.Id, node.Asset!.Id, node.Fqn, node.Node.UniqueId, proposal.Status.ToWire(),
                proposal.ChangeType.ToWire(), outcome.BreakingChanges.Count, proposal.ProposedVersion));

        public DbtUploadResult ToResult(string conflictMode, int guarantees, string environment, Guid? sourceDocumentId)
        {
            var partial = Ownership.Count + Contract.Count + Registration.Count + Dependency.Count > 0;
            return new DbtUploadResult(partial ? "partial_success" : "success", conflictMode,
                new DbtAssetCounts(Created, Updated, Skipped, Deleted.Count, [.. Deleted.Take(MaxListed)]),
                new DbtDependencyCounts(DependenciesSynced), new DbtContractCounts(Published, Unchanged),
                new DbtProposalCounts(Proposals.Count, [.. Proposals.Take(MaxListed)]), new DbtRegistrationCounts(RegistrationsCreated), guarantees,
                [.. Ownership.Take(MaxListed)], [.. Contract.Take(MaxListed)], [.. Registration.Take(MaxListed)], [.. Dependency.Take(MaxListed)],
                environment, sourceDocumentId);
        }
    }
}

/// <summary>Request checks the three dbt routes share.</summary>
internal static class DbtRequests
{
    public static string Environment(string? environment, AssetDefaults defaults)
    {
        var clean = (environment ?? defaults.Environment).Trim();
        return clean.Length is 0 or > 50 ? throw DomainException.Invalid("environment", "environment must be 1–50 characters") : clean;
    }

    public static async Task<Team?> OwnerTeamAsync(TesseraDbContext db, Guid? ownerTeamId, CancellationToken cancellationToken) =>
        ownerTeamId is not { } id ? null
            : await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, cancellationToken)
                ?? throw DomainException.NotFound(ErrorCodes.TeamNotFound, "owner_team_id is not an active team");
}
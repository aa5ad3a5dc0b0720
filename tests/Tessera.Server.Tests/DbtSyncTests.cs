using System.Net;
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Core.Persistence;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>The dbt importer over HTTP: upload, impact and diff of a real-shaped manifest (api.md §2.10).</summary>
public abstract class DbtSyncTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Upload_V1_CreatesAssetsLineageContractsAndConsumers()
    {
        var project = await DbtProject.CreateAsync(App);
        var manifest = project.Manifest();

        var result = await project.UploadAsync(manifest, project.Publish());

        Assert.Equal("success", result.Status);
        Assert.Equal("ignore", result.ConflictMode);
        Assert.Equal((10, 0, 0, 0), (result.Assets.Created, result.Assets.Updated, result.Assets.Skipped, result.Assets.Deleted));
        Assert.Equal(10, result.Contracts.Published);
        Assert.Equal(9, result.Dependencies.Synced);
        Assert.Equal(0, result.Proposals.Created);
        // Declared: finance on customers and orders. From refs: analytics on stg_customers, stg_orders and the Stripe source.
        Assert.Equal(5, result.Registrations.Created);
        Assert.Equal(3, result.GuaranteesExtracted);
        Assert.Empty(result.OwnershipWarnings.Concat(result.ContractWarnings).Concat(result.RegistrationWarnings).Concat(result.DependencyWarnings));

        var orders = await project.AssetAsync(project.Fqn("marts", "orders"));
        Assert.Equal(("model", project.Analytics.Team.Id), (orders.ResourceType, orders.OwnerTeamId));
        Assert.Equal(["marts", "finance"], orders.Tags);
        Assert.Equal("One row per order.", orders.Description);
        Assert.Equal(project.Id("model", "orders"), (string?)orders.Metadata["dbt_node_id"]);
        Assert.Equal([project.Fqn("staging", "stg_orders"), project.SourceFqn("stripe", "payments")],
            orders.Metadata["depends_on"]!.AsArray().Select(d => (string?)d));
        var customers = await project.AssetAsync(project.Fqn("marts", "customers"));
        Assert.Equal(project.Analyst.Id, customers.OwnerUserId);
        var source = await project.AssetAsync(project.SourceFqn("jaffle_shop", "orders"));
        Assert.Equal(("source", project.Core.Team.Id), (source.ResourceType, source.OwnerTeamId));
        Assert.Equal(project.Id("source", "jaffle_shop.orders"), (string?)source.Metadata["dbt_source_id"]);
        Assert.Equal("seed", (await project.AssetAsync(project.Fqn("seeds", "country_codes"))).ResourceType);
        Assert.Equal("snapshot", (await project.AssetAsync(project.Fqn("snapshots", "orders_snapshot"))).ResourceType);

        var contract = await project.ActiveContractAsync(project.Fqn("marts", "orders"));
        Assert.Equal(("1.0.0", "dbt", "backward"), (contract.Version, contract.SchemaFormat, contract.CompatibilityMode));
        Assert.Equal("""["customer_id","order_id"]""", contract.SchemaDef["required"]!.ToJsonString());
        Assert.Equal("""{"type":"string","format":"date"}""", contract.SchemaDef["properties"]!["order_date"]!.ToJsonString());
        var guarantees = contract.Guarantees!;
        Assert.Equal("""{"customer_id":"never","order_id":"never"}""", guarantees["nullability"]!.ToJsonString());
        Assert.Equal("""{"order_id":true}""", guarantees["uniqueness"]!.ToJsonString());
        Assert.Equal("""{"status":["completed","placed","returned","shipped"]}""", guarantees["accepted_values"]!.ToJsonString());
        Assert.Equal("ref('customers')", (string?)guarantees["relationships"]!["customer_id"]!["to"]);
        Assert.True(guarantees["custom"]!.AsObject().ContainsKey("dbt_utils.accepted_range.amount"));
        Assert.True(guarantees["custom"]!.AsObject().ContainsKey("singular.assert_order_amount_not_negative"));
        Assert.Equal(12, (int)guarantees["freshness"]!["warn_after"]!["count"]!);
        Assert.Equal("Order total.", (string?)contract.FieldDescriptions["$.properties.amount"]);
        Assert.Equal("""["money"]""", contract.FieldTags["$.properties.amount"]!.ToJsonString());
        Assert.Equal("""["pii"]""", (await project.ActiveContractAsync(project.Fqn("staging", "stg_customers"))).FieldTags["$.properties.last_name"]!.ToJsonString());
        Assert.Equal("""{"id":"never"}""", (await project.ActiveContractAsync(project.SourceFqn("jaffle_shop", "orders"))).Guarantees!["nullability"]!.ToJsonString());

        // The manifest is kept once; every contract points at it with its node's unique_id.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
            var stored = await db.Contracts.SingleAsync(c => c.Id == contract.Id);
            Assert.Equal(project.Id("model", "orders"), stored.SourceSelector);
            Assert.Equal(result.SourceDocumentId, stored.SourceDocumentId);
            var document = await db.SourceDocuments.SingleAsync(d => d.Id == stored.SourceDocumentId);
            Assert.Equal(("dbt", manifest.ToJsonString()), (document.Format, document.Content));
            Assert.Equal(10, await db.Contracts.CountAsync(c => c.SourceDocumentId == document.Id));
        }

        var lineage = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{orders.Id}/lineage");
        Assert.Equal([project.SourceFqn("stripe", "payments"), project.Fqn("staging", "stg_orders")],
            lineage["upstream"]!.AsArray().Select(u => (string?)u!["asset_fqn"]).Order(StringComparer.Ordinal));
        Assert.Equal([project.Fqn("finance", "finance_revenue")], lineage["downstream_assets"]!.AsArray().Select(u => (string?)u!["asset_fqn"]));
        Assert.Equal([project.Finance.Team.Name], lineage["downstream"]!.AsArray().Select(u => (string?)u!["team_name"]));
        var stgOrders = await project.AssetAsync(project.Fqn("staging", "stg_orders"));
        var stgLineage = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{stgOrders.Id}/lineage");
        Assert.Equal([project.Analytics.Team.Name], stgLineage["downstream"]!.AsArray().Select(u => (string?)u!["team_name"]));
    }

    [Fact]
    public async Task Upload_UnchangedManifest_WritesNothing()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var before = await DbtProject.SnapshotAsync(App);

        var again = await project.UploadAsync(project.Manifest(), project.Publish(proposals: true));

        Assert.Equal("success", again.Status);
        Assert.Equal((0, 0, 10), (again.Assets.Created, again.Assets.Updated, again.Assets.Skipped));
        Assert.Equal((0, 10), (again.Contracts.Published, again.Contracts.Unchanged));
        Assert.Equal((0, 0, 0), (again.Dependencies.Synced, again.Registrations.Created, again.Proposals.Created));
        Assert.Null(again.SourceDocumentId);
        Assert.Equal(before, await DbtProject.SnapshotAsync(App));
    }

    [Fact]
    public async Task Upload_CompatibleV2_PublishesMinorVersionsAndLeavesTheRestAlone()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var v2 = project.Manifest();
        DbtProject.AddColumn(v2, project.Id("model", "orders"), "discount", "numeric(10,2)", "Discount applied.");
        project.AddModel(v2, "order_items", project.Analytics.Team.Name, [project.Id("model", "stg_orders")], ("order_id", "integer"), ("sku", "text"));

        var result = await project.UploadAsync(v2, project.Publish(proposals: true));

        Assert.Equal("success", result.Status);
        Assert.Equal((1, 1, 9), (result.Assets.Created, result.Assets.Updated, result.Assets.Skipped));
        Assert.Equal((2, 9), (result.Contracts.Published, result.Contracts.Unchanged));
        Assert.Equal(0, result.Proposals.Created);
        Assert.Equal(1, result.Dependencies.Synced);
        var orders = await project.ActiveContractAsync(project.Fqn("marts", "orders"));
        Assert.Equal("1.1.0", orders.Version);
        Assert.Equal("Discount applied.", (string?)orders.FieldDescriptions["$.properties.discount"]);
        Assert.Equal("Order total.", (string?)orders.FieldDescriptions["$.properties.amount"]);
        Assert.Equal("1.0.0", (await project.ActiveContractAsync(project.Fqn("marts", "order_items"))).Version);
        Assert.Equal("1.0.0", (await project.ActiveContractAsync(project.Fqn("marts", "customers"))).Version);
    }

    [Fact]
    public async Task Upload_BreakingV3_WithRegisteredConsumer_OpensProposalsUntilTheConsumerAcknowledges()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var v3 = project.Manifest();
        DbtProject.RemoveColumn(v3, project.Id("model", "orders"), "amount");
        DbtProject.SetType(v3, project.Id("model", "customers"), "country_code", "integer");

        var result = await project.UploadAsync(v3, project.Publish(proposals: true));

        Assert.Equal("success", result.Status);
        Assert.Equal(2, result.Proposals.Created);
        Assert.Equal(0, result.Contracts.Published);
        var orders = result.Proposals.Details.Single(d => d.NodeId == project.Id("model", "orders"));
        Assert.Equal(("pending", "major", "2.0.0"), (orders.Status, orders.ChangeType, orders.ProposedVersion));
        Assert.True(orders.BreakingChangesCount >= 1);
        Assert.Equal("1.0.0", (await project.ActiveContractAsync(project.Fqn("marts", "orders"))).Version);
        var proposal = await App.Admin.GetAsync<JsonObject>($"/api/v1/proposals/{orders.ProposalId}");
        Assert.Contains(proposal["breaking_changes"]!.AsArray(), c => (string?)c!["type"] == "column_removed");

        // The same manifest again: the pending proposal is not duplicated.
        var again = await project.UploadAsync(v3, project.Publish(proposals: true));
        Assert.Equal("partial_success", again.Status);
        Assert.Equal(0, again.Proposals.Created);
        Assert.Contains(again.ContractWarnings, w => w.Contains("DUPLICATE_PROPOSAL", StringComparison.Ordinal));

        // The consumer approves: the proposal publishes the node's dbt document.
        var (status, ack) = await TesseraApplication.AcknowledgeAsync(project.Finance, orders.ProposalId);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("published", (string?)ack["proposal_status"]);
        var published = await project.ActiveContractAsync(project.Fqn("marts", "orders"));
        Assert.Equal(("2.0.0", "dbt"), (published.Version, published.SchemaFormat));
        Assert.False(published.SchemaDef["properties"]!.AsObject().ContainsKey("amount"));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<TesseraDbContext>().Contracts.SingleAsync(c => c.Id == published.Id);
            Assert.Equal((result.SourceDocumentId, project.Id("model", "orders")), (stored.SourceDocumentId, stored.SourceSelector));
        }

        // v3 is now the active contract of orders: uploading it again changes nothing there.
        var settled = await project.UploadAsync(v3, project.Publish(proposals: true));
        Assert.DoesNotContain(settled.ContractWarnings, w => w.Contains(project.Fqn("marts", "orders"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_Breaking_WithoutConsumers_PublishesAtOnceAndRecordsTheProposal()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var v3 = project.Manifest();
        DbtProject.RemoveColumn(v3, project.Id("seed", "country_codes"), "name");

        var result = await project.UploadAsync(v3, project.Publish(proposals: true));

        var detail = Assert.Single(result.Proposals.Details);
        Assert.Equal(("published", "2.0.0"), (detail.Status, detail.ProposedVersion));
        Assert.Equal(1, result.Contracts.Published);
        Assert.Equal("2.0.0", (await project.ActiveContractAsync(project.Fqn("seeds", "country_codes"))).Version);
    }

    [Fact]
    public async Task Upload_Breaking_WithoutAutoCreateProposals_IsPartialAndPublishesNothingForIt()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var v3 = project.Manifest();
        DbtProject.RemoveColumn(v3, project.Id("model", "orders"), "amount");
        DbtProject.AddColumn(v3, project.Id("model", "customers"), "segment", "text");

        var result = await project.UploadAsync(v3, project.Publish(proposals: false));

        Assert.Equal("partial_success", result.Status);
        Assert.Equal(1, result.Contracts.Published);
        Assert.Equal(0, result.Proposals.Created);
        Assert.Contains(result.ContractWarnings, w => w.StartsWith(project.Fqn("marts", "orders"), StringComparison.Ordinal) && w.Contains("auto_create_proposals", StringComparison.Ordinal));
        Assert.Equal("1.0.0", (await project.ActiveContractAsync(project.Fqn("marts", "orders"))).Version);
        Assert.Equal("1.1.0", (await project.ActiveContractAsync(project.Fqn("marts", "customers"))).Version);
    }

    [Fact]
    public async Task Upload_StrictGuaranteeMode_MakesARemovedTestBreaking()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var customers = await project.AssetAsync(project.Fqn("marts", "customers"));
        await App.Admin.PatchAsync<AssetResponse>($"/api/v1/assets/{customers.Id}", new UpdateAssetRequest(GuaranteeMode: "strict"));
        var orders = await project.AssetAsync(project.Fqn("marts", "orders"));
        var v2 = project.Manifest();
        // customers (strict) and orders (notify) each lose their unique test.
        v2["nodes"]!.AsObject().Remove(v2["nodes"]!.AsObject().Single(p => p.Key.StartsWith($"test.{project.Pkg}.unique_customers", StringComparison.Ordinal)).Key);
        v2["nodes"]!.AsObject().Remove(v2["nodes"]!.AsObject().Single(p => p.Key.StartsWith($"test.{project.Pkg}.unique_orders", StringComparison.Ordinal)).Key);

        var result = await project.UploadAsync(v2, project.Publish(proposals: true));

        var proposal = Assert.Single(result.Proposals.Details);
        Assert.Equal((customers.Id, "pending"), (proposal.AssetId, proposal.Status));
        Assert.Equal(1, result.Contracts.Published);
        var published = await project.ActiveContractAsync(orders.Fqn);
        Assert.Equal("1.1.0", published.Version);
        Assert.False(published.Guarantees!.AsObject().ContainsKey("uniqueness"));
    }

    [Fact]
    public async Task Impact_ReportsBreakingNodesAgainstTheirContracts_WritesNothing()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var v3 = project.Manifest();
        DbtProject.RemoveColumn(v3, project.Id("model", "orders"), "amount");
        DbtProject.AddColumn(v3, project.Id("model", "customers"), "segment", "text");
        project.AddModel(v3, "order_items", project.Analytics.Team.Name, [], ("order_id", "integer"));
        var before = await DbtProject.SnapshotAsync(App);

        var impact = await App.Admin.CheckDbtImpactAsync(v3.ToJsonString());

        Assert.Equal("breaking_changes_detected", impact.Status);
        Assert.Equal((11, 10, 1), (impact.TotalModels, impact.ModelsWithContracts, impact.BreakingChangesCount));
        var orders = impact.Results.Single(r => r.NodeId == project.Id("model", "orders"));
        Assert.Equal((project.Fqn("marts", "orders"), true, false, "major", "1.0.0"), (orders.Fqn, orders.HasContract, orders.SafeToPublish, orders.ChangeType, orders.CurrentVersion));
        Assert.Contains(orders.BreakingChanges, c => (string?)c!["type"] == "column_removed" && ((string?)c["path"])!.Contains("amount", StringComparison.Ordinal));
        var customers = impact.Results.Single(r => r.NodeId == project.Id("model", "customers"));
        Assert.Equal((true, "minor"), (customers.SafeToPublish, customers.ChangeType));
        var items = impact.Results.Single(r => r.NodeId == project.Id("model", "order_items"));
        Assert.Equal((false, true, null), (items.HasContract, items.SafeToPublish, items.ChangeType));
        Assert.Equal(before, await DbtProject.SnapshotAsync(App));

        var clean = await App.Admin.CheckDbtImpactAsync(project.Manifest().ToJsonString());
        Assert.Equal(("success", 0), (clean.Status, clean.BreakingChangesCount));
    }

    [Fact]
    public async Task Diff_ReportsNewModifiedDeletedAndBreaking_MetaErrorsBlock()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var unchanged = await App.Admin.DiffDbtManifestAsync(project.Manifest().ToJsonString());
        Assert.Equal(("clean", false), (unchanged.Status, unchanged.Blocking));
        Assert.All(unchanged.Models, m => Assert.Equal(("unchanged", "none"), (m.ChangeType, m.SchemaChangeType)));
        Assert.Equal(new DbtSyncDiffSummary(0, 0, 0, 0, 10), unchanged.Summary);

        var next = project.Manifest();
        DbtProject.AddColumn(next, project.Id("model", "orders"), "discount", "numeric(10,2)");
        project.AddModel(next, "order_items", project.Analytics.Team.Name, [project.Id("model", "stg_orders")], ("order_id", "integer"));
        DbtProject.RemoveNode(next, project.Id("model", "stg_customers"));
        DbtProject.Node(next, project.Id("model", "customers"))["depends_on"]!["nodes"] = new JsonArray(project.Id("model", "stg_orders"));
        DbtProject.SetType(next, project.Id("model", "customers"), "country_code", "integer");
        var before = await DbtProject.SnapshotAsync(App);

        var diff = await App.Admin.DiffDbtManifestAsync(next.ToJsonString(), failOnBreaking: true);

        Assert.Equal("breaking_changes_detected", diff.Status);
        Assert.True(diff.Blocking);
        Assert.Equal(new DbtSyncDiffSummary(1, 2, 1, 1, 7), diff.Summary);
        var items = diff.Models.Single(m => m.NodeId == project.Id("model", "order_items"));
        Assert.Equal(("new", project.Analytics.Team.Name, "none", true), (items.ChangeType, items.OwnerTeam, items.SchemaChangeType, items.HasSchema));
        var orders = diff.Models.Single(m => m.NodeId == project.Id("model", "orders"));
        Assert.Equal(("modified", "compatible"), (orders.ChangeType, orders.SchemaChangeType));
        Assert.Equal([project.Finance.Team.Name], orders.ConsumersDeclared);
        Assert.Equal([project.Finance.Team.Name], orders.ConsumersFromRefs);
        var customers = diff.Models.Single(m => m.NodeId == project.Id("model", "customers"));
        Assert.Equal(("modified", "breaking"), (customers.ChangeType, customers.SchemaChangeType));
        Assert.Contains(customers.BreakingChanges, c => (string?)c!["type"] == "column_type_changed");
        var deleted = diff.Models.Single(m => m.ChangeType == "deleted");
        Assert.Equal((project.Fqn("staging", "stg_customers"), project.Id("model", "stg_customers"), project.Core.Team.Name), (deleted.Fqn, deleted.NodeId, deleted.OwnerTeam));
        Assert.Contains(diff.Warnings, w => w.StartsWith(project.Fqn("staging", "stg_customers"), StringComparison.Ordinal) && w.Contains(project.Analytics.Team.Name, StringComparison.Ordinal));
        Assert.Empty(diff.MetaErrors);
        Assert.Equal(before, await DbtProject.SnapshotAsync(App));

        // Not failing on breaking changes: only meta errors block.
        Assert.False((await App.Admin.DiffDbtManifestAsync(next.ToJsonString(), failOnBreaking: false)).Blocking);
        DbtProject.Node(next, project.Id("seed", "country_codes"))["meta"]!["tessera"]!["consumers"] = new JsonArray(new JsonObject { ["team"] = "no-such-team" });
        var withErrors = await App.Admin.DiffDbtManifestAsync(next.ToJsonString(), failOnBreaking: false);
        Assert.True(withErrors.Blocking);
        Assert.Contains(withErrors.MetaErrors, e => e.Contains("no-such-team", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConflictModes_HandMadeAssetAtANodesFqn()
    {
        var project = await DbtProject.CreateAsync(App);
        var fqn = project.Fqn("marts", "orders");
        var hand = await project.Analytics.Client.CreateAssetAsync(new CreateAssetRequest(fqn, project.Analytics.Team.Id, Description: "by hand",
            SemverMode: "suggest"));
        var before = await DbtProject.SnapshotAsync(App);

        var (status, body) = await project.PostAsync("upload", new JsonObject { ["manifest"] = project.Manifest(), ["conflict_mode"] = "fail", ["owner_team_id"] = project.Core.Team.Id.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("SYNC_CONFLICT", (string?)body["error"]!["code"]);
        var conflict = body["error"]!["details"]!["conflicts"]!.AsArray().Single()!;
        Assert.Equal((fqn, project.Id("model", "orders"), hand.Id.ToString()), ((string?)conflict["fqn"], (string?)conflict["node_id"], (string?)conflict["asset_id"]));
        Assert.Equal(before, await DbtProject.SnapshotAsync(App));

        (status, body) = await project.PostAsync("upload", new JsonObject { ["manifest"] = project.Manifest(), ["conflict_mode"] = "merge" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("CONFLICT_MODE_INVALID", (string?)body["error"]!["code"]);
        Assert.Equal(before, await DbtProject.SnapshotAsync(App));

        var ignored = await project.UploadAsync(project.Manifest(), project.Publish(conflictMode: "ignore"));
        Assert.Equal((9, 0, 1), (ignored.Assets.Created, ignored.Assets.Updated, ignored.Assets.Skipped));
        Assert.Equal(9, ignored.Contracts.Published);
        var untouched = await App.Admin.GetAssetAsync(hand.Id);
        Assert.Equal("by hand", untouched.Description);
        Assert.Null(untouched.Metadata["dbt_node_id"]);

        var overwritten = await project.UploadAsync(project.Manifest(), project.Publish(conflictMode: "overwrite"));
        Assert.Equal((0, 1), (overwritten.Assets.Created, overwritten.Assets.Updated));
        Assert.Equal((1, 9), (overwritten.Contracts.Published, overwritten.Contracts.Unchanged));
        var taken = await App.Admin.GetAssetAsync(hand.Id);
        Assert.Equal((project.Id("model", "orders"), "One row per order.", "model"), ((string?)taken.Metadata["dbt_node_id"], taken.Description, taken.ResourceType));
        // semver_mode suggest asks a hand publish for a version; an import takes the suggestion.
        Assert.Equal("1.0.0", (await project.ActiveContractAsync(fqn)).Version);

        // Now managed by the node: a re-import in fail mode is not a conflict.
        var rerun = await project.UploadAsync(project.Manifest(), project.Publish(conflictMode: "fail"));
        Assert.Equal("success", rerun.Status);
    }

    [Fact]
    public async Task AutoDelete_SoftDeletesTheTeamsDbtAssetsMissingFromTheManifest()
    {
        var project = await DbtProject.CreateAsync(App);
        await project.UploadAsync(project.Manifest(), project.Publish());
        var otherPackage = await project.Core.Client.CreateAssetAsync(new CreateAssetRequest($"{project.Db}.other.thing", project.Core.Team.Id,
            Metadata: new JsonObject { ["dbt_node_id"] = "model.another_project.thing" }));
        var handMade = await project.Core.Client.CreateAssetAsync(new CreateAssetRequest($"{project.Db}.other.hand", project.Core.Team.Id));
        var next = project.Manifest();
        DbtProject.RemoveNode(next, project.Id("snapshot", "orders_snapshot"));
        DbtProject.RemoveNode(next, project.Id("model", "finance_revenue"));

        var kept = await project.UploadAsync(next, project.Publish());
        Assert.Equal(0, kept.Assets.Deleted);

        var result = await project.UploadAsync(next, project.Publish(autoDelete: true));

        Assert.Equal(2, result.Assets.Deleted);
        Assert.Equal([project.Fqn("finance", "finance_revenue"), project.Fqn("snapshots", "orders_snapshot")], result.Assets.DeletedFqns);
        var gone = await App.Admin.Http.GetAsync(new Uri($"/api/v1/assets?fqn={project.Fqn("snapshots", "orders_snapshot")}", UriKind.Relative));
        Assert.Equal(0, (int)(await HttpAssert.OkAsync(gone))["total"]!);
        Assert.Equal("model.another_project.thing", (string?)(await App.Admin.GetAssetAsync(otherPackage.Id)).Metadata["dbt_node_id"]);
        Assert.Equal(handMade.Fqn, (await App.Admin.GetAssetAsync(handMade.Id)).Fqn);

        // Brought back by the next manifest that has it again: restored, not duplicated.
        var back = await project.UploadAsync(project.Manifest(), project.Publish());
        Assert.Equal((0, 2), (back.Assets.Created, back.Assets.Updated));
        Assert.Equal("snapshot", (await project.AssetAsync(project.Fqn("snapshots", "orders_snapshot"))).ResourceType);
    }

    [Fact]
    public async Task Upload_MissingOwnerAndUnknownTeams_ArePartialWithWarnings()
    {
        var project = await DbtProject.CreateAsync(App);
        var manifest = project.Manifest();
        DbtProject.Node(manifest, project.Id("seed", "country_codes"))["meta"] = new JsonObject { ["tessera"] = new JsonObject { ["owner_team"] = "no-such-team" } };
        DbtProject.Node(manifest, project.Id("model", "orders"))["meta"]!["tessera"]!["consumers"]!.AsArray().Add(new JsonObject { ["team"] = "ghost-team" });

        // No owner_team_id: the jaffle_shop.orders source has no owner, nor has the seed (its owner_team is unknown).
        var result = await project.UploadAsync(manifest, new DbtUploadOptions(AutoPublishContracts: true, AutoRegisterConsumers: true));

        Assert.Equal("partial_success", result.Status);
        Assert.Equal((8, 2), (result.Assets.Created, result.Assets.Skipped));
        Assert.Contains(result.OwnershipWarnings, w => w.Contains(project.Id("source", "jaffle_shop.orders"), StringComparison.Ordinal) && w.Contains("no owner", StringComparison.Ordinal));
        Assert.Contains(result.OwnershipWarnings, w => w.Contains("no-such-team", StringComparison.Ordinal));
        Assert.Contains(result.RegistrationWarnings, w => w.Contains("ghost-team", StringComparison.Ordinal));
        Assert.Contains(result.DependencyWarnings, w => w.StartsWith(project.Id("model", "stg_orders"), StringComparison.Ordinal));

        var (status, body) = await project.PostAsync("upload", new JsonObject { ["manifest"] = manifest });
        Assert.Equal(HttpStatusCode.MultiStatus, status);
        Assert.Equal(["status", "conflict_mode", "assets", "dependencies", "contracts", "proposals", "registrations", "guarantees_extracted",
            "ownership_warnings", "contract_warnings", "registration_warnings", "dependency_warnings", "environment", "source_document_id"],
            body.Select(p => p.Key));
    }

    [Fact]
    public async Task BadInput_IsA4xxEnvelope_AndWritesNothing()
    {
        var project = await DbtProject.CreateAsync(App);
        var reader = await App.CreateKeyAsync(project.Core.Team.Id, "read", "write");
        var before = await DbtProject.SnapshotAsync(App);
        var manifest = project.Manifest();
        DbtProject.Node(manifest, project.Id("model", "orders"))["columns"] = new JsonArray();

        foreach (var route in new[] { "upload", "impact", "diff" })
        {
            await Expect(route, new JsonObject(), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "manifest");
            await Expect(route, new JsonObject { ["manifest"] = "{}" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "manifest");
            await Expect(route, new JsonObject { ["manifest"] = new JsonObject { ["openapi"] = "3.0.0" } }, HttpStatusCode.BadRequest, "INVALID_MANIFEST");
            var error = await Expect(route, new JsonObject { ["manifest"] = manifest.DeepClone() }, HttpStatusCode.BadRequest, "INVALID_MANIFEST");
            Assert.Equal($"/nodes/{project.Id("model", "orders")}/columns", (string?)error["details"]!["path"]);
            await Expect(route, new JsonObject { ["manifest"] = project.Manifest(), ["environment"] = 5 }, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "environment");
            var (status, body) = await project.PostAsync(route, new JsonObject { ["manifest"] = project.Manifest() }, reader.Key);
            Assert.Equal((HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE"), (status, (string?)body["error"]!["code"]));
        }

        await Expect("upload", new JsonObject { ["manifest"] = project.Manifest(), ["owner_team_id"] = Guid.NewGuid().ToString() }, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        await Expect("upload", new JsonObject { ["manifest"] = project.Manifest(), ["owner_team_id"] = "core" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "owner_team_id");
        await Expect("upload", new JsonObject { ["manifest"] = project.Manifest(), ["auto_delete"] = "yes" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "auto_delete");
        await Expect("upload", new JsonObject { ["manifest"] = project.Manifest(), ["conflict_mode"] = 1 }, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "conflict_mode");
        await Expect("diff", new JsonObject { ["manifest"] = project.Manifest(), ["fail_on_breaking"] = "no" }, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "fail_on_breaking");
        using (var http = App.Raw(TesseraApplication.AdminKey))
        {
            await HttpAssert.ErrorAsync(await http.PostAsync(new Uri("/api/v1/sync/dbt/upload", UriKind.Relative), HttpAssert.Json("{\"manifest\": {")),
                HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
            await HttpAssert.ErrorAsync(await http.PostAsync(new Uri("/api/v1/sync/dbt/upload", UriKind.Relative), HttpAssert.Json("[1]")),
                HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
            await HttpAssert.ErrorAsync(await http.PostAsync(new Uri("/api/v1/sync/dbt/upload", UriKind.Relative),
                new StringContent(project.Manifest().ToJsonString(), System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        }

        Assert.Equal(before, await DbtProject.SnapshotAsync(App));

        async Task<JsonObject> Expect(string route, JsonObject body, HttpStatusCode expected, string code, string? field = null)
        {
            using var http = App.Raw(TesseraApplication.AdminKey);
            var error = await HttpAssert.ErrorAsync(await http.PostAsync(new Uri($"/api/v1/sync/dbt/{route}", UriKind.Relative), HttpAssert.Json(body)), expected, code);
            if (field is not null)
            {
                Assert.Equal(field, (string?)error["details"]!["errors"]![0]!["field"]);
            }

            return error;
        }
    }

    [Fact]
    public async Task ManifestLimits_AreNamed422s_AndWriteNothing()
    {
        var url = await Fixture.CreateDatabaseUrlAsync();
        Assert.NotNull(url);
        await using var app = new TesseraApplication(url, new Dictionary<string, string?> { ["MAX_DBT_MANIFEST_BYTES"] = "60000", ["MAX_DBT_MANIFEST_NODES"] = "5" });
        var project = await DbtProject.CreateAsync(app);
        var before = await DbtProject.SnapshotAsync(app);

        using var http = app.Raw(TesseraApplication.AdminKey);
        var tooMany = await HttpAssert.ErrorAsync(await http.PostAsync(new Uri("/api/v1/sync/dbt/upload", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["manifest"] = project.Manifest(), ["owner_team_id"] = project.Core.Team.Id.ToString() })), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Contains("MAX_DBT_MANIFEST_NODES", (string?)tooMany["details"]!["errors"]![0]!["message"], StringComparison.Ordinal);

        var big = project.Manifest();
        big["nodes"]![project.Id("model", "orders")]!["raw_code"] = new string('x', 70_000);
        var response = await http.PostAsync(new Uri("/api/v1/sync/dbt/diff", UriKind.Relative), HttpAssert.Json(new JsonObject { ["manifest"] = big }));
        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge, response.StatusCode.ToString());
        var tooLarge = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("VALIDATION_ERROR", (string?)tooLarge["code"]);
        Assert.Equal(before, await DbtProject.SnapshotAsync(app));
    }
}

public sealed class DbtSyncSqliteTests(SqliteFixture fixture) : DbtSyncTests(fixture), IClassFixture<SqliteFixture>;

public sealed class DbtSyncPostgresTests(PostgresFixture fixture) : DbtSyncTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

using static Tessera.Server.Tests.Sync.SyncTestData;

namespace Tessera.Server.Tests.Sync;

/// <summary>POST /sync/openapi (+ impact, diff) with a real multi-service spec: v1, compatible v2, unchanged re-import, breaking v3.</summary>
public abstract class SyncOpenApiTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static string Spec(string file, string title) => Read(file).Replace("title: Shop Platform", "title: " + title, StringComparison.Ordinal);

    private static string Slug(string title) => title.ToLowerInvariant();

    private async Task<SyncImportResponse> ImportAsync(string file, string title, Guid owner, bool? dryRun = null) =>
        await App.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(JsonValue.Create(Spec(file, title)), owner, DryRun: dryRun));

    [Fact]
    public async Task Import_V1_CreatesOneAssetAndContractPerOperation()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var result = await ImportAsync("openapi-v1.yaml", title, owner.Id);

        Assert.Equal(title, result.ApiTitle);
        Assert.Equal(5, result.EndpointsFound);
        Assert.Equal(5, result.AssetsCreated);
        Assert.Equal(5, result.ContractsPublished);
        Assert.Empty(result.ParseErrors);
        Assert.All(result.Items, i => Assert.Equal(("created", "published", "1.0.0"), (i.Action, i.Status, i.Version)));
        Assert.Equal(
            [$"api.{Slug(title)}.get_orders_orderid", $"api.{Slug(title)}.get_users", $"api.{Slug(title)}.get_users_userid",
             $"api.{Slug(title)}.post_orders", $"api.{Slug(title)}.post_users"],
            result.Items.Select(i => i.Fqn).Order(StringComparer.Ordinal));

        var getUser = Item(result, ".get_users_userid");
        Assert.Equal(("/users/{userId}", "GET"), (getUser.Path, getUser.Method));
        var asset = await App.Admin.GetAssetAsync(getUser.AssetId!.Value);
        Assert.Equal("api_endpoint", asset.ResourceType);
        Assert.Equal(owner.Id, asset.OwnerTeamId);
        Assert.Equal("Get one user", asset.Description);
        Assert.Equal("getUser", (string?)asset.Metadata["openapi_source"]!["operation_id"]);
        Assert.Equal(["users"], asset.Tags);

        var contract = Assert.Single((await ContractsAsync(App, asset.Id)).Results);
        Assert.Equal(getUser.ContractId, contract.Id);
        Assert.Equal("openapi", contract.SchemaFormat);
        Assert.Equal("GET /users/{userId}", (string?)contract.SchemaDef["title"]);
        Assert.NotNull(contract.SchemaDef["properties"]!["responses"]!["properties"]!["200"]);
        Assert.Equal(5, (int)contract.Guarantees!["freshness"]!["max_staleness_minutes"]!);
        Assert.Equal("never", (string?)contract.Guarantees!["nullability"]!["email"]);
    }

    [Fact]
    public async Task Lifecycle_CompatibleUnchangedBreaking_GoesThroughTheWorkflow()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        await ImportAsync("openapi-v1.yaml", title, owner.Id);

        // v2: User gains an optional response field (compatible) and GET /orders appears.
        var v2 = await ImportAsync("openapi-v2.yaml", title, owner.Id);
        Assert.Equal(6, v2.EndpointsFound);
        var getUser = Item(v2, ".get_users_userid");
        Assert.Equal(("updated", "published", "1.1.0", "minor"), (getUser.Action, getUser.Status, getUser.Version, getUser.ChangeType));
        Assert.Equal(("unchanged", "skipped"), (Item(v2, ".get_orders_orderid").Action, Item(v2, ".get_orders_orderid").Status));
        Assert.Equal("unchanged", Item(v2, ".post_orders").Action);
        Assert.Equal(("created", "1.0.0"), (Item(v2, ".get_orders").Action, Item(v2, ".get_orders").Version));
        Assert.Equal((1, 3, 2, 4), (v2.AssetsCreated, v2.AssetsUpdated, v2.AssetsUnchanged, v2.ContractsPublished));
        Assert.True(Item(v2, ".post_orders").MetadataUpdated); // info.version is part of openapi_source
        var contracts = await ContractsAsync(App, getUser.AssetId!.Value);
        Assert.Equal(["1.1.0", "1.0.0"], contracts.Results.Select(c => c.Version));
        Assert.Equal(["active", "deprecated"], contracts.Results.Select(c => c.Status));

        // The same document again: every item unchanged, nothing written.
        var before = await CountsAsync(App);
        var again = await ImportAsync("openapi-v2.yaml", title, owner.Id);
        Assert.All(again.Items, i => Assert.Equal(("unchanged", "skipped", false), (i.Action, i.Status, i.MetadataUpdated)));
        Assert.Equal((0, 0, 6, 0), (again.AssetsCreated, again.AssetsUpdated, again.AssetsUnchanged, again.ContractsPublished));
        Assert.Equal(before, await CountsAsync(App));
        Assert.Equal(2, (await ContractsAsync(App, getUser.AssetId!.Value)).Total);

        // v3 drops User.email: breaking for every operation that returns a User. GET /users/{userId} has a consumer.
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, getUser.ContractId!.Value);
        var v3 = await ImportAsync("openapi-v3.yaml", title, owner.Id);
        var proposed = Item(v3, ".get_users_userid");
        Assert.Equal(("proposal_created", "proposal.created", "major"), (proposed.Action, proposed.Status, proposed.ChangeType));
        Assert.NotNull(proposed.ProposalId);
        Assert.Contains(proposed.BreakingChanges!, f => ((string?)f!["path"] ?? "").Contains("email", StringComparison.Ordinal));
        var listUsers = Item(v3, ".get_users");
        Assert.Equal(("updated", "published", "2.0.0"), (listUsers.Action, listUsers.Status, listUsers.Version));
        Assert.NotNull(listUsers.ProposalId); // recorded, published at once: nobody to wait for (DECISIONS §3.3)
        Assert.Equal("unchanged", Item(v3, ".get_orders").Action);
        Assert.Equal(1, v3.ProposalsCreated);
        Assert.Equal(["1.1.0", "1.0.0"], (await ContractsAsync(App, proposed.AssetId!.Value)).Results.Select(c => c.Version));

        // The consumer acknowledges: the proposal publishes the imported operation as 2.0.0.
        var (status, ack) = await TesseraApplication.AcknowledgeAsync(consumer, proposed.ProposalId!.Value);
        Assert.True(status == HttpStatusCode.Created || status == HttpStatusCode.OK, ack.ToJsonString());
        var after = await ContractsAsync(App, proposed.AssetId!.Value);
        Assert.Equal(["2.0.0", "1.1.0", "1.0.0"], after.Results.Select(c => c.Version));
        Assert.Equal("openapi", after.Results[0].SchemaFormat);
        Assert.Null(after.Results[0].SchemaDef["components"]);

        // History and diff of imported contracts are judged natively.
        var history = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{proposed.AssetId}/contracts/history");
        Assert.Equal(["major", "minor", "initial"], history["contracts"]!.AsArray().Select(c => (string?)c!["change_type"]));
        var diff = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{proposed.AssetId}/contracts/diff?from_version=1.1.0&to_version=2.0.0");
        Assert.False((bool)diff["is_compatible"]!);
        // Native coordinates (the operation and response code), not paths into the JSON Schema view.
        Assert.NotEmpty(diff["breaking_changes"]!.AsArray());
        Assert.All(diff["breaking_changes"]!.AsArray(), f => Assert.StartsWith("GET /users/{userId} response 200", (string?)f!["path"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_ReportsWouldCreateAndWouldUpdate_WritesNothing()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var before = await CountsAsync(App);
        var first = await ImportAsync("openapi-v1.yaml", title, owner.Id, dryRun: true);
        Assert.True(first.DryRun);
        Assert.All(first.Items, i => Assert.Equal(("would_create", "will_publish"), (i.Action, i.Status)));
        Assert.Equal((5, 5), (first.AssetsCreated, first.ContractsPublished));
        Assert.Equal(before, await CountsAsync(App));

        await ImportAsync("openapi-v1.yaml", title, owner.Id);
        var mid = await CountsAsync(App);
        var consumer = await App.CreateActorAsync();
        var v1 = await ImportAsync("openapi-v1.yaml", title, owner.Id, dryRun: true);
        await TesseraApplication.RegisterAsync(consumer, Item(v1, ".get_users_userid").ContractId!.Value);
        mid = await CountsAsync(App);
        var v3 = await ImportAsync("openapi-v3.yaml", title, owner.Id, dryRun: true);
        var getUser = Item(v3, ".get_users_userid");
        Assert.Equal(("would_update", "breaking"), (getUser.Action, getUser.Status));
        Assert.NotEmpty(getUser.BreakingChanges!);
        Assert.Equal(("would_create", "will_publish"), (Item(v3, ".get_orders").Action, Item(v3, ".get_orders").Status));
        Assert.Equal("unchanged", Item(v3, ".post_orders").Action);
        Assert.Equal(mid, await CountsAsync(App));
        Assert.Single((await ContractsAsync(App, getUser.AssetId!.Value)).Results);
    }

    [Fact]
    public async Task PathsMappingToOneFqn_AreReportedAsCollisions_OthersImported()
    {
        var owner = await App.CreateTeamAsync();
        var spec = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = Unique("Clash"), ["version"] = "1" },
            ["paths"] = new JsonObject
            {
                ["/users/{id}"] = new JsonObject { ["get"] = new JsonObject { ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } } } },
                ["/users/id"] = new JsonObject { ["get"] = new JsonObject { ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } } } },
                ["/health"] = new JsonObject { ["get"] = new JsonObject { ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } } } },
            },
        };
        var result = await App.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(spec, owner.Id));
        var clashes = result.Items.Where(i => i.Path!.StartsWith("/users", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, clashes.Count);
        Assert.All(clashes, c =>
        {
            Assert.Equal(("error", "failed"), (c.Action, c.Status));
            Assert.Contains("collision", c.Error, StringComparison.OrdinalIgnoreCase);
            Assert.Null(c.AssetId);
        });
        Assert.Equal("created", result.Items.Single(i => i.Path == "/health").Action);
        Assert.Equal((1, 2), (result.AssetsCreated, result.AssetsSkipped));
    }

    [Fact]
    public async Task ExistingAssetsOfAnotherTeamOrDeleted_AreLeftAlone_OthersImported()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var first = await ImportAsync("openapi-v1.yaml", title, owner.Id);
        await App.Admin.DeleteAsync($"/api/v1/assets/{Item(first, ".get_orders_orderid").AssetId}");

        var other = await App.CreateTeamAsync();
        var taken = await ImportAsync("openapi-v2.yaml", title, other.Id);
        Assert.All(taken.Items.Where(i => !i.Fqn.EndsWith(".get_orders", StringComparison.Ordinal)), i =>
        {
            Assert.Equal("error", i.Action);
            Assert.Contains(i.Fqn.EndsWith(".get_orders_orderid", StringComparison.Ordinal) ? "deleted" : "another team", i.Error, StringComparison.Ordinal);
        });
        Assert.Equal("created", Item(taken, ".get_orders").Action);
        Assert.Single((await ContractsAsync(App, Item(first, ".get_users_userid").AssetId!.Value)).Results);
    }

    [Fact]
    public async Task TwoImportsOfOneSpecAtOnce_EachOperationGetsOneAssetAndOneContract()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Race");
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ImportAsync("openapi-v1.yaml", title, owner.Id)));
        Assert.All(results, r => Assert.Equal(0, r.AssetsSkipped));

        // Whoever got there first created and published; the others found it done. Never two versions of one contract.
        Assert.Equal(5, results.Sum(r => r.ContractsPublished));
        Assert.Equal(5, results.SelectMany(r => r.Items).Select(i => (i.Fqn, i.AssetId)).Distinct().Count());
        foreach (var item in results[0].Items)
        {
            Assert.Equal(["1.0.0"], (await ContractsAsync(App, item.AssetId!.Value)).Results.Select(c => c.Version));
        }
    }

    [Fact]
    public async Task ImpactAndDiff_JudgeWithoutWriting()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        await ImportAsync("openapi-v1.yaml", title, owner.Id);
        var before = await CountsAsync(App);

        var same = await App.Admin.OpenApiDiffAsync(new SyncOpenApiRequest(JsonValue.Create(Spec("openapi-v1.yaml", title))));
        Assert.Equal("clean", same.Status);
        Assert.False(same.Blocking);
        Assert.Equal(5, same.Summary.Unchanged);
        Assert.All(same.Items, i => Assert.Equal(("unchanged", "none"), (i.ChangeType, i.SchemaChangeType)));

        var diff = await App.Admin.OpenApiDiffAsync(new SyncOpenApiRequest(JsonValue.Create(Spec("openapi-v3.yaml", title))));
        Assert.Equal("breaking_changes_detected", diff.Status);
        Assert.True(diff.Blocking);
        Assert.Equal(new SyncDiffSummary(1, 3, 2, 3, 0), diff.Summary);
        var getOrders = Assert.Single(diff.Items, i => i.Fqn.EndsWith(".get_orders", StringComparison.Ordinal));
        Assert.Equal(("new", null), (getOrders.ChangeType, getOrders.SchemaChangeType));
        var notBlocking = await App.Admin.OpenApiDiffAsync(new SyncOpenApiRequest(JsonValue.Create(Spec("openapi-v3.yaml", title)), FailOnBreaking: false));
        Assert.False(notBlocking.Blocking);

        var impact = await App.Admin.OpenApiImpactAsync(new SyncOpenApiRequest(JsonValue.Create(Spec("openapi-v3.yaml", title))));
        Assert.Equal("breaking_changes_detected", impact.Status);
        Assert.Equal((6, 5), (impact.TotalItems, impact.ItemsWithContracts));
        var getUser = Assert.Single(impact.Results, r => r.Fqn.EndsWith(".get_users_userid", StringComparison.Ordinal));
        Assert.False(getUser.SafeToPublish);
        Assert.Equal("major", getUser.ChangeType);
        Assert.True(Assert.Single(impact.Results, r => r.Fqn.EndsWith(".post_orders", StringComparison.Ordinal)).SafeToPublish);
        Assert.Equal(before, await CountsAsync(App));
    }

    [Fact]
    public async Task BadInput_IsA4xxEnvelope_AndWritesNothing()
    {
        var owner = await App.CreateTeamAsync();
        var writer = await App.CreateActorAsync();
        var before = await CountsAsync(App);

        var garbage = await PostAsync(App, "openapi", new JsonObject { ["spec"] = "openapi: 3.0.0\npaths: [unclosed", ["owner_team_id"] = owner.Id.ToString() });
        var error = await ErrorAsync(garbage, HttpStatusCode.BadRequest, "INVALID_OPENAPI_SPEC");
        Assert.NotEmpty(error["details"]!["errors"]!.AsArray());

        var notOpenApi = await PostAsync(App, "openapi", new JsonObject { ["spec"] = new JsonObject { ["hello"] = "world" }, ["owner_team_id"] = owner.Id.ToString() });
        await ErrorAsync(notOpenApi, HttpStatusCode.BadRequest, "INVALID_OPENAPI_SPEC");

        var spec = Spec("openapi-v1.yaml", Unique("Shop"));
        var noTeam = await PostAsync(App, "openapi", new JsonObject { ["spec"] = spec, ["owner_team_id"] = Guid.NewGuid().ToString() });
        await ErrorAsync(noTeam, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");

        var noOwner = await PostAsync(App, "openapi", new JsonObject { ["spec"] = spec });
        await ErrorAsync(noOwner, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var noSpec = await PostAsync(App, "openapi", new JsonObject { ["owner_team_id"] = owner.Id.ToString() });
        await ErrorAsync(noSpec, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var wrongType = await PostAsync(App, "openapi", new JsonObject { ["spec"] = 42, ["owner_team_id"] = owner.Id.ToString() });
        await ErrorAsync(wrongType, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var badEnvironment = await PostAsync(App, "openapi", new JsonObject { ["spec"] = spec, ["owner_team_id"] = owner.Id.ToString(), ["environment"] = new string('e', 51) });
        await ErrorAsync(badEnvironment, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var notAdmin = await PostAsync(App, "openapi", new JsonObject { ["spec"] = spec, ["owner_team_id"] = writer.Team.Id.ToString() }, writer.Client);
        await ErrorAsync(notAdmin, HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");

        Assert.Equal(before, await CountsAsync(App));
    }

    [Fact]
    public async Task HandPublish_WithAnImporterFormat_Is422()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        using var content = HttpAssert.Json(new JsonObject { ["schema"] = TesseraApplication.Schema("id"), ["schema_format"] = "openapi" });
        var response = await owner.Client.Http.PostAsync(new Uri($"/api/v1/assets/{asset.Id}/publish", UriKind.Relative), content);
        var error = await ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Contains("sync/openapi", error["details"]!["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SyncOpenApiSqliteTests(SqliteFixture fixture) : SyncOpenApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SyncOpenApiPostgresTests(PostgresFixture fixture) : SyncOpenApiTests(fixture), IClassFixture<PostgresFixture>;
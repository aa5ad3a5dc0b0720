using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

using static Tessera.Server.Tests.Sync.SyncTestData;

namespace Tessera.Server.Tests.Sync;

/// <summary>POST /sync/avro (+ impact, diff) with schemas holding nested named types: v1, compatible v2, unchanged, breaking v3.</summary>
public abstract class SyncAvroTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static JsonNode Schema(string file, string ns) => JsonNode.Parse(Read(file).Replace("com.acme", ns, StringComparison.Ordinal))!;

    private async Task<SyncImportResponse> ImportAsync(string userFile, string ns, Guid owner, bool? dryRun = null) =>
        await App.Admin.SyncAvroAsync(new SyncAvroRequest([Schema(userFile, ns), Schema("avro-order-v1.avsc", ns)], owner, DryRun: dryRun));

    [Fact]
    public async Task Lifecycle_CompatibleUnchangedBreaking()
    {
        var owner = await App.CreateTeamAsync();
        var ns = Unique("acme");

        var v1 = await ImportAsync("avro-user-v1.avsc", ns, owner.Id);
        Assert.Equal(2, v1.SchemasFound);
        Assert.Equal([$"avro.{ns}.orders.order", $"avro.{ns}.users.user"], v1.Items.Select(i => i.Fqn).Order(StringComparer.Ordinal));
        var user = Item(v1, ".users.user");
        Assert.Equal(("created", "1.0.0", "User", ns + ".users"), (user.Action, user.Version, user.Name, user.Namespace));
        var asset = await App.Admin.GetAssetAsync(user.AssetId!.Value);
        Assert.Equal(("other", "A registered user."), (asset.ResourceType, asset.Description));
        var contract = Assert.Single((await ContractsAsync(App, asset.Id)).Results);
        Assert.Equal("avro", contract.SchemaFormat);
        Assert.Equal("object", (string?)contract.SchemaDef["type"]);

        var v2 = await ImportAsync("avro-user-v2.avsc", ns, owner.Id);
        Assert.Equal(("updated", "1.1.0"), (Item(v2, ".users.user").Action, Item(v2, ".users.user").Version));
        Assert.Equal("unchanged", Item(v2, ".orders.order").Action);

        var before = await CountsAsync(App);
        var again = await ImportAsync("avro-user-v2.avsc", ns, owner.Id);
        Assert.All(again.Items, i => Assert.Equal("unchanged", i.Action));
        Assert.Equal(before, await CountsAsync(App));

        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Item(v2, ".users.user").ContractId!.Value);
        var v3 = await ImportAsync("avro-user-v3.avsc", ns, owner.Id);
        var proposed = Item(v3, ".users.user");
        Assert.Equal(("proposal_created", "major"), (proposed.Action, proposed.ChangeType));
        Assert.Contains(proposed.BreakingChanges!, f => ((string?)f!["path"] ?? "").Contains("age", StringComparison.Ordinal));
        Assert.Equal("unchanged", Item(v3, ".orders.order").Action);

        var (status, _) = await TesseraApplication.AcknowledgeAsync(consumer, proposed.ProposalId!.Value);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created);
        var diff = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{proposed.AssetId}/contracts/diff?from_version=1.1.0&to_version=2.0.0");
        Assert.False((bool)diff["is_compatible"]!);
        Assert.All(diff["breaking_changes"]!.AsArray(), f => Assert.StartsWith("avro.", (string?)f!["rule_id"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandPublishedAvro_ThenImported_IsJudgedNativelyAgainstIt()
    {
        var owner = await App.CreateActorAsync();
        var ns = Unique("hand");
        var asset = await App.CreateAssetAsync(owner, $"avro.{ns}.users.user");
        using (var content = HttpAssert.Json(new JsonObject { ["schema"] = Schema("avro-user-v1.avsc", ns), ["schema_format"] = "avro" }))
        {
            await HttpAssert.OkAsync(await owner.Client.Http.PostAsync(new Uri($"/api/v1/assets/{asset.Id}/publish", UriKind.Relative), content), HttpStatusCode.Created);
        }

        var before = await CountsAsync(App);
        var dry = await App.Admin.SyncAvroAsync(new SyncAvroRequest([Schema("avro-user-v1.avsc", ns)], owner.Team.Id, DryRun: true));
        Assert.Equal("unchanged", Assert.Single(dry.Items).Action);
        var impact = await App.Admin.AvroImpactAsync(new SyncAvroRequest([Schema("avro-user-v3.avsc", ns)]));
        Assert.Equal(("breaking_changes_detected", 1), (impact.Status, impact.ItemsWithContracts));
        Assert.Equal(before, await CountsAsync(App));

        var v2 = await App.Admin.SyncAvroAsync(new SyncAvroRequest([Schema("avro-user-v2.avsc", ns)], owner.Team.Id));
        var item = Assert.Single(v2.Items);
        Assert.Equal((asset.Id, "updated", "1.1.0", "minor"), (item.AssetId, item.Action, item.Version, item.ChangeType));
    }

    [Fact]
    public async Task BadInput_IsA4xxEnvelope_AndWritesNothing()
    {
        var owner = await App.CreateTeamAsync();
        var before = await CountsAsync(App);
        var id = owner.Id.ToString();

        var broken = await PostAsync(App, "avro", new JsonObject
        {
            ["schemas"] = new JsonArray(Schema("avro-order-v1.avsc", "ok"), new JsonObject { ["type"] = "record", ["name"] = "X", ["fields"] = new JsonArray(new JsonObject { ["name"] = "a", ["type"] = "Nope" }) }),
            ["owner_team_id"] = id,
        });
        var error = await ErrorAsync(broken, HttpStatusCode.BadRequest, "INVALID_SCHEMA");
        Assert.Equal(1, (int)error["details"]!["index"]!);

        var primitive = await PostAsync(App, "avro", new JsonObject { ["schemas"] = new JsonArray(new JsonObject { ["type"] = "string" }), ["owner_team_id"] = id });
        await ErrorAsync(primitive, HttpStatusCode.BadRequest, "INVALID_SCHEMA");

        var empty = await PostAsync(App, "avro", new JsonObject { ["schemas"] = new JsonArray(), ["owner_team_id"] = id });
        await ErrorAsync(empty, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var notJson = await PostAsync(App, "avro", new JsonObject { ["schemas"] = new JsonArray(42), ["owner_team_id"] = id });
        await ErrorAsync(notJson, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var noTeam = await PostAsync(App, "avro", new JsonObject { ["schemas"] = new JsonArray(Schema("avro-order-v1.avsc", "ok")), ["owner_team_id"] = Guid.NewGuid().ToString() });
        await ErrorAsync(noTeam, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");

        // The same named type twice: both reported, neither imported.
        var twice = await App.Admin.SyncAvroAsync(new SyncAvroRequest([Schema("avro-order-v1.avsc", "twice"), Schema("avro-order-v1.avsc", "twice")], owner.Id));
        Assert.All(twice.Items, i => Assert.Equal("error", i.Action));
        Assert.Equal(before, await CountsAsync(App));
    }
}

public sealed class SyncAvroSqliteTests(SqliteFixture fixture) : SyncAvroTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SyncAvroPostgresTests(PostgresFixture fixture) : SyncAvroTests(fixture), IClassFixture<PostgresFixture>;
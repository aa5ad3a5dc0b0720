using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

using static Tessera.Server.Tests.Sync.SyncTestData;

namespace Tessera.Server.Tests.Sync;

/// <summary>POST /sync/graphql (+ impact, diff) with SDL and introspection: v1, compatible v2, unchanged re-import, breaking v3.</summary>
public abstract class SyncGraphQLTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private async Task<SyncImportResponse> SdlAsync(string file, string schema, Guid owner, bool? dryRun = null) =>
        await App.Admin.SyncGraphQLAsync(new SyncGraphQLRequest(Sdl: Read(file), OwnerTeamId: owner, SchemaName: schema, DryRun: dryRun));

    [Fact]
    public async Task Lifecycle_Sdl_CompatibleUnchangedBreaking()
    {
        var owner = await App.CreateTeamAsync();
        var schema = Unique("Shop_Gql");
        var slug = schema.ToLowerInvariant();

        var v1 = await SdlAsync("graphql-v1.graphql", schema, owner.Id);
        Assert.Equal(schema, v1.SchemaName);
        Assert.Equal(5, v1.OperationsFound);
        Assert.Equal(
            [$"graphql.{slug}.mutation_createuser", $"graphql.{slug}.query_order", $"graphql.{slug}.query_user", $"graphql.{slug}.query_users",
             $"graphql.{slug}.subscription_orderplaced"],
            v1.Items.Select(i => i.Fqn).Order(StringComparer.Ordinal));
        Assert.All(v1.Items, i => Assert.Equal(("created", "1.0.0"), (i.Action, i.Version)));
        var user = Item(v1, ".query_user");
        Assert.Equal(("user", "query"), (user.OperationName, user.OperationType));
        var asset = await App.Admin.GetAssetAsync(user.AssetId!.Value);
        Assert.Equal("graphql_query", asset.ResourceType);
        Assert.Equal("Look up one user by id.", asset.Description);
        var contract = Assert.Single((await ContractsAsync(App, asset.Id)).Results);
        Assert.Equal("graphql", contract.SchemaFormat);
        Assert.Equal("never", (string?)contract.Guarantees!["nullability"]!["id"]);
        Assert.Equal("The user's id.", (string?)contract.FieldDescriptions["$.properties.arguments.properties.id"]);

        // v2: User gains a nullable field; a new query. Operations that never reach User stay unchanged.
        var v2 = await SdlAsync("graphql-v2.graphql", schema, owner.Id);
        Assert.Equal(("updated", "1.1.0"), (Item(v2, ".query_user").Action, Item(v2, ".query_user").Version));
        Assert.Equal("updated", Item(v2, ".query_users").Action);
        Assert.Equal("updated", Item(v2, ".mutation_createuser").Action);
        Assert.Equal("unchanged", Item(v2, ".query_order").Action);
        Assert.Equal("unchanged", Item(v2, ".subscription_orderplaced").Action);
        Assert.Equal("created", Item(v2, ".query_orders").Action);

        var before = await CountsAsync(App);
        var again = await SdlAsync("graphql-v2.graphql", schema, owner.Id);
        Assert.All(again.Items, i => Assert.Equal("unchanged", i.Action));
        Assert.Equal(before, await CountsAsync(App));

        // v3 removes User.email: breaking for what returns a User; the consumer of `user` must acknowledge.
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Item(v2, ".query_user").ContractId!.Value);
        var v3 = await SdlAsync("graphql-v3.graphql", schema, owner.Id);
        var proposed = Item(v3, ".query_user");
        Assert.Equal(("proposal_created", "major"), (proposed.Action, proposed.ChangeType));
        Assert.Contains(proposed.BreakingChanges!, f => ((string?)f!["path"] ?? "").Contains("User.email", StringComparison.Ordinal));
        Assert.Equal(("updated", "2.0.0"), (Item(v3, ".query_users").Action, Item(v3, ".query_users").Version));
        Assert.Equal("unchanged", Item(v3, ".query_order").Action);

        var (status, _) = await TesseraApplication.AcknowledgeAsync(consumer, proposed.ProposalId!.Value);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created);
        Assert.Equal("2.0.0", (await ContractsAsync(App, proposed.AssetId!.Value)).Results[0].Version);
        var diff = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{proposed.AssetId}/contracts/diff?from_version=1.1.0&to_version=2.0.0");
        Assert.Contains(diff["breaking_changes"]!.AsArray(), f => (string?)f!["path"] == "User.email");
    }

    [Fact]
    public async Task Introspection_ThenTheSameSchemaAsSdl_IsUnchanged()
    {
        var owner = await App.CreateTeamAsync();
        var schema = Unique("Intro");
        var introspection = JsonNode.Parse(Read("graphql-introspection.json"))!;
        var first = await App.Admin.SyncGraphQLAsync(new SyncGraphQLRequest(introspection, OwnerTeamId: owner.Id, SchemaName: schema));
        Assert.Equal(2, first.OperationsFound);
        Assert.All(first.Items, i => Assert.Equal("created", i.Action));

        // The {data: {__schema}} wrapper is accepted too, and judged natively against the SDL form.
        var sdl = await SdlAsync("graphql-introspection-same.graphql", schema, owner.Id);
        Assert.All(sdl.Items, i => Assert.Equal("unchanged", i.Action));
        var wrapped = new JsonObject { ["data"] = introspection.DeepClone() };
        var diff = await App.Admin.GraphQLDiffAsync(new SyncGraphQLRequest(wrapped, SchemaName: schema));
        Assert.Equal("clean", diff.Status);
    }

    [Fact]
    public async Task DryRunImpactAndDiff_WriteNothing()
    {
        var owner = await App.CreateTeamAsync();
        var schema = Unique("Preview");
        await SdlAsync("graphql-v1.graphql", schema, owner.Id);
        var before = await CountsAsync(App);

        var dry = await SdlAsync("graphql-v3.graphql", schema, owner.Id, dryRun: true);
        Assert.Equal("would_update", Item(dry, ".query_user").Action);
        Assert.Equal("would_create", Item(dry, ".query_orders").Action);
        var impact = await App.Admin.GraphQLImpactAsync(new SyncGraphQLRequest(Sdl: Read("graphql-v3.graphql"), SchemaName: schema));
        Assert.Equal("breaking_changes_detected", impact.Status);
        Assert.False(Assert.Single(impact.Results, r => r.Fqn.EndsWith(".query_user", StringComparison.Ordinal)).SafeToPublish);
        var diff = await App.Admin.GraphQLDiffAsync(new SyncGraphQLRequest(Sdl: Read("graphql-v3.graphql"), SchemaName: schema));
        Assert.True(diff.Blocking);
        Assert.Equal(1, diff.Summary.New);
        Assert.Equal(before, await CountsAsync(App));
    }

    [Fact]
    public async Task BadInput_IsA4xxEnvelope_AndWritesNothing()
    {
        var owner = await App.CreateTeamAsync();
        var before = await CountsAsync(App);
        var id = owner.Id.ToString();

        var broken = await PostAsync(App, "graphql", new JsonObject { ["sdl"] = "type Query { user(: User }", ["owner_team_id"] = id });
        Assert.NotEmpty((await ErrorAsync(broken, HttpStatusCode.BadRequest, "INVALID_OPENAPI_SPEC"))["details"]!["errors"]!.AsArray());

        var noSchema = await PostAsync(App, "graphql", new JsonObject { ["introspection"] = new JsonObject { ["invalid"] = "data" }, ["owner_team_id"] = id });
        await ErrorAsync(noSchema, HttpStatusCode.BadRequest, "INVALID_OPENAPI_SPEC");

        var both = await PostAsync(App, "graphql", new JsonObject { ["sdl"] = Read("graphql-v1.graphql"), ["introspection"] = new JsonObject(), ["owner_team_id"] = id });
        await ErrorAsync(both, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var neither = await PostAsync(App, "graphql", new JsonObject { ["owner_team_id"] = id });
        await ErrorAsync(neither, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var unsafeName = await PostAsync(App, "graphql", new JsonObject { ["sdl"] = Read("graphql-v1.graphql"), ["schema_name"] = "evil/name", ["owner_team_id"] = id });
        await ErrorAsync(unsafeName, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var noTeam = await PostAsync(App, "graphql", new JsonObject { ["sdl"] = Read("graphql-v1.graphql"), ["owner_team_id"] = Guid.NewGuid().ToString() });
        await ErrorAsync(noTeam, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");

        Assert.Equal(before, await CountsAsync(App));
    }
}

public sealed class SyncGraphQLSqliteTests(SqliteFixture fixture) : SyncGraphQLTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SyncGraphQLPostgresTests(PostgresFixture fixture) : SyncGraphQLTests(fixture), IClassFixture<PostgresFixture>;
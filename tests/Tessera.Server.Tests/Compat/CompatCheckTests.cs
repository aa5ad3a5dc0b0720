using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

using static Tessera.Server.Tests.Sync.SyncTestData;

namespace Tessera.Server.Tests.Compat;

/// <summary>
/// POST /compat/check-compat with OpenAPI documents: the names the importer gives, the same verdict the import then
/// acts on, the mode override, scoping to one asset, service names, and bad input refused with nothing written.
/// </summary>
public abstract class CompatCheckTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static string Spec(string file, string title) => Read(file).Replace("title: Shop Platform", "title: " + title, StringComparison.Ordinal);

    private async Task<SyncImportResponse> ImportAsync(string file, string title, Guid owner) =>
        await App.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(JsonValue.Create(Spec(file, title)), owner));

    private async Task<CheckCompatResponse> CheckAsync(string spec, string? mode = null, string? assetFqn = null, string? operation = null,
        string? serviceName = null, TesseraClient? client = null) =>
        await (client ?? App.Admin).CheckCompatAsync(new CheckCompatRequest(spec, "openapi", assetFqn, operation, serviceName), mode);

    private async Task<HttpResponseMessage> PostAsync(JsonNode body, string query = "") =>
        await App.Admin.Http.PostAsync(new Uri("/api/v1/compat/check-compat" + query, UriKind.Relative), HttpAssert.Json(body));

    private static CheckCompatResult Result(CheckCompatResponse response, string fqnSuffix) =>
        Assert.Single(response.Results, r => r.Fqn.EndsWith(fqnSuffix, StringComparison.Ordinal));

    [Fact]
    public async Task Check_NothingImported_EveryOperationIsNewUnderTheImportersNames()
    {
        var title = Unique("Shop");
        var check = await CheckAsync(Spec("openapi-v1.yaml", title));

        var slug = title.ToLowerInvariant();
        Assert.False(check.IsBreaking);
        Assert.Equal("openapi", check.SpecFormat);
        Assert.Equal((5, 0, 5), (check.TotalEndpoints, check.Checked, check.NewEndpoints));
        Assert.Equal(
            [$"api.{slug}.get_orders_orderid", $"api.{slug}.get_users", $"api.{slug}.get_users_userid", $"api.{slug}.post_orders", $"api.{slug}.post_users"],
            check.Results.Select(r => r.Fqn).Order(StringComparer.Ordinal));
        Assert.All(check.Results, r => Assert.Equal(("new", false, null, null), (r.ChangeType, r.IsBreaking, r.CurrentVersion, r.AssetId)));
        Assert.Equal("GET /users/{userId}", Result(check, ".get_users_userid").Operation);
        Assert.Empty(check.ParseErrors);
    }

    [Fact]
    public async Task Check_CompatibleChange_MatchesTheImportedAssetsAndTheImportPublishes()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var v1 = await ImportAsync("openapi-v1.yaml", title, owner.Id);

        var check = await CheckAsync(Spec("openapi-v2.yaml", title));

        Assert.False(check.IsBreaking);
        Assert.Equal((6, 5, 1), (check.TotalEndpoints, check.Checked, check.NewEndpoints));
        foreach (var imported in v1.Items)
        {
            Assert.Equal(imported.AssetId, Assert.Single(check.Results, r => r.Fqn == imported.Fqn).AssetId);
        }

        var getUser = Result(check, ".get_users_userid");
        Assert.Equal(("minor", false, false, "1.0.0", "backward"), (getUser.ChangeType, getUser.IsBreaking, getUser.Unchanged, getUser.CurrentVersion,
            getUser.CompatibilityMode));
        Assert.Empty(getUser.BreakingChanges);
        Assert.Contains(getUser.NonBreakingChanges, c => ((string?)c!["path"])!.Contains("phone", StringComparison.Ordinal));
        Assert.True(Result(check, ".get_orders_orderid").Unchanged);
        Assert.Equal("new", Result(check, ".get_orders").ChangeType);

        var v2 = await ImportAsync("openapi-v2.yaml", title, owner.Id);
        Assert.Equal(("published", "1.1.0"), (Item(v2, ".get_users_userid").Status, Item(v2, ".get_users_userid").Version));
        Assert.Equal("created", Item(v2, ".get_orders").Action);
    }

    [Fact]
    public async Task Check_BreakingChange_IsBreakingAndTheImportOpensAProposal()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var v1 = await ImportAsync("openapi-v1.yaml", title, owner.Id);
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Item(v1, ".get_users_userid").ContractId!.Value);

        var check = await CheckAsync(Spec("openapi-v3.yaml", title));

        Assert.True(check.IsBreaking);
        var getUser = Result(check, ".get_users_userid");
        Assert.Equal(("major", true, "1.0.0"), (getUser.ChangeType, getUser.IsBreaking, getUser.CurrentVersion));
        Assert.Contains(getUser.BreakingChanges, c => ((string?)c!["path"])!.Contains("email", StringComparison.Ordinal)
            && (string?)c["severity"] == "breaking");
        Assert.False(Result(check, ".post_orders").IsBreaking);

        var v3 = await ImportAsync("openapi-v3.yaml", title, owner.Id);
        Assert.Equal("proposal_created", Item(v3, ".get_users_userid").Action);
        Assert.Equal("unchanged", Item(v3, ".post_orders").Action);
    }

    [Fact]
    public async Task Check_ModeOverride_JudgesUnderThatModeInstead()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        await ImportAsync("openapi-v1.yaml", title, owner.Id);
        var v3 = Spec("openapi-v3.yaml", title);

        var none = await CheckAsync(v3, mode: "none");
        Assert.False(none.IsBreaking);
        Assert.Equal(("none", false), (Result(none, ".get_users_userid").CompatibilityMode, Result(none, ".get_users_userid").IsBreaking));
        Assert.NotEmpty(Result(none, ".get_users_userid").NonBreakingChanges);

        var full = await CheckAsync(v3, mode: "full");
        Assert.True(Result(full, ".get_users_userid").IsBreaking);
        Assert.Equal("full", Result(full, ".get_users_userid").CompatibilityMode);
    }

    [Fact]
    public async Task Check_AssetFqnWithOperation_ComparesThatOperationOnly()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var v1 = await ImportAsync("openapi-v1.yaml", title, owner.Id);
        var getUser = Item(v1, ".get_users_userid");
        var v3 = Spec("openapi-v3.yaml", title);

        var scoped = await CheckAsync(v3, assetFqn: getUser.Fqn, operation: "GET /users/{userId}");
        var only = Assert.Single(scoped.Results);
        Assert.Equal((getUser.Fqn, "GET /users/{userId}", getUser.AssetId, true), (only.Fqn, only.Operation, only.AssetId, only.IsBreaking));
        Assert.Equal(1, scoped.TotalEndpoints);

        // Without operation: the operation the asset's contract was imported from.
        var inferred = Assert.Single((await CheckAsync(v3, assetFqn: getUser.Fqn)).Results);
        Assert.Equal(("GET /users/{userId}", true), (inferred.Operation, inferred.IsBreaking));

        // Another operation paired with the asset on purpose (e.g. a renamed path): compared with that asset's contract.
        var renamed = Assert.Single((await CheckAsync(Spec("openapi-v1.yaml", title), assetFqn: getUser.Fqn, operation: "get /users/{userid}")).Results);
        Assert.Equal(("GET /users/{userId}", true, "patch"), (renamed.Operation, renamed.Unchanged, renamed.ChangeType));
        var other = Assert.Single((await CheckAsync(Spec("openapi-v1.yaml", title), assetFqn: getUser.Fqn, operation: "GET /orders/{orderId}")).Results);
        Assert.Equal(getUser.Fqn, other.Fqn);
        Assert.True(other.IsBreaking);
    }

    [Fact]
    public async Task Check_ServiceName_AlsoMatchesRepoSyncNames()
    {
        var owner = await App.CreateActorAsync();
        var title = Unique("Shop");
        var service = Unique("orders_svc");
        var v1 = await ImportAsync("openapi-v1.yaml", title, owner.Team.Id);
        var repoAsset = await owner.Client.CreateAssetAsync(new CreateAssetRequest($"{service}.rest.getUser", owner.Team.Id));

        var check = await CheckAsync(Spec("openapi-v1.yaml", title), serviceName: service);

        var forGetUser = check.Results.Where(r => r.Operation == "GET /users/{userId}").ToList();
        Assert.Equal([$"{service}.rest.getUser", Item(v1, ".get_users_userid").Fqn], forGetUser.Select(r => r.Fqn));
        Assert.Equal((repoAsset.Id, "new"), (forGetUser[0].AssetId, forGetUser[0].ChangeType));
        Assert.True(forGetUser[1].Unchanged);
        Assert.Equal(5, check.TotalEndpoints);
        Assert.Equal(6, check.Results.Count);
    }

    [Fact]
    public async Task Check_ReadKey_IsEnoughAndNothingIsWritten()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        await ImportAsync("openapi-v1.yaml", title, owner.Id);
        var reader = await App.CreateTeamAsync();
        var (_, client) = await App.CreateKeyAsync(reader.Id, "read");
        var before = await CountsAsync(App);

        var check = await CheckAsync(Spec("openapi-v3.yaml", title), client: client);

        Assert.True(check.IsBreaking);
        Assert.Equal(before, await CountsAsync(App));
    }

    [Fact]
    public async Task Check_ManyWildcardMediaTypes_AreNotMistakenForAnAliasBomb()
    {
        var paths = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            paths.Append($"  /r{i}:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            \"*/*\":\n              schema: {{type: string}}\n");
        }

        var check = await CheckAsync($"openapi: 3.0.3\ninfo: {{title: {Unique("Stars")}, version: '1'}}\npaths:\n{paths}");

        Assert.Equal(60, check.NewEndpoints);
    }

    [Fact]
    public async Task Check_TwoOperationsWithOneName_AreReportedNotChecked()
    {
        var title = Unique("Clash");
        var spec = """
            {"openapi": "3.0.3", "info": {"title": "TITLE", "version": "1"}, "paths": {
              "/users/{id}": {"get": {"responses": {"200": {"description": "ok"}}}},
              "/users/id": {"get": {"responses": {"200": {"description": "ok"}}}},
              "/teams": {"get": {"responses": {"200": {"description": "ok"}}}}}}
            """.Replace("TITLE", title, StringComparison.Ordinal);

        var check = await CheckAsync(spec);

        Assert.Equal([$"api.{title.ToLowerInvariant()}.get_teams"], check.Results.Select(r => r.Fqn));
        Assert.Equal(2, check.ParseErrors.Count);
        Assert.All(check.ParseErrors, e => Assert.Contains("FQN collision", e, StringComparison.Ordinal));
        Assert.Equal(3, check.TotalEndpoints);
    }

    [Fact]
    public async Task Check_UnknownAsset_Is404()
    {
        var response = await PostAsync(new JsonObject
        {
            ["spec_content"] = Spec("openapi-v1.yaml", "Anything"),
            ["spec_format"] = "openapi",
            ["asset_fqn"] = "api.nothing.here",
        });

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        Assert.Contains("api.nothing.here", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownOperation_Is422ListingTheOperations()
    {
        var owner = await App.CreateTeamAsync();
        var title = Unique("Shop");
        var v1 = await ImportAsync("openapi-v1.yaml", title, owner.Id);

        var response = await PostAsync(new JsonObject
        {
            ["spec_content"] = Spec("openapi-v1.yaml", title),
            ["spec_format"] = "openapi",
            ["asset_fqn"] = Item(v1, ".get_users_userid").Fqn,
            ["operation"] = "DELETE /users/{userId}",
        });

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        var field = error["details"]!["errors"]![0]!;
        Assert.Equal("operation", (string?)field["field"]);
        Assert.Contains("GET /users/{userId}", (string?)field["message"], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnparseableDocuments => new()
    {
        { "openapi: 3.0.3\ninfo: {title: x\n  version: [", "line" },
        { "- just\n- a\n- list\n", "OpenAPI" },
        { """{"swagger": "1.2", "info": {}}""", "Swagger version" },
        { "openapi: 3.0.3\ninfo: {title: bomb, version: '1'}\npaths: {}\n"
          + "x-a: &a [x, x, x, x, x, x, x, x, x, x]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
          + "x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nx-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nx-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
          + "x-g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", "MaxNodes" },
    };

    [Theory]
    [MemberData(nameof(UnparseableDocuments))]
    public async Task Check_UnparseableDocument_Is400InvalidSchemaWithParseErrors(string spec, string expected)
    {
        var before = await CountsAsync(App);
        var response = await PostAsync(new JsonObject { ["spec_content"] = spec, ["spec_format"] = "openapi" });

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_SCHEMA");
        var errors = error["details"]!["parse_errors"]!.AsArray();
        Assert.Contains(errors, e => ((string?)e)!.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("openapi", (string?)error["details"]!["spec_format"]);
        Assert.Equal(before, await CountsAsync(App));
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { """{"spec_format": "openapi"}""", "", "spec_content" },
        { """{"spec_content": "", "spec_format": "openapi"}""", "", "spec_content" },
        { """{"spec_content": "openapi: 3.0.3"}""", "", "spec_format" },
        { """{"spec_content": "openapi: 3.0.3", "spec_format": "wsdl"}""", "", "spec_format" },
        { """{"spec_content": "openapi: 3.0.3", "spec_format": "openapi"}""", "?compatibility_mode_override=sideways", "compatibility_mode_override" },
        { """{"spec_content": "openapi: 3.0.3", "spec_format": "openapi", "operation": "GET /x"}""", "", "operation" },
        { """{"spec_content": "openapi: 3.0.3", "spec_format": "openapi", "environment": ""}""", "", "environment" },
        { """{"spec_content": "openapi: 3.0.3", "spec_format": "openapi", "files": [{"path": "a.proto", "content": ""}]}""", "", "files" },
        { """{"spec_content": "syntax = 'proto3';", "spec_format": "protobuf", "files": [{"path": "../a.proto", "content": ""}]}""", "", "files[0].path" },
        { """{"spec_content": 42, "spec_format": "openapi"}""", "", "spec_content" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Check_InvalidRequest_Is422NamingTheField(string body, string query, string field)
    {
        var response = await App.Admin.Http.PostAsync(new Uri("/api/v1/compat/check-compat" + query, UriKind.Relative), HttpAssert.Json(body));

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Contains(error["details"]!["errors"]!.AsArray(), e => ((string?)e!["field"])!.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_SpecOverFiveMillionCharacters_Is422()
    {
        var spec = "openapi: 3.0.3\n#" + new string('x', 5_000_000);

        var response = await PostAsync(new JsonObject { ["spec_content"] = spec, ["spec_format"] = "openapi" });

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("spec_content", (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Check_NoKey_Is401()
    {
        var response = await App.Raw(null).PostAsync(new Uri("/api/v1/compat/check-compat", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["spec_content"] = "openapi: 3.0.3", ["spec_format"] = "openapi" }));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "MISSING_API_KEY");
    }
}

public sealed class CompatCheckSqliteTests(SqliteFixture fixture) : CompatCheckTests(fixture), IClassFixture<SqliteFixture>;

public sealed class CompatCheckPostgresTests(PostgresFixture fixture) : CompatCheckTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

using static Tessera.Server.Tests.Sync.SyncTestData;

namespace Tessera.Server.Tests.Compat;

/// <summary>
/// POST /compat/check-compat with GraphQL (SDL and introspection) and a multi-file protobuf package: the names the
/// GraphQL and gRPC importers give, and the verdicts their imports then act on.
/// </summary>
public abstract class CompatCheckFormatTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static readonly string[] ProtoPaths = ["shop/common/v1/money.proto", "shop/users/v1/users.proto", "shop/orders/v1/orders.proto"];

    private static List<SyncFile> Package(string version, string unique) =>
        [.. ProtoPaths.Select(p => new SyncFile(p.Replace("shop/", unique + "/", StringComparison.Ordinal),
            Read(Path.Combine($"proto-{version}", p)).Replace("shop.", unique + ".", StringComparison.Ordinal)
                .Replace("\"shop/", $"\"{unique}/", StringComparison.Ordinal)))];

    private static CheckCompatResult Result(CheckCompatResponse response, string fqnSuffix) =>
        Assert.Single(response.Results, r => r.Fqn.EndsWith(fqnSuffix, StringComparison.Ordinal));

    [Fact]
    public async Task GraphQL_Sdl_MatchesImportedOperationsAndFindsTheBreakingOne()
    {
        var owner = await App.CreateTeamAsync();
        var schema = Unique("Shop_Gql");
        var v1 = await App.Admin.SyncGraphQLAsync(new SyncGraphQLRequest(Sdl: Read("graphql-v1.graphql"), OwnerTeamId: owner.Id, SchemaName: schema));

        var compatible = await App.Admin.CheckCompatAsync(new CheckCompatRequest(Read("graphql-v2.graphql"), "graphql", SchemaName: schema));
        Assert.False(compatible.IsBreaking);
        Assert.Equal("graphql", compatible.SpecFormat);
        foreach (var imported in v1.Items)
        {
            Assert.Equal(imported.AssetId, Assert.Single(compatible.Results, r => r.Fqn == imported.Fqn).AssetId);
        }

        Assert.Equal(("minor", "Query.user"), (Result(compatible, ".query_user").ChangeType, Result(compatible, ".query_user").Operation));
        Assert.Equal("new", Result(compatible, ".query_orders").ChangeType);

        var breaking = await App.Admin.CheckCompatAsync(new CheckCompatRequest(Read("graphql-v3.graphql"), "graphql", SchemaName: schema));
        Assert.True(breaking.IsBreaking);
        var user = Result(breaking, ".query_user");
        Assert.True(user.IsBreaking);
        Assert.Contains(user.BreakingChanges, c => ((string?)c!["path"])!.Contains("email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GraphQL_Introspection_IsReadLikeTheSdl()
    {
        var owner = await App.CreateTeamAsync();
        var schema = Unique("Intro");
        var introspection = Read("graphql-introspection.json");
        var imported = await App.Admin.SyncGraphQLAsync(new SyncGraphQLRequest(JsonNode.Parse(introspection), OwnerTeamId: owner.Id, SchemaName: schema));

        var check = await App.Admin.CheckCompatAsync(new CheckCompatRequest(introspection, "graphql", SchemaName: schema));

        Assert.False(check.IsBreaking);
        Assert.Equal(imported.Items.Count, check.Results.Count);
        Assert.All(check.Results, r => Assert.True(r.Unchanged, r.Fqn));
    }

    [Fact]
    public async Task GraphQL_BadSchemaName_Is422()
    {
        var response = await App.Admin.Http.PostAsync(new Uri("/api/v1/compat/check-compat", UriKind.Relative), HttpAssert.Json(new JsonObject
        {
            ["spec_content"] = Read("graphql-v1.graphql"),
            ["spec_format"] = "graphql",
            ["schema_name"] = "has/slash",
        }));

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("schema_name", (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task GraphQL_NotASchema_Is400()
    {
        var response = await App.Admin.Http.PostAsync(new Uri("/api/v1/compat/check-compat", UriKind.Relative), HttpAssert.Json(new JsonObject
        {
            ["spec_content"] = """{"data": {"nothing": true}}""",
            ["spec_format"] = "graphql",
        }));

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_SCHEMA");
        Assert.NotEmpty(error["details"]!["parse_errors"]!.AsArray());
    }

    [Fact]
    public async Task Protobuf_PackageFile_WithItsImports_MatchesTheImportedRpcs()
    {
        var owner = await App.CreateTeamAsync();
        var pkg = Unique("shop");
        var v1 = await App.Admin.SyncGrpcAsync(new SyncGrpcRequest(Files: Package("v1", pkg), OwnerTeamId: owner.Id));

        // users.proto alone (it imports nothing of ours): only its RPCs are checked.
        var v3 = Package("v3", pkg);
        var users = v3.Single(f => f.Path!.EndsWith("users.proto", StringComparison.Ordinal));
        var check = await App.Admin.CheckCompatAsync(new CheckCompatRequest(users.Content, "protobuf"));

        Assert.Equal([$"grpc.{pkg}_users_v1.UserService.GetUser", $"grpc.{pkg}_users_v1.UserService.ListUsers"],
            check.Results.Select(r => r.Fqn).Order(StringComparer.Ordinal));
        Assert.All(check.Results, r => Assert.Equal(Item(v1, "." + r.Fqn.Split('.')[^1]).AssetId, r.AssetId));
        var getUser = Result(check, ".GetUser");
        Assert.Equal(($"{pkg}.users.v1.UserService/GetUser", true), (getUser.Operation, getUser.IsBreaking));
        Assert.Contains(getUser.BreakingChanges, c => ((string?)c!["path"])!.Contains("age", StringComparison.Ordinal));

        // orders.proto named by spec_path, with the other files of the package: every file's RPCs, as the importer reads a package.
        var orders = v3.Single(f => f.Path!.EndsWith("orders.proto", StringComparison.Ordinal));
        var withImports = await App.Admin.CheckCompatAsync(new CheckCompatRequest(orders.Content, "protobuf",
            Files: [.. v3.Where(f => f != orders)], SpecPath: orders.Path));
        Assert.Equal(4, withImports.TotalEndpoints);
        Assert.Contains(withImports.Results, r => r.Fqn.EndsWith(".PlaceOrder", StringComparison.Ordinal) && r.Unchanged);
    }

    [Fact]
    public async Task Protobuf_ServiceName_AlsoMatchesRepoSyncNames()
    {
        var owner = await App.CreateActorAsync();
        var pkg = Unique("shop");
        var service = Unique("users_svc");
        var repoAsset = await owner.Client.CreateAssetAsync(new CreateAssetRequest($"{service}.grpc.UserService_GetUser", owner.Team.Id));
        var users = Package("v1", pkg).Single(f => f.Path!.EndsWith("users.proto", StringComparison.Ordinal));

        var check = await App.Admin.CheckCompatAsync(new CheckCompatRequest(users.Content, "protobuf", ServiceName: service));

        var getUser = Assert.Single(check.Results, r => r.Operation!.EndsWith("/GetUser", StringComparison.Ordinal));
        Assert.Equal(($"{service}.grpc.UserService_GetUser", repoAsset.Id), (getUser.Fqn, getUser.AssetId));
        Assert.Equal(2, check.Results.Count);
    }

    [Fact]
    public async Task Protobuf_NoRpc_Is400()
    {
        var response = await App.Admin.Http.PostAsync(new Uri("/api/v1/compat/check-compat", UriKind.Relative), HttpAssert.Json(new JsonObject
        {
            ["spec_content"] = "syntax = \"proto3\";\nmessage Only { string id = 1; }\n",
            ["spec_format"] = "protobuf",
        }));

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_SCHEMA");
        Assert.NotEmpty(error["details"]!["parse_errors"]!.AsArray());
    }

    [Fact]
    public async Task Protobuf_SpecPathAlsoInFiles_Is422()
    {
        var response = await App.Admin.Http.PostAsync(new Uri("/api/v1/compat/check-compat", UriKind.Relative), HttpAssert.Json(new JsonObject
        {
            ["spec_content"] = "syntax = \"proto3\";",
            ["spec_format"] = "protobuf",
            ["spec_path"] = "a.proto",
            ["files"] = new JsonArray(new JsonObject { ["path"] = "a.proto", ["content"] = "syntax = \"proto3\";" }),
        }));

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("spec_path", (string?)error["details"]!["errors"]![0]!["field"]);
    }
}

public sealed class CompatCheckFormatSqliteTests(SqliteFixture fixture) : CompatCheckFormatTests(fixture), IClassFixture<SqliteFixture>;

public sealed class CompatCheckFormatPostgresTests(PostgresFixture fixture) : CompatCheckFormatTests(fixture), IClassFixture<PostgresFixture>;
using System.Text.Json.Nodes;

using static Tessera.Cli.Tests.ServerSpecs;

namespace Tessera.Cli.Tests;

/// <summary>
/// <c>tessera sync graphql|grpc|avro</c> and <c>tessera check</c> on GraphQL and protobuf files against a real server:
/// SDL files joined into one schema, a .proto package keyed by its import root, the check sending a file's imports.
/// </summary>
public sealed class FormatCommandTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CliContext Context(Guid? team = null) => CliContext.With(new Dictionary<string, string?>
    {
        ["TESSERA_URL"] = server.Url,
        ["TESSERA_API_KEY"] = ServerFixture.AdminKey,
        ["TESSERA_TEAM_ID"] = team?.ToString(),
    });

    private const string QuerySdl = """
        type Query {
          user(id: ID!): User
        }
        """;

    private static string UserSdl(params string[] fields) => "type User {\n  id: ID!\n" + string.Join("", fields.Select(f => $"  {f}: String!\n")) + "}\n";

    private static string Money(string package) => $$"""
        syntax = "proto3";
        package {{package}}.common;
        message Money { string currency = 1; int64 units = 2; }
        """;

    private static string Orders(string package, string totalType = "common.Money") => $$"""
        syntax = "proto3";
        package {{package}}.orders;
        import "{{package}}/common/money.proto";
        message PlaceOrderRequest { string user_id = 1; {{totalType}} total = 2; }
        message Order { string id = 1; }
        service OrderService { rpc PlaceOrder(PlaceOrderRequest) returns (Order); }
        """;

    [Fact]
    public async Task SyncGraphQL_SdlFilesJoined_ThenCheckFindsTheBreakingChange()
    {
        var team = await server.CreateTeamAsync();
        var schema = Unique("Gql");
        var query = _files.Write("schema/query.graphql", QuerySdl);

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "graphql", query,
            _files.Write("schema/user.graphql", UserSdl("email")), "--schema-name", schema);

        Assert.True(exit == ExitCodes.Compatible, err + output);
        var fqn = $"graphql.{schema.ToLowerInvariant()}.query_user";
        Assert.Contains($"created 1.0.0", output, StringComparison.Ordinal);
        Assert.Contains($"{fqn}  (query user)", output, StringComparison.Ordinal);

        var joined = _files.Write("check/schema.graphql", QuerySdl + "\n" + UserSdl());
        var (checkExit, checkOutput, _) = await CliRunner.RunAsync(Context(), "check", joined, "--schema-name", schema);
        Assert.Equal(ExitCodes.Breaking, checkExit);
        Assert.Contains($"BREAKING  {fqn}  (Query.user)", checkOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncGraphQL_TwoIntrospectionFiles_ExitsTwo()
    {
        var (exit, _, err) = await CliRunner.RunAsync(Context(Guid.NewGuid()), "sync", "graphql", _files.Write("a.json", "{}"), _files.Write("b.json", "{}"));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("one introspection JSON file", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncGrpc_PackageUnderProtoPath_ThenCheckSendsTheImports()
    {
        var team = await server.CreateTeamAsync();
        var pkg = Unique("shop");
        var root = Path.Combine(_files.Root, "proto");
        var money = _files.Write($"proto/{pkg}/common/money.proto", Money(pkg));
        var orders = _files.Write($"proto/{pkg}/orders/orders.proto", Orders(pkg));

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "grpc", money, orders, "-I", root, "--output", "json");

        Assert.True(exit == ExitCodes.Compatible, err + output);
        var item = Assert.Single(JsonNode.Parse(output)!["imports"]![0]!["response"]!["methods"]!.AsArray())!;
        Assert.Equal(($"grpc.{pkg}_orders.OrderService.PlaceOrder", "created"), ((string?)item["fqn"], (string?)item["action"]));

        // The check of orders.proto finds money.proto under -I and sends it (and only it) along.
        File.WriteAllText(orders, Orders(pkg, "string"));
        _files.Write("proto/unrelated/other.proto", "syntax = \"proto3\";\npackage unrelated;\nservice Other { rpc Do(Nothing) returns (Nothing); }\nmessage Nothing {}\n");
        var (checkExit, checkOutput, checkErr) = await CliRunner.RunAsync(Context(), "check", orders, "-I", root, "--output", "json");

        Assert.True(checkExit == ExitCodes.Breaking, checkErr + checkOutput);
        var result = Assert.Single(JsonNode.Parse(checkOutput)!["results"]!.AsArray())!;
        Assert.Equal(($"grpc.{pkg}_orders.OrderService.PlaceOrder", true), ((string?)result["fqn"], (bool)result["is_breaking"]!));
    }

    [Fact]
    public void ImportClosure_FollowsImportsTransitivelyAndSkipsTheRest()
    {
        var available = new Dictionary<string, string>
        {
            ["a/b.proto"] = "import \"a/c.proto\";",
            ["a/c.proto"] = "syntax = \"proto3\";",
            ["a/unused.proto"] = "syntax = \"proto3\";",
        };

        var closure = CheckCommand.ImportClosure("import public \"a/b.proto\";\nimport \"google/protobuf/empty.proto\";", available);

        Assert.Equal(["a/b.proto", "a/c.proto"], closure.Select(f => f.Path));
    }

    [Fact]
    public async Task SyncAvro_TwoSchemas_OneAssetEach()
    {
        var team = await server.CreateTeamAsync();
        var ns = "com." + Unique("acme");

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "avro",
            _files.Write("user.avsc", $$"""{"type": "record", "name": "User", "namespace": "{{ns}}", "fields": [{"name": "id", "type": "long"}]}"""),
            _files.Write("order.avsc", $$"""{"type": "record", "name": "Order", "namespace": "{{ns}}", "fields": [{"name": "id", "type": "long"}]}"""));

        Assert.True(exit == ExitCodes.Compatible, err + output);
        Assert.Contains($"avro.{ns}.user", output, StringComparison.Ordinal);
        Assert.Contains($"avro.{ns}.order", output, StringComparison.Ordinal);
        Assert.Contains("2 items, 2 created, 2 published", output, StringComparison.Ordinal);
    }
}
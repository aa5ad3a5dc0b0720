using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

using static Tessera.Server.Tests.Sync.SyncTestData;

namespace Tessera.Server.Tests.Sync;

/// <summary>POST /sync/grpc (+ impact, diff) with a multi-file proto package with imports: v1, compatible v2, unchanged, breaking v3.</summary>
public abstract class SyncGrpcTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static readonly string[] Paths = ["shop/common/v1/money.proto", "shop/users/v1/users.proto", "shop/orders/v1/orders.proto"];

    /// <summary>The package of one version, with the package name made unique so tests in one database do not meet.</summary>
    private static List<SyncFile> Package(string version, string unique) =>
        [.. Paths.Select(p => new SyncFile(p.Replace("shop/", unique + "/", StringComparison.Ordinal),
            Read(Path.Combine($"proto-{version}", p)).Replace("shop.", unique + ".", StringComparison.Ordinal).Replace("\"shop/", $"\"{unique}/", StringComparison.Ordinal)))];

    private async Task<SyncImportResponse> ImportAsync(string version, string unique, Guid owner, bool? dryRun = null) =>
        await App.Admin.SyncGrpcAsync(new SyncGrpcRequest(Files: Package(version, unique), OwnerTeamId: owner, DryRun: dryRun));

    [Fact]
    public async Task Lifecycle_Package_CompatibleUnchangedBreaking()
    {
        var owner = await App.CreateTeamAsync();
        var pkg = Unique("shop");

        var v1 = await ImportAsync("v1", pkg, owner.Id);
        Assert.Equal((2, 4), (v1.ServicesFound, v1.MethodsFound));
        Assert.Equal(
            [$"grpc.{pkg}_orders_v1.OrderService.PlaceOrder", $"grpc.{pkg}_orders_v1.OrderService.WatchOrders",
             $"grpc.{pkg}_users_v1.UserService.GetUser", $"grpc.{pkg}_users_v1.UserService.ListUsers"],
            v1.Items.Select(i => i.Fqn).Order(StringComparer.Ordinal));
        Assert.All(v1.Items, i => Assert.Equal(("created", "1.0.0"), (i.Action, i.Version)));
        var getUser = Item(v1, ".GetUser");
        Assert.Equal(("UserService", "GetUser"), (getUser.Service, getUser.Method));
        var asset = await App.Admin.GetAssetAsync(getUser.AssetId!.Value);
        Assert.Equal("grpc_service", asset.ResourceType);
        var watch = await App.Admin.GetAssetAsync(Item(v1, ".WatchOrders").AssetId!.Value);
        Assert.True((bool)watch.Metadata["grpc_source"]!["server_streaming"]!);
        var contract = Assert.Single((await ContractsAsync(App, asset.Id)).Results);
        Assert.Equal("protobuf", contract.SchemaFormat);
        Assert.Equal("/" + pkg + ".users.v1.UserService/GetUser", (string?)contract.SchemaDef["x-grpc-method"]);
        Assert.NotNull(contract.SchemaDef["$defs"]![pkg + ".users.v1.User.Address"]);

        // v2 adds a field to User: compatible for the user RPCs; the order RPCs never see User.
        var v2 = await ImportAsync("v2", pkg, owner.Id);
        Assert.Equal(("updated", "1.1.0"), (Item(v2, ".GetUser").Action, Item(v2, ".GetUser").Version));
        Assert.Equal("updated", Item(v2, ".ListUsers").Action);
        Assert.Equal("unchanged", Item(v2, ".PlaceOrder").Action);
        Assert.Equal("unchanged", Item(v2, ".WatchOrders").Action);

        var before = await CountsAsync(App);
        var again = await ImportAsync("v2", pkg, owner.Id);
        Assert.All(again.Items, i => Assert.Equal("unchanged", i.Action));
        Assert.Equal(before, await CountsAsync(App));

        // v3 changes User.age from int32 to string: a different wire type under the same number.
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Item(v2, ".GetUser").ContractId!.Value);
        var v3 = await ImportAsync("v3", pkg, owner.Id);
        var proposed = Item(v3, ".GetUser");
        Assert.Equal(("proposal_created", "major"), (proposed.Action, proposed.ChangeType));
        Assert.Contains(proposed.BreakingChanges!, f => ((string?)f!["path"] ?? "").EndsWith("User.age", StringComparison.Ordinal));
        Assert.Equal(("updated", "2.0.0"), (Item(v3, ".ListUsers").Action, Item(v3, ".ListUsers").Version));
        Assert.Equal("unchanged", Item(v3, ".PlaceOrder").Action);

        var (status, _) = await TesseraApplication.AcknowledgeAsync(consumer, proposed.ProposalId!.Value);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created);
        var history = await App.Admin.GetAsync<JsonObject>($"/api/v1/assets/{proposed.AssetId}/contracts/history");
        Assert.Equal(["major", "minor", "initial"], history["contracts"]!.AsArray().Select(c => (string?)c!["change_type"]));
    }

    [Fact]
    public async Task SingleFile_ProtoContent_Imports()
    {
        var owner = await App.CreateTeamAsync();
        var pkg = Unique("solo");
        var proto = Read("proto-v1/shop/users/v1/users.proto").Replace("package shop.users.v1;", $"package {pkg};", StringComparison.Ordinal);
        var result = await App.Admin.SyncGrpcAsync(new SyncGrpcRequest(proto, OwnerTeamId: owner.Id));
        Assert.Equal(pkg, result.Package);
        Assert.Equal("proto3", result.Syntax);
        Assert.Equal([$"grpc.{pkg}.UserService.GetUser", $"grpc.{pkg}.UserService.ListUsers"], result.Items.Select(i => i.Fqn));
        var diff = await App.Admin.GrpcDiffAsync(new SyncGrpcRequest(proto));
        Assert.Equal(("clean", false), (diff.Status, diff.Blocking));
    }

    [Fact]
    public async Task DryRunImpactAndDiff_WriteNothing()
    {
        var owner = await App.CreateTeamAsync();
        var pkg = Unique("shop");
        await ImportAsync("v1", pkg, owner.Id);
        var before = await CountsAsync(App);
        var dry = await ImportAsync("v3", pkg, owner.Id, dryRun: true);
        Assert.Equal("would_update", Item(dry, ".GetUser").Action);
        Assert.Equal("unchanged", Item(dry, ".PlaceOrder").Action);
        var impact = await App.Admin.GrpcImpactAsync(new SyncGrpcRequest(Files: Package("v3", pkg)));
        Assert.Equal("breaking_changes_detected", impact.Status);
        Assert.Equal(4, impact.ItemsWithContracts);
        var diff = await App.Admin.GrpcDiffAsync(new SyncGrpcRequest(Files: Package("v3", pkg)));
        Assert.Equal(new SyncDiffSummary(0, 2, 2, 2, 0), diff.Summary);
        Assert.Equal(before, await CountsAsync(App));
    }

    [Fact]
    public async Task BadInput_IsA4xxEnvelope_AndWritesNothing()
    {
        var owner = await App.CreateTeamAsync();
        var before = await CountsAsync(App);
        var id = owner.Id.ToString();

        var broken = await PostAsync(App, "grpc", new JsonObject { ["proto_content"] = "syntax = \"proto3\";\nmessage A { string x = ; }", ["owner_team_id"] = id });
        Assert.NotEmpty((await ErrorAsync(broken, HttpStatusCode.BadRequest, "INVALID_PROTO_SPEC"))["details"]!["errors"]!.AsArray());

        var noRpc = await PostAsync(App, "grpc", new JsonObject { ["proto_content"] = "syntax = \"proto3\";\nmessage A { string x = 1; }", ["owner_team_id"] = id });
        var error = await ErrorAsync(noRpc, HttpStatusCode.BadRequest, "INVALID_PROTO_SPEC");
        Assert.Equal((0, 1), ((int)error["details"]!["services_found"]!, (int)error["details"]!["messages_found"]!));

        var missingImport = await PostAsync(App, "grpc", new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["path"] = "a/orders.proto", ["content"] = Read("proto-v1/shop/orders/v1/orders.proto") }),
            ["owner_team_id"] = id,
        });
        await ErrorAsync(missingImport, HttpStatusCode.BadRequest, "INVALID_PROTO_SPEC");

        foreach (var path in new[] { "../escape.proto", "/abs.proto", "a//b.proto", "notproto.txt", "" })
        {
            var bad = await PostAsync(App, "grpc", new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject { ["path"] = path, ["content"] = "syntax = \"proto3\";" }),
                ["owner_team_id"] = id,
            });
            await ErrorAsync(bad, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        }

        var duplicate = await PostAsync(App, "grpc", new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["path"] = "a.proto", ["content"] = "" }, new JsonObject { ["path"] = "a.proto", ["content"] = "" }),
            ["owner_team_id"] = id,
        });
        await ErrorAsync(duplicate, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var both = await PostAsync(App, "grpc", new JsonObject { ["proto_content"] = "x", ["files"] = new JsonArray(), ["owner_team_id"] = id });
        await ErrorAsync(both, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var noTeam = await PostAsync(App, "grpc", new JsonObject { ["proto_content"] = Read("proto-v1/shop/users/v1/users.proto"), ["owner_team_id"] = Guid.NewGuid().ToString() });
        await ErrorAsync(noTeam, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");

        Assert.Equal(before, await CountsAsync(App));
    }
}

public sealed class SyncGrpcSqliteTests(SqliteFixture fixture) : SyncGrpcTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SyncGrpcPostgresTests(PostgresFixture fixture) : SyncGrpcTests(fixture), IClassFixture<PostgresFixture>;
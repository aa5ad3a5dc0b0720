using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class ContractCompareTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private async Task<(Actor Owner, Guid First, Guid Second)> TwoVersionsAsync()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, a) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var (_, b) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id"), compatibilityMode: "none");
        return (owner, Guid.Parse((string)a["contract"]!["id"]!), Guid.Parse((string)b["contract"]!["id"]!));
    }

    private async Task<int> AuditTotalAsync() => (await App.Admin.GetAsync<PageResponse<AuditEventResponse>>("/api/v1/audit/events?limit=1")).Total;

    private static async Task<HttpResponseMessage> CompareAsync(TesseraClient client, string json) =>
        await client.Http.PostAsync(new Uri("/api/v1/contracts/compare", UriKind.Relative), HttpAssert.Json(json));

    [Fact]
    public async Task Compare_ByIds_JudgedUnderFirstContractsMode()
    {
        var (owner, first, second) = await TwoVersionsAsync();
        var (_, readKey) = await App.CreateKeyAsync(owner.Team.Id, "read");
        var before = await AuditTotalAsync();
        var result = await readKey.PostAsync<CompareContractsResponse>("/api/v1/contracts/compare", new CompareContractsRequest(first, second));
        Assert.Equal((first, "1.0.0"), (result.Contract1!.Id, result.Contract1.Version));
        Assert.Equal(second, result.Contract2!.Id);
        Assert.Equal("backward", result.CompatibilityMode);
        Assert.False(result.IsCompatible);
        Assert.Equal("major", result.ChangeType);
        Assert.Equal("property_removed", (string?)Assert.Single(result.BreakingChanges)!["type"]);
        Assert.NotEmpty(result.AllChanges);

        var none = await owner.Client.PostAsync<CompareContractsResponse>("/api/v1/contracts/compare",
            new CompareContractsRequest(first, second, CompatibilityMode: "none"));
        Assert.True(none.IsCompatible);
        Assert.Empty(none.BreakingChanges);
        Assert.Equal(before, await AuditTotalAsync());
    }

    [Fact]
    public async Task Compare_WireNamesAreNumbered()
    {
        var (owner, first, second) = await TwoVersionsAsync();
        var raw = await HttpAssert.OkAsync(await CompareAsync(owner.Client, $$"""{"contract_id_1": "{{second}}", "contract_id_2": "{{first}}"}"""));
        Assert.Equal(second.ToString(), (string?)raw["contract_1"]!["id"]);
        Assert.Equal(first.ToString(), (string?)raw["contract_2"]!["id"]);
        Assert.Equal("none", (string?)raw["compatibility_mode"]);
        Assert.True((bool)raw["is_compatible"]!);
    }

    [Fact]
    public async Task Compare_BySchemas_SdkShape()
    {
        var owner = await App.CreateActorAsync();
        var body = new JsonObject
        {
            ["old_schema"] = TesseraApplication.Schema("id"),
            ["new_schema"] = TesseraApplication.Schema("id", "name"),
            ["compatibility_mode"] = "forward",
        };
        var result = await HttpAssert.OkAsync(await CompareAsync(owner.Client, body.ToJsonString()));
        Assert.Null(result["contract_1"]);
        Assert.False((bool)result["is_compatible"]!);
        Assert.Equal("property_added", (string?)result["breaking_changes"]![0]!["type"]);
        Assert.Equal("minor", (string?)result["change_type"]);

        body["compatibility_mode"] = null;
        var backward = await HttpAssert.OkAsync(await CompareAsync(owner.Client, body.ToJsonString()));
        Assert.True((bool)backward["is_compatible"]!);
        Assert.Equal("backward", (string?)backward["compatibility_mode"]);
    }

    [Fact]
    public async Task Compare_UnknownContract_Is404NamingIt()
    {
        var (owner, first, _) = await TwoVersionsAsync();
        var missing = Guid.NewGuid();
        var error = await HttpAssert.ErrorAsync(await CompareAsync(owner.Client, $$"""{"contract_id_1": "{{first}}", "contract_id_2": "{{missing}}"}"""),
            HttpStatusCode.NotFound, "CONTRACT_NOT_FOUND");
        Assert.Equal(missing.ToString(), (string?)error["details"]!["contract_id"]);
    }

    [Theory]
    [InlineData("{}", "contract_id_1")]
    [InlineData("{\"contract_id_1\": \"00000000-0000-0000-0000-000000000001\"}", "contract_id_2")]
    [InlineData("{\"contract_id_1\": \"nope\", \"contract_id_2\": \"00000000-0000-0000-0000-000000000001\"}", "contract_id_1")]
    [InlineData("{\"old_schema\": {\"type\": \"object\"}}", "new_schema")]
    [InlineData("{\"old_schema\": {\"type\": \"object\"}, \"new_schema\": {\"type\": \"object\"}, \"contract_id_1\": \"00000000-0000-0000-0000-000000000001\"}", "body")]
    [InlineData("{\"old_schema\": {\"type\": \"object\"}, \"new_schema\": {\"type\": \"object\"}, \"compatibility_mode\": \"sideways\"}", "compatibility_mode")]
    public async Task Compare_BadBody_Is422NamingTheField(string json, string field)
    {
        var owner = await App.CreateActorAsync();
        var error = await HttpAssert.ErrorAsync(await CompareAsync(owner.Client, json), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal(field, (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Compare_InvalidSchema_Is400InvalidSchema()
    {
        var owner = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await CompareAsync(owner.Client, """{"old_schema": {"type": "object"}, "new_schema": {"type": "objekt"}}"""),
            HttpStatusCode.BadRequest, "INVALID_SCHEMA");
    }

    [Fact]
    public async Task Compare_NoKeyOrNoReadScope_IsRefused()
    {
        var (owner, first, second) = await TwoVersionsAsync();
        var json = $$"""{"contract_id_1": "{{first}}", "contract_id_2": "{{second}}"}""";
        await HttpAssert.ErrorAsync(await CompareAsync(App.ClientFor(null), json), HttpStatusCode.Unauthorized, "MISSING_API_KEY");
        var (_, writeOnly) = await App.CreateKeyAsync(owner.Team.Id, "write");
        await HttpAssert.ErrorAsync(await CompareAsync(writeOnly, json), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }
}

public sealed class ContractCompareSqliteTests(SqliteFixture fixture) : ContractCompareTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ContractComparePostgresTests(PostgresFixture fixture) : ContractCompareTests(fixture), IClassFixture<PostgresFixture>;
using System.Text.Json.Nodes;

using Tessera.Client;

using static Tessera.Cli.Tests.ServerSpecs;

namespace Tessera.Cli.Tests;

/// <summary><c>tessera sync dbt MANIFEST</c> against a real server: upload, dry run (CI diff), a breaking change, outputs.</summary>
public sealed class DbtCommandTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CliContext Context(Guid? team = null) => CliContext.With(new Dictionary<string, string?>
    {
        ["TESSERA_URL"] = server.Url,
        ["TESSERA_API_KEY"] = ServerFixture.AdminKey,
        ["TESSERA_TEAM_ID"] = team?.ToString(),
    });

    /// <summary>A dbt manifest with one model, <c>&lt;db&gt;.marts.orders</c>, with the given integer columns.</summary>
    private static string Manifest(string db, params string[] columns)
    {
        var cols = new JsonObject();
        foreach (var column in columns)
        {
            cols[column] = new JsonObject { ["name"] = column, ["description"] = "", ["data_type"] = "integer", ["meta"] = new JsonObject(), ["tags"] = new JsonArray() };
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/manifest/v12.json", ["dbt_version"] = "1.8.7", ["project_name"] = "shop" },
            ["nodes"] = new JsonObject
            {
                ["model.shop.orders"] = new JsonObject
                {
                    ["database"] = db,
                    ["schema"] = "marts",
                    ["name"] = "orders",
                    ["resource_type"] = "model",
                    ["package_name"] = "shop",
                    ["unique_id"] = "model.shop.orders",
                    ["fqn"] = new JsonArray("shop", "marts", "orders"),
                    ["description"] = "Orders.",
                    ["columns"] = cols,
                    ["meta"] = new JsonObject(),
                    ["config"] = new JsonObject { ["meta"] = new JsonObject(), ["materialized"] = "table" },
                    ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray() },
                    ["tags"] = new JsonArray(),
                },
            },
            ["sources"] = new JsonObject(),
        }.ToJsonString();
    }

    [Fact]
    public async Task SyncDbt_UploadThenDryRunOfABreakingChange()
    {
        var team = await server.CreateTeamAsync();
        var db = Unique("wh");

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "dbt", _files.Write("v1/manifest.json", Manifest(db, "id", "amount")), "--publish");
        Assert.True(exit == ExitCodes.Compatible, err + output);
        Assert.Contains("ok: 1 created, 0 updated, 0 skipped, 0 deleted; 1 contracts published", output, StringComparison.Ordinal);

        var v2 = _files.Write("v2/manifest.json", Manifest(db, "id"));
        var (dryExit, dry, _) = await CliRunner.RunAsync(Context(team.Id), "sync", "dbt", v2, "--dry-run");
        Assert.Equal(ExitCodes.Breaking, dryExit);
        Assert.Contains($"BREAKING   {db}.marts.orders  (model.shop.orders)", dry, StringComparison.Ordinal);
        Assert.Contains("amount", dry, StringComparison.Ordinal);
        Assert.Contains("dry run, nothing written", dry, StringComparison.Ordinal);

        var (jsonExit, json, _) = await CliRunner.RunAsync(Context(team.Id), "sync", "dbt", v2, "--dry-run", "--output", "json");
        Assert.Equal(ExitCodes.Breaking, jsonExit);
        Assert.Equal("breaking_changes_detected", (string?)JsonNode.Parse(json)!["status"]);
    }

    [Fact]
    public async Task SyncDbt_BreakingChangeWithConsumer_OpensProposalAndExitsOne()
    {
        var team = await server.CreateTeamAsync();
        var db = Unique("wh");
        await CliRunner.RunAsync(Context(team.Id), "sync", "dbt", _files.Write("v1/manifest.json", Manifest(db, "id", "amount")), "--publish");
        var asset = (await server.Admin.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?fqn={db}.marts.orders")).Results.Single();
        var contract = (await server.Admin.GetAsync<PageResponse<ContractResponse>>($"/api/v1/assets/{asset.Id}/contracts")).Results.Single();
        var consumer = await server.CreateTeamAsync();
        await server.Admin.PostAsync<RegistrationResponse>("/api/v1/registrations", new CreateRegistrationRequest(consumer.Id, contract.Id));

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "dbt", _files.Write("v2/manifest.json", Manifest(db, "id")),
            "--publish", "--create-proposals", "--output", "github");

        Assert.True(exit == ExitCodes.Breaking, err + output);
        Assert.Contains($",title={db}.marts.orders::PROPOSAL ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncDbt_NotJson_ExitsTwoNamingTheLine()
    {
        var (exit, _, err) = await CliRunner.RunAsync(Context(), "sync", "dbt", _files.Write("manifest.json", "{\n  \"nodes\": ["));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("manifest.json, line", err, StringComparison.Ordinal);
    }
}
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class ImpactTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static readonly JsonObject V1 = TesseraApplication.Schema("id", "email");
    private static readonly JsonObject Added = TesseraApplication.Schema("id", "email", "name");
    private static readonly JsonObject Removed = TesseraApplication.Schema("id");

    /// <summary>
    /// A lineage chain around asset A (team Owner): Consumer registered on A; B (team DownOwner) depends on A and has
    /// its own consumer (DownConsumer); X (team FarOwner) depends on B; Y (team FarOwner) depends on X.
    /// </summary>
    private sealed record Chain(Actor Owner, AssetResponse A, Actor Consumer, Actor DownOwner, AssetResponse B, Actor DownConsumer, Actor FarOwner,
        AssetResponse X, AssetResponse Y);

    private async Task<Chain> ChainAsync()
    {
        var owner = await App.CreateActorAsync("owner-" + Guid.NewGuid().ToString("N")[..8]);
        var a = await App.CreateAssetAsync(owner);
        var (_, published) = await TesseraApplication.PublishAsync(owner.Client, a.Id, V1);
        var consumer = await App.CreateActorAsync("consumer-" + Guid.NewGuid().ToString("N")[..8]);
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)published["contract"]!["id"]!));

        var downOwner = await App.CreateActorAsync("down-" + Guid.NewGuid().ToString("N")[..8]);
        var b = await App.CreateAssetAsync(downOwner, "analytics.b_" + Guid.NewGuid().ToString("N")[..8]);
        await downOwner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{b.Id}/dependencies", new CreateDependencyRequest(a.Id));
        var (_, bPublished) = await TesseraApplication.PublishAsync(downOwner.Client, b.Id, V1);
        var downConsumer = await App.CreateActorAsync("downconsumer-" + Guid.NewGuid().ToString("N")[..8]);
        await TesseraApplication.RegisterAsync(downConsumer, Guid.Parse((string)bPublished["contract"]!["id"]!));

        var farOwner = await App.CreateActorAsync("far-" + Guid.NewGuid().ToString("N")[..8]);
        var x = await App.CreateAssetAsync(farOwner, "analytics.x_" + Guid.NewGuid().ToString("N")[..8]);
        await farOwner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{x.Id}/dependencies", new CreateDependencyRequest(b.Id));
        var y = await App.CreateAssetAsync(farOwner, "analytics.y_" + Guid.NewGuid().ToString("N")[..8]);
        await farOwner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{y.Id}/dependencies", new CreateDependencyRequest(x.Id));
        return new Chain(owner, a, consumer, downOwner, b, downConsumer, farOwner, x, y);
    }

    private async Task<int> AuditTotalAsync() => (await App.Admin.GetAsync<PageResponse<AuditEventResponse>>("/api/v1/audit/events?limit=1")).Total;

    private static async Task<HttpResponseMessage> PostAsync(TesseraClient client, string path, string json) =>
        await client.Http.PostAsync(new Uri(path, UriKind.Relative), HttpAssert.Json(json));

    [Fact]
    public async Task Impact_BreakingChange_NamesConsumersAndDownstreamOwnersTransitively()
    {
        var chain = await ChainAsync();
        var reader = await App.CreateActorAsync();
        var (_, readKey) = await App.CreateKeyAsync(reader.Team.Id, "read");
        var before = await AuditTotalAsync();

        var report = await readKey.PostAsync<ImpactResponse>($"/api/v1/assets/{chain.A.Id}/impact", Removed);

        Assert.Equal(chain.A.Id, report.AssetId);
        Assert.False(report.SafeToPublish);
        Assert.Equal("major", report.ChangeType);
        Assert.Equal("backward", report.CompatibilityMode);
        Assert.Equal("1.0.0", report.CurrentVersion);
        Assert.Contains(report.BreakingChanges, c => (string?)c!["type"] == "property_removed");
        Assert.Equal(5, report.TraversalDepth);
        Assert.False(report.Truncated);
        Assert.Equal([(chain.Consumer.Team.Name, 0, chain.A.Id), (chain.DownConsumer.Team.Name, 1, chain.B.Id)],
            report.ImpactedConsumers.Select(c => (c.TeamName, c.Depth, c.AssetId)));
        Assert.Equal([(chain.B.Id, 1, chain.DownOwner.Team.Name), (chain.X.Id, 2, chain.FarOwner.Team.Name), (chain.Y.Id, 3, chain.FarOwner.Team.Name)],
            report.ImpactedAssets.Select(a => (a.AssetId, a.Depth, a.OwnerTeamName)));
        Assert.Equal(chain.B.Id, report.ImpactedAssets[1].ViaAssetId);
        var teams = report.AffectedTeams.ToDictionary(t => t.TeamName);
        Assert.Equal(4, teams.Count);
        Assert.True(teams[chain.Consumer.Team.Name].Consumer);
        Assert.True(teams[chain.DownConsumer.Team.Name].Consumer);
        Assert.Equal([chain.B.Id], teams[chain.DownOwner.Team.Name].Assets);
        Assert.False(teams[chain.FarOwner.Team.Name].Consumer);
        Assert.Equal([chain.X.Id, chain.Y.Id], teams[chain.FarOwner.Team.Name].Assets);
        Assert.DoesNotContain(chain.Owner.Team.Name, teams.Keys);
        Assert.Equal(before, await AuditTotalAsync());
    }

    [Fact]
    public async Task Impact_DepthOne_StopsAfterOneHop()
    {
        var chain = await ChainAsync();
        var report = await chain.Owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{chain.A.Id}/impact?depth=1", Removed);
        Assert.Equal(1, report.TraversalDepth);
        Assert.Equal([chain.B.Id], report.ImpactedAssets.Select(a => a.AssetId));
        Assert.Equal([chain.Consumer.Team.Name, chain.DownConsumer.Team.Name], report.ImpactedConsumers.Select(c => c.TeamName));
    }

    [Fact]
    public async Task Impact_LineageCycle_EachAssetOnce()
    {
        var chain = await ChainAsync();
        await chain.Owner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{chain.A.Id}/dependencies", new CreateDependencyRequest(chain.Y.Id));
        var report = await chain.Owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{chain.A.Id}/impact?depth=10", Removed);
        Assert.Equal([chain.B.Id, chain.X.Id, chain.Y.Id], report.ImpactedAssets.Select(a => a.AssetId));
        Assert.DoesNotContain(report.ImpactedAssets, a => a.AssetId == chain.A.Id);
    }

    [Fact]
    public async Task Impact_SdkWrappedBody_SameVerdict()
    {
        var chain = await ChainAsync();
        var raw = await chain.Owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{chain.A.Id}/impact", Removed);
        var wrapped = await chain.Owner.Client.PostAsync<JsonObject>($"/api/v1/assets/{chain.A.Id}/impact", new JsonObject { ["proposed_schema"] = Removed.DeepClone() });
        Assert.Equal(chain.A.Id.ToString(), (string?)wrapped["asset_id"]);
        Assert.False((bool)wrapped["safe_to_publish"]!);
        Assert.Equal(raw.BreakingChanges.ToJsonString(), wrapped["breaking_changes"]!.ToJsonString());
        Assert.Equal(raw.ImpactedConsumers.Count, wrapped["impacted_consumers"]!.AsArray().Count);
    }

    [Fact]
    public async Task Impact_CompatibleChange_SafeToPublishWithNonBreakingChanges()
    {
        var chain = await ChainAsync();
        var report = await chain.Owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{chain.A.Id}/impact", Added);
        Assert.True(report.SafeToPublish);
        Assert.Empty(report.BreakingChanges);
        Assert.Contains(report.NonBreakingChanges, c => (string?)c!["type"] == "property_added");
        Assert.Equal("minor", report.ChangeType);
        Assert.NotEmpty(report.ImpactedConsumers);
    }

    [Fact]
    public async Task Impact_NoContract_IsSafeFirstPublish()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var report = await owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{asset.Id}/impact", V1);
        Assert.True(report.SafeToPublish);
        Assert.Null(report.CurrentVersion);
        Assert.Empty(report.BreakingChanges);
        Assert.Empty(report.ImpactedConsumers);
    }

    [Fact]
    public async Task Impact_AvroContract_JudgedNatively()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var avro = new JsonObject
        {
            ["type"] = "record",
            ["name"] = "Order",
            ["fields"] = new JsonArray(new JsonObject { ["name"] = "id", ["type"] = "long" }, new JsonObject { ["name"] = "note", ["type"] = "string" }),
        };
        var body = new JsonObject { ["schema"] = avro.DeepClone(), ["schema_format"] = "avro" };
        await HttpAssert.OkAsync(await owner.Client.Http.PostAsync(new Uri($"/api/v1/assets/{asset.Id}/publish", UriKind.Relative), HttpAssert.Json(body)),
            HttpStatusCode.Created);
        // Avro resolution: a reader field added without a default cannot read old data.
        var proposed = avro.DeepClone().AsObject();
        proposed["fields"]!.AsArray().Add(new JsonObject { ["name"] = "total", ["type"] = "double" });
        var report = await owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{asset.Id}/impact", proposed);
        Assert.False(report.SafeToPublish);
        Assert.StartsWith("avro.", (string?)report.BreakingChanges[0]!["rule_id"], StringComparison.Ordinal);
        proposed["fields"]![2]!["default"] = 0.0;
        Assert.True((await owner.Client.PostAsync<ImpactResponse>($"/api/v1/assets/{asset.Id}/impact", proposed)).SafeToPublish);
    }

    [Fact]
    public async Task Impact_ImportedOpenApiContract_JudgedAgainstItsJsonSchemaView()
    {
        var owner = await App.CreateTeamAsync();
        var title = Sync.SyncTestData.Unique("Shop");
        var spec = Sync.SyncTestData.Read("openapi-v1.yaml").Replace("title: Shop Platform", "title: " + title, StringComparison.Ordinal);
        var import = await App.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(JsonValue.Create(spec), owner.Id));
        var assetId = Sync.SyncTestData.Item(import, ".get_users_userid").AssetId!.Value;
        var view = (await App.Admin.GetAsync<ContractResponse>($"/api/v1/contracts/{Sync.SyncTestData.Item(import, ".get_users_userid").ContractId}")).SchemaDef;

        var same = await App.Admin.PostAsync<ImpactResponse>($"/api/v1/assets/{assetId}/impact", view);
        Assert.True(same.SafeToPublish);
        Assert.Empty(same.BreakingChanges);
        var emptied = view.DeepClone().AsObject();
        emptied["properties"] = new JsonObject();
        emptied.Remove("required");
        var broken = await App.Admin.PostAsync<ImpactResponse>($"/api/v1/assets/{assetId}/impact", emptied);
        Assert.False(broken.SafeToPublish);
        Assert.Contains(broken.BreakingChanges, c => (string?)c!["type"] == "property_removed");
    }

    [Theory]
    [InlineData("?depth=0")]
    [InlineData("?depth=11")]
    [InlineData("?depth=abc")]
    public async Task Impact_BadDepth_Is422(string query)
    {
        var chain = await ChainAsync();
        var response = await PostAsync(chain.Owner.Client, $"/api/v1/assets/{chain.A.Id}/impact{query}", Removed.ToJsonString());
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("depth", (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Theory]
    [InlineData("[1, 2]", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("{\"proposed_schema\": 5}", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("{\"proposed_schema\": {}, \"schema_format\": \"xml\"}", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"text\"}}}", HttpStatusCode.BadRequest, "INVALID_SCHEMA")]
    [InlineData("{\"type\": ", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    public async Task Impact_BadBody_Is4xxAndNothingWritten(string body, HttpStatusCode status, string code)
    {
        var chain = await ChainAsync();
        var before = await AuditTotalAsync();
        await HttpAssert.ErrorAsync(await PostAsync(chain.Owner.Client, $"/api/v1/assets/{chain.A.Id}/impact", body), status, code);
        Assert.Equal(before, await AuditTotalAsync());
    }

    [Fact]
    public async Task Impact_UnknownOrBadAsset_Is404Or422()
    {
        var owner = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, $"/api/v1/assets/{Guid.NewGuid()}/impact", V1.ToJsonString()), HttpStatusCode.NotFound,
            "ASSET_NOT_FOUND");
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, "/api/v1/assets/not-a-uuid/impact", V1.ToJsonString()), HttpStatusCode.UnprocessableEntity,
            "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Impact_NoKey_Is401()
    {
        var chain = await ChainAsync();
        await HttpAssert.ErrorAsync(await App.Raw(null).PostAsync(new Uri($"/api/v1/assets/{chain.A.Id}/impact", UriKind.Relative), HttpAssert.Json(Removed)),
            HttpStatusCode.Unauthorized, "MISSING_API_KEY");
    }

    [Fact]
    public async Task Preview_Breaking_NamesEveryoneAndSuggestsAMigration()
    {
        var chain = await ChainAsync();
        var reader = await App.CreateActorAsync();
        var (_, readKey) = await App.CreateKeyAsync(reader.Team.Id, "read");
        var before = await AuditTotalAsync();

        var preview = await readKey.PostAsync<ImpactPreviewResponse>($"/api/v1/assets/{chain.A.Id}/impact-preview", new ImpactPreviewRequest(Removed));

        Assert.True(preview.IsBreaking);
        Assert.Equal("MAJOR", preview.ChangeType);
        Assert.Equal("2.0.0", preview.SuggestedVersion);
        Assert.Equal("1.0.0", preview.CurrentVersion);
        Assert.Equal("backward", preview.CompatibilityMode);
        Assert.True(preview.WouldCreateProposal);
        Assert.Equal(chain.Consumer.Team.Id, Assert.Single(preview.AffectedConsumers).ConsumerTeamId);
        var downstream = Assert.Single(preview.AffectedDownstream);
        Assert.Equal((chain.B.Id, chain.DownOwner.Team.Name, 1), (downstream.AssetId, downstream.OwnerTeamName, downstream.Depth));
        Assert.Equal(new[] { chain.Consumer.Team.Name, chain.DownOwner.Team.Name }.Order(StringComparer.Ordinal), preview.ProposalWouldNotify);
        var suggestion = Assert.Single(preview.MigrationSuggestions)!.AsObject();
        Assert.Equal("deprecate", (string?)suggestion["strategy"]);
        Assert.True((bool)suggestion["resolves_breaking_changes"]!);
        Assert.True((bool)suggestion["suggested_schema"]!["properties"]!["email"]!["deprecated"]!);
        Assert.Empty(preview.UnconfirmedConsumers);
        Assert.Equal(before, await AuditTotalAsync());
    }

    [Fact]
    public async Task Preview_ModeOverride_StricterModeGoverns()
    {
        var chain = await ChainAsync();
        var none = await chain.Owner.Client.PostAsync<ImpactPreviewResponse>($"/api/v1/assets/{chain.A.Id}/impact-preview",
            new ImpactPreviewRequest(Removed, CompatibilityModeOverride: "none"));
        Assert.True(none.IsBreaking);
        Assert.Equal("backward", none.CompatibilityMode);
        var forward = await chain.Owner.Client.PostAsync<ImpactPreviewResponse>($"/api/v1/assets/{chain.A.Id}/impact-preview",
            new ImpactPreviewRequest(Added, CompatibilityModeOverride: "forward"));
        Assert.True(forward.IsBreaking);
        Assert.Equal("full", forward.CompatibilityMode);
        var plain = await chain.Owner.Client.PostAsync<ImpactPreviewResponse>($"/api/v1/assets/{chain.A.Id}/impact-preview", new ImpactPreviewRequest(Added));
        Assert.False(plain.IsBreaking);
        Assert.False(plain.WouldCreateProposal);
        Assert.Equal("MINOR", plain.ChangeType);
        Assert.Equal("1.1.0", plain.SuggestedVersion);
        Assert.Empty(plain.MigrationSuggestions);
    }

    [Fact]
    public async Task Preview_ProposedGuarantees_ReportsGuaranteeChanges()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, V1, guarantees: new JsonObject { ["freshness"] = new JsonObject { ["max_staleness_minutes"] = 60 } });
        var preview = await owner.Client.PostAsync<ImpactPreviewResponse>($"/api/v1/assets/{asset.Id}/impact-preview",
            new ImpactPreviewRequest(V1, new JsonObject { ["freshness"] = new JsonObject { ["max_staleness_minutes"] = 240 } }));
        Assert.Contains(preview.GuaranteeChanges, g => ((string?)g!["type"])?.StartsWith("freshness", StringComparison.Ordinal) == true);
        Assert.False(preview.IsBreaking);
    }

    [Fact]
    public async Task Preview_NoContract_IsFirstVersion()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var preview = await owner.Client.PostAsync<ImpactPreviewResponse>($"/api/v1/assets/{asset.Id}/impact-preview", new ImpactPreviewRequest(V1));
        Assert.False(preview.IsBreaking);
        Assert.Equal("1.0.0", preview.SuggestedVersion);
        Assert.Null(preview.CurrentVersion);
        Assert.False(preview.WouldCreateProposal);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "proposed_schema")]
    [InlineData("{\"proposed_schema\": \"nope\"}", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", "proposed_schema")]
    [InlineData("{\"proposed_schema\": {\"type\": \"object\"}, \"compatibility_mode_override\": \"sideways\"}", HttpStatusCode.UnprocessableEntity,
        "VALIDATION_ERROR", "compatibility_mode_override")]
    [InlineData("{\"proposed_schema\": {\"required\": \"id\"}}", HttpStatusCode.BadRequest, "INVALID_SCHEMA", null)]
    [InlineData("{\"proposed_schema\": {\"type\": \"object\"}, \"proposed_guarantees\": 3}", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR", null)]
    public async Task Preview_BadBody_Is4xxAndNothingWritten(string body, HttpStatusCode status, string code, string? field)
    {
        var chain = await ChainAsync();
        var before = await AuditTotalAsync();
        var error = await HttpAssert.ErrorAsync(await PostAsync(chain.Owner.Client, $"/api/v1/assets/{chain.A.Id}/impact-preview", body), status, code);
        if (field is not null)
        {
            Assert.Equal(field, (string?)error["details"]!["errors"]![0]!["field"]);
        }

        Assert.Equal(before, await AuditTotalAsync());
    }

    [Fact]
    public async Task Preview_UnknownAsset_Is404()
    {
        var owner = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, $"/api/v1/assets/{Guid.NewGuid()}/impact-preview",
            new JsonObject { ["proposed_schema"] = V1.DeepClone() }.ToJsonString()), HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
    }

    [Fact]
    public async Task Preview_KeyWithoutReadScope_Is403()
    {
        var chain = await ChainAsync();
        var (_, writeOnly) = await App.CreateKeyAsync(chain.Owner.Team.Id, "write");
        await HttpAssert.ErrorAsync(await PostAsync(writeOnly, $"/api/v1/assets/{chain.A.Id}/impact-preview",
            new JsonObject { ["proposed_schema"] = V1.DeepClone() }.ToJsonString()), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await HttpAssert.ErrorAsync(await PostAsync(writeOnly, $"/api/v1/assets/{chain.A.Id}/impact", V1.ToJsonString()), HttpStatusCode.Forbidden,
            "INSUFFICIENT_SCOPE");
    }
}

public sealed class ImpactSqliteTests(SqliteFixture fixture) : ImpactTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ImpactPostgresTests(PostgresFixture fixture) : ImpactTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class AssetTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Create_Valid_Is201WithDefaults()
    {
        var owner = await App.CreateActorAsync();
        var asset = await owner.Client.CreateAssetAsync(new CreateAssetRequest("warehouse.orders", owner.Team.Id, Tags: ["pii"]));
        Assert.Equal("production", asset.Environment);
        Assert.Equal("other", asset.ResourceType);
        Assert.Equal("notify", asset.GuaranteeMode);
        Assert.Equal("auto", asset.SemverMode);
        Assert.Equal(["pii"], asset.Tags);
        var fetched = await owner.Client.GetAssetAsync(asset.Id);
        Assert.Equal(owner.Team.Name, fetched.OwnerTeamName);
    }

    [Theory]
    [InlineData("nodots")]
    [InlineData("a.")]
    [InlineData("1abc.def")]
    [InlineData("ab.c-d")]
    [InlineData("x")]
    public async Task Create_BadFqn_Is422AndNothingWritten(string fqn)
    {
        var owner = await App.CreateActorAsync();
        var response = await owner.Client.Http.PostAsync(new Uri("/api/v1/assets", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["fqn"] = fqn, ["owner_team_id"] = owner.Team.Id.ToString() }));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("fqn", (string?)error["details"]!["errors"]![0]!["field"]);
        var list = await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?owner={owner.Team.Id}");
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task Create_TooLongFqn_Is422()
    {
        var owner = await App.CreateActorAsync();
        var response = await owner.Client.Http.PostAsync(new Uri("/api/v1/assets", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["fqn"] = "a." + new string('b', 1000), ["owner_team_id"] = owner.Team.Id.ToString() }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Create_UnknownTeam_Is404()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/assets", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["fqn"] = "a.b", ["owner_team_id"] = Guid.NewGuid().ToString() }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
    }

    [Fact]
    public async Task Create_DuplicateEvenAfterSoftDelete_Is409()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var body = new JsonObject { ["fqn"] = asset.Fqn, ["owner_team_id"] = owner.Team.Id.ToString() };
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(new Uri("/api/v1/assets", UriKind.Relative), HttpAssert.Json(body)),
            HttpStatusCode.Conflict, "DUPLICATE_ASSET");
        await owner.Client.DeleteAsync($"/api/v1/assets/{asset.Id}");
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(new Uri("/api/v1/assets", UriKind.Relative), HttpAssert.Json(body)),
            HttpStatusCode.Conflict, "DUPLICATE_ASSET");
        body["environment"] = "staging";
        var staging = await HttpAssert.OkAsync(await owner.Client.Http.PostAsync(new Uri("/api/v1/assets", UriKind.Relative), HttpAssert.Json(body)), HttpStatusCode.Created);
        Assert.Equal("staging", (string?)staging["environment"]);
    }

    [Fact]
    public async Task Update_FqnClash_Is409NotServerError()
    {
        var owner = await App.CreateActorAsync();
        var a = await App.CreateAssetAsync(owner);
        var b = await App.CreateAssetAsync(owner);
        var response = await owner.Client.Http.PatchAsync(new Uri($"/api/v1/assets/{b.Id}", UriKind.Relative), HttpAssert.Json(new JsonObject { ["fqn"] = a.Fqn }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "DUPLICATE_ASSET");
    }

    [Fact]
    public async Task SoftDelete_Asset_HiddenThenRestoredByAdmin()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        await owner.Client.DeleteAsync($"/api/v1/assets/{asset.Id}");
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/{asset.Id}", UriKind.Relative)), HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        Assert.Equal(0, (await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?owner={owner.Team.Id}")).Total);
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(new Uri($"/api/v1/assets/{asset.Id}/restore", UriKind.Relative), null),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        var restored = await App.Admin.PostAsync<AssetResponse>($"/api/v1/assets/{asset.Id}/restore", null);
        Assert.Equal(asset.Fqn, restored.Fqn);
        Assert.Equal(1, (await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?owner={owner.Team.Id}")).Total);
    }

    [Fact]
    public async Task Search_ByFqnFragment_FindsSortedHits()
    {
        var owner = await App.CreateActorAsync();
        var tag = "s" + Guid.NewGuid().ToString("N")[..8];
        await owner.Client.CreateAssetAsync(new CreateAssetRequest($"zeta.{tag}_b", owner.Team.Id));
        await owner.Client.CreateAssetAsync(new CreateAssetRequest($"alpha.{tag}_a", owner.Team.Id));
        var hits = await owner.Client.GetAsync<PageResponse<AssetSearchResponse>>($"/api/v1/assets/search?q={tag.ToUpperInvariant()}");
        Assert.Equal([$"alpha.{tag}_a", $"zeta.{tag}_b"], hits.Results.Select(h => h.Fqn));
        Assert.All(hits.Results, h => Assert.Equal(owner.Team.Name, h.OwnerTeamName));
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri("/api/v1/assets/search", UriKind.Relative)), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task List_FilterAndSort_Work()
    {
        var owner = await App.CreateActorAsync();
        await owner.Client.CreateAssetAsync(new CreateAssetRequest("b.two", owner.Team.Id, ResourceType: "model"));
        await owner.Client.CreateAssetAsync(new CreateAssetRequest("a.one", owner.Team.Id, ResourceType: "api_endpoint"));
        var desc = await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?owner={owner.Team.Id}&sort_by=fqn&sort_order=desc");
        Assert.Equal(["b.two", "a.one"], desc.Results.Select(a => a.Fqn));
        var models = await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?owner={owner.Team.Id}&resource_type=model");
        Assert.Equal("b.two", Assert.Single(models.Results).Fqn);
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri("/api/v1/assets?sort_by=nope", UriKind.Relative)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }
}

public sealed class AssetSqliteTests(SqliteFixture fixture) : AssetTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AssetPostgresTests(PostgresFixture fixture) : AssetTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class LineageTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Dependency_SdkShape_AddListRemove()
    {
        var owner = await App.CreateActorAsync();
        var upstream = await App.CreateAssetAsync(owner);
        var downstream = await App.CreateAssetAsync(owner);
        var created = await owner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{downstream.Id}/dependencies",
            new CreateDependencyRequest(TargetAssetId: upstream.Id, DependencyType: "consumes"));
        Assert.Equal(upstream.Id, created.TargetAssetId);
        Assert.Equal(upstream.Id, created.DependencyAssetId);
        Assert.Equal(downstream.Id, created.SourceAssetId);
        var dup = await owner.Client.Http.PostAsync(new Uri($"/api/v1/assets/{downstream.Id}/dependencies", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["depends_on_asset_id"] = upstream.Id.ToString() }));
        await HttpAssert.ErrorAsync(dup, HttpStatusCode.Conflict, "DUPLICATE_DEPENDENCY");
        var self = await owner.Client.Http.PostAsync(new Uri($"/api/v1/assets/{downstream.Id}/dependencies", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["depends_on_asset_id"] = downstream.Id.ToString() }));
        await HttpAssert.ErrorAsync(self, HttpStatusCode.BadRequest, "SELF_DEPENDENCY");
        var list = await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/{downstream.Id}/dependencies", UriKind.Relative));
        Assert.Equal("1", list.Headers.GetValues("X-Total-Count").Single());
        await owner.Client.DeleteAsync($"/api/v1/assets/{downstream.Id}/dependencies/{created.Id}");
        Assert.Equal(0, (await owner.Client.GetAsync<PageResponse<DependencyResponse>>($"/api/v1/assets/{downstream.Id}/dependencies")).Total);
    }

    [Fact]
    public async Task Lineage_ShowsUpstreamConsumersAndDownstream_AndProposalsNameAffectedTeams()
    {
        var owner = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var downstream = await App.CreateAssetAsync(other);
        await other.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{downstream.Id}/dependencies", new CreateDependencyRequest(asset.Id));
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)first["contract"]!["id"]!));

        var lineage = await owner.Client.GetAsync<JsonObject>($"/api/v1/assets/{asset.Id}/lineage");
        Assert.Equal(asset.Id.ToString(), (string?)lineage["asset_id"]);
        Assert.Equal(consumer.Team.Name, (string?)lineage["downstream"]![0]!["team_name"]);
        Assert.Equal(downstream.Id.ToString(), (string?)lineage["downstream_assets"]![0]!["asset_id"]);

        var (_, body) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id"));
        var proposalId = (string)body["proposal"]!["id"]!;
        Assert.Equal(other.Team.Id.ToString(), (string?)body["proposal"]!["affected_teams"]![0]!["team_id"]);
        using var reason = new StringContent("{\"reason\": \"our dashboard reads email\"}", System.Text.Encoding.UTF8, "application/json");
        var objection = await HttpAssert.OkAsync(await other.Client.Http.PostAsync(
            new Uri($"/api/v1/proposals/{proposalId}/object?objector_team_id={other.Team.Id}", UriKind.Relative), reason), HttpStatusCode.Created);
        Assert.Equal("objection_filed", (string?)objection["action"]);
        Assert.Equal(1, (int)objection["total_objections"]!);
        using var again = new StringContent("{\"reason\": \"x\"}", System.Text.Encoding.UTF8, "application/json");
        var notAffected = await consumer.Client.Http.PostAsync(new Uri($"/api/v1/proposals/{proposalId}/object?objector_team_id={consumer.Team.Id}", UriKind.Relative), again);
        var error = await HttpAssert.ErrorAsync(notAffected, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal("NOT_AFFECTED_TEAM", (string?)error["details"]!["code"]);
    }

    [Fact]
    public async Task HistoryAndDiff_AnnotateVersions()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email", "name"));
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "name"));
        var history = await owner.Client.GetAsync<JsonObject>($"/api/v1/assets/{asset.Id}/contracts/history");
        Assert.Equal(["2.0.0", "1.1.0", "1.0.0"], history["contracts"]!.AsArray().Select(c => (string?)c!["version"]));
        Assert.Equal(["major", "minor", "initial"], history["contracts"]!.AsArray().Select(c => (string?)c!["change_type"]));
        var diff = await owner.Client.GetAsync<JsonObject>($"/api/v1/assets/{asset.Id}/contracts/diff?from_version=1.1.0&to_version=2.0.0");
        Assert.False((bool)diff["is_compatible"]!);
        Assert.Equal("major", (string?)diff["change_type"]);
        Assert.NotEmpty(diff["breaking_changes"]!.AsArray());
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/{asset.Id}/contracts/diff?from_version=1.0.0&to_version=9.9.9", UriKind.Relative)),
            HttpStatusCode.NotFound, "CONTRACT_NOT_FOUND");
        var suggestion = await owner.Client.PostAsync<JsonObject>($"/api/v1/assets/{asset.Id}/version-suggestion", new PublishContractRequest(TesseraApplication.Schema("id")));
        Assert.Equal("3.0.0", (string?)suggestion["suggested_version"]);
    }
}

public sealed class LineageSqliteTests(SqliteFixture fixture) : LineageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class LineagePostgresTests(PostgresFixture fixture) : LineageTests(fixture), IClassFixture<PostgresFixture>;
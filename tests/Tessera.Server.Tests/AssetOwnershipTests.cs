using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>Moving assets between teams and assigning owner users in bulk (api.md §2.2, §2.3).</summary>
public abstract class AssetOwnershipTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private async Task<int> AuditTotalAsync() => (await App.Admin.GetAsync<PageResponse<AuditEventResponse>>("/api/v1/audit/events?limit=1")).Total;

    private async Task<UserResponse> CreateUserAsync(Guid teamId) =>
        await App.Admin.PostAsync<UserResponse>("/api/v1/users", new CreateUserRequest("user" + Guid.NewGuid().ToString("N")[..10], "A User", TeamId: teamId));

    private static async Task<HttpResponseMessage> PostAsync(TesseraClient client, string path, JsonNode body) =>
        await client.Http.PostAsync(new Uri(path, UriKind.Relative), HttpAssert.Json(body));

    [Fact]
    public async Task Reassign_AllAssets_MovesThemAuditsAndClearsForeignOwnerUsers()
    {
        var source = await App.CreateActorAsync();
        var target = await App.CreateActorAsync();
        var user = await CreateUserAsync(source.Team.Id);
        var a = await source.Client.CreateAssetAsync(new CreateAssetRequest("warehouse.a_" + Guid.NewGuid().ToString("N")[..8], source.Team.Id, user.Id));
        var b = await App.CreateAssetAsync(source);
        var deleted = await App.CreateAssetAsync(source);
        await source.Client.DeleteAsync($"/api/v1/assets/{deleted.Id}");

        var result = await App.Admin.PostAsync<ReassignAssetsResponse>($"/api/v1/teams/{source.Team.Id}/reassign-assets", new ReassignAssetsRequest(target.Team.Id));

        Assert.Equal(2, result.Reassigned);
        Assert.Equal((source.Team.Id, source.Team.Name), (result.SourceTeam.Id, result.SourceTeam.Name));
        Assert.Equal((target.Team.Id, target.Team.Name), (result.TargetTeam.Id, result.TargetTeam.Name));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), result.AssetIds.Order());
        Assert.Equal(1, result.OwnerUsersCleared);
        var moved = await App.Admin.GetAssetAsync(a.Id);
        Assert.Equal(target.Team.Id, moved.OwnerTeamId);
        Assert.Null(moved.OwnerUserId);
        Assert.Equal(target.Team.Id, (await App.Admin.GetAssetAsync(b.Id)).OwnerTeamId);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={source.Team.Id}&action=bulk.assets_reassigned");
        var e = Assert.Single(events.Results);
        Assert.Equal((target.Team.Id.ToString(), 2), ((string?)e.Payload["target_team_id"], (int)e.Payload["asset_count"]!));
        var assetEvents = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={a.Id}&action=asset.updated");
        Assert.Single(assetEvents.Results);

        // The new owner now owns them: its key can change them, the old team's cannot.
        await target.Client.PatchAsync<AssetResponse>($"/api/v1/assets/{b.Id}", new UpdateAssetRequest(Description: "moved"));
        var refused = await source.Client.Http.PatchAsync(new Uri($"/api/v1/assets/{b.Id}", UriKind.Relative), HttpAssert.Json("{\"description\": \"x\"}"));
        await HttpAssert.ErrorAsync(refused, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
    }

    [Fact]
    public async Task Reassign_ListedAssets_OnlyThoseMoved_OthersReportedNotFound()
    {
        var source = await App.CreateActorAsync();
        var target = await App.CreateActorAsync();
        var a = await App.CreateAssetAsync(source);
        var stays = await App.CreateAssetAsync(source);
        var foreign = await App.CreateAssetAsync(target);
        var unknown = Guid.NewGuid();
        var result = await App.Admin.PostAsync<ReassignAssetsResponse>($"/api/v1/teams/{source.Team.Id}/reassign-assets",
            new ReassignAssetsRequest(target.Team.Id, [a.Id, foreign.Id, unknown]));
        Assert.Equal([a.Id], result.AssetIds);
        Assert.Equal(new[] { foreign.Id, unknown }.Order(), result.NotFound.Order());
        Assert.Equal(source.Team.Id, (await App.Admin.GetAssetAsync(stays.Id)).OwnerTeamId);
    }

    [Fact]
    public async Task Reassign_SameTeam_Is400AndNothingWritten()
    {
        var source = await App.CreateActorAsync();
        var a = await App.CreateAssetAsync(source);
        var before = await AuditTotalAsync();
        await HttpAssert.ErrorAsync(await PostAsync(App.Admin, $"/api/v1/teams/{source.Team.Id}/reassign-assets",
            new JsonObject { ["target_team_id"] = source.Team.Id.ToString() }), HttpStatusCode.BadRequest, "SAME_TEAM");
        Assert.Equal(before, await AuditTotalAsync());
        Assert.Equal(source.Team.Id, (await App.Admin.GetAssetAsync(a.Id)).OwnerTeamId);
    }

    [Fact]
    public async Task Reassign_UnknownTeams_Are404()
    {
        var source = await App.CreateActorAsync();
        var before = await AuditTotalAsync();
        await HttpAssert.ErrorAsync(await PostAsync(App.Admin, $"/api/v1/teams/{Guid.NewGuid()}/reassign-assets",
            new JsonObject { ["target_team_id"] = source.Team.Id.ToString() }), HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        await HttpAssert.ErrorAsync(await PostAsync(App.Admin, $"/api/v1/teams/{source.Team.Id}/reassign-assets",
            new JsonObject { ["target_team_id"] = Guid.NewGuid().ToString() }), HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        Assert.Equal(before, await AuditTotalAsync());
    }

    [Theory]
    [InlineData("{}", "target_team_id")]
    [InlineData("{\"target_team_id\": \"nope\"}", "target_team_id")]
    [InlineData("{\"target_team_id\": \"00000000-0000-0000-0000-000000000001\", \"asset_ids\": []}", "asset_ids")]
    [InlineData("{\"target_team_id\": \"00000000-0000-0000-0000-000000000001\", \"asset_ids\": \"all\"}", "asset_ids")]
    public async Task Reassign_BadBody_Is422(string json, string field)
    {
        var source = await App.CreateActorAsync();
        var error = await HttpAssert.ErrorAsync(await App.Admin.Http.PostAsync(new Uri($"/api/v1/teams/{source.Team.Id}/reassign-assets", UriKind.Relative),
            HttpAssert.Json(json)), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal(field, (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Reassign_NonAdmin_Is403AndNothingMoves()
    {
        var source = await App.CreateActorAsync();
        var target = await App.CreateActorAsync();
        var a = await App.CreateAssetAsync(source);
        await HttpAssert.ErrorAsync(await PostAsync(source.Client, $"/api/v1/teams/{source.Team.Id}/reassign-assets",
            new JsonObject { ["target_team_id"] = target.Team.Id.ToString() }), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal(source.Team.Id, (await App.Admin.GetAssetAsync(a.Id)).OwnerTeamId);
    }

    [Fact]
    public async Task BulkAssign_SetsAndClearsOwnerUser_Audited()
    {
        var team = await App.CreateActorAsync();
        var user = await CreateUserAsync(team.Team.Id);
        var a = await App.CreateAssetAsync(team);
        var b = await App.CreateAssetAsync(team);
        var unknown = Guid.NewGuid();

        var result = await App.Admin.PostAsync<BulkAssignResponse>("/api/v1/assets/bulk-assign", new BulkAssignRequest([a.Id, b.Id, unknown], user.Id));
        Assert.Equal(2, result.Updated);
        Assert.Equal([unknown], result.NotFound);
        Assert.Equal(user.Id, result.OwnerUserId);
        Assert.Equal(user.Id, (await App.Admin.GetAssetAsync(a.Id)).OwnerUserId);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>("/api/v1/audit/events?action=bulk.owner_assigned");
        var e = Assert.Single(events.Results, x => x.Payload["asset_ids"]!.AsArray().Any(id => (string?)id == a.Id.ToString()));
        Assert.Equal((user.Id.ToString(), 2), ((string?)e.Payload["new_owner_user_id"], (int)e.Payload["asset_count"]!));

        var cleared = await App.Admin.PostAsync<BulkAssignResponse>("/api/v1/assets/bulk-assign", new BulkAssignRequest([a.Id]));
        Assert.Null(cleared.OwnerUserId);
        Assert.Null((await App.Admin.GetAssetAsync(a.Id)).OwnerUserId);
        Assert.Equal(user.Id, (await App.Admin.GetAssetAsync(b.Id)).OwnerUserId);
    }

    [Fact]
    public async Task BulkAssign_UserOfAnotherTeam_Is400NamingAssetsAndNothingWritten()
    {
        var team = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var user = await CreateUserAsync(other.Team.Id);
        var a = await App.CreateAssetAsync(team);
        var own = await App.CreateAssetAsync(other);
        var before = await AuditTotalAsync();
        var error = await HttpAssert.ErrorAsync(await PostAsync(App.Admin, "/api/v1/assets/bulk-assign",
            new JsonObject { ["asset_ids"] = new JsonArray(a.Id.ToString(), own.Id.ToString()), ["owner_user_id"] = user.Id.ToString() }),
            HttpStatusCode.BadRequest, "USER_TEAM_MISMATCH");
        Assert.Equal([a.Id.ToString()], error["details"]!["asset_ids"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(before, await AuditTotalAsync());
        Assert.Null((await App.Admin.GetAssetAsync(own.Id)).OwnerUserId);
    }

    [Fact]
    public async Task BulkAssign_UnknownUser_Is404()
    {
        var team = await App.CreateActorAsync();
        var a = await App.CreateAssetAsync(team);
        await HttpAssert.ErrorAsync(await PostAsync(App.Admin, "/api/v1/assets/bulk-assign",
            new JsonObject { ["asset_ids"] = new JsonArray(a.Id.ToString()), ["owner_user_id"] = Guid.NewGuid().ToString() }),
            HttpStatusCode.NotFound, "USER_NOT_FOUND");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"asset_ids\": []}")]
    [InlineData("{\"asset_ids\": [\"nope\"]}")]
    [InlineData("{\"asset_ids\": [\"00000000-0000-0000-0000-000000000001\"], \"owner_user_id\": 7}")]
    public async Task BulkAssign_BadBody_Is422(string json)
    {
        var before = await AuditTotalAsync();
        await HttpAssert.ErrorAsync(await App.Admin.Http.PostAsync(new Uri("/api/v1/assets/bulk-assign", UriKind.Relative), HttpAssert.Json(json)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal(before, await AuditTotalAsync());
    }

    [Fact]
    public async Task BulkAssign_NonAdmin_Is403()
    {
        var team = await App.CreateActorAsync();
        var a = await App.CreateAssetAsync(team);
        await HttpAssert.ErrorAsync(await PostAsync(team.Client, "/api/v1/assets/bulk-assign", new JsonObject { ["asset_ids"] = new JsonArray(a.Id.ToString()) }),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await HttpAssert.ErrorAsync(await PostAsync(App.ClientFor(null), "/api/v1/assets/bulk-assign", new JsonObject { ["asset_ids"] = new JsonArray(a.Id.ToString()) }),
            HttpStatusCode.Unauthorized, "MISSING_API_KEY");
    }
}

public sealed class AssetOwnershipSqliteTests(SqliteFixture fixture) : AssetOwnershipTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AssetOwnershipPostgresTests(PostgresFixture fixture) : AssetOwnershipTests(fixture), IClassFixture<PostgresFixture>;
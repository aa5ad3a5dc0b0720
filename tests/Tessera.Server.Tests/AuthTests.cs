using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class AuthTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task NoKey_ApiCall_Is401MissingApiKeyWithChallenge()
    {
        var response = await App.Raw(null).GetAsync(new Uri("/api/v1/teams", UriKind.Relative));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "MISSING_API_KEY");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task NotBearer_ApiCall_Is401InvalidAuthHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teams");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic abc");
        var response = await App.Raw(null).SendAsync(request);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "INVALID_AUTH_HEADER");
    }

    [Fact]
    public async Task UnknownKey_ApiCall_Is401InvalidApiKey()
    {
        var response = await App.Raw("tess_test_" + new string('a', 64)).GetAsync(new Uri("/api/v1/teams", UriKind.Relative));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task MintedKey_HasFormatAndIsStoredHashed()
    {
        var team = await App.CreateTeamAsync();
        var created = await App.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("ci", team.Id));
        Assert.Matches("^tess_test_[0-9a-f]{64}$", created.Key!);
        Assert.Equal(created.Key![..22], created.KeyPrefix);
        Assert.Equal(["read", "write"], created.Scopes);
        var fetched = await App.Admin.GetAsync<JsonObject>($"/api/v1/api-keys/{created.Id}");
        Assert.Null(fetched["key"]);
        Assert.DoesNotContain(created.Key!, fetched.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadKey_Write_Is403InsufficientScope()
    {
        var team = await App.CreateTeamAsync();
        var (key, _) = await App.CreateKeyAsync(team.Id, "read");
        var response = await App.Raw(key).PostAsync(new Uri("/api/v1/teams", UriKind.Relative), HttpAssert.Json("{\"name\":\"scoped-out\"}"));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal("write", (string?)error["details"]!["required_scope"]);
        var list = await HttpAssert.OkAsync(await App.Raw(key).GetAsync(new Uri("/api/v1/teams?name=scoped-out", UriKind.Relative)));
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task WriteKey_AdminEndpoint_Is403InsufficientScope()
    {
        var actor = await App.CreateActorAsync();
        var response = await actor.Client.Http.PostAsync(new Uri("/api/v1/api-keys", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["name"] = "x", ["team_id"] = actor.Team.Id.ToString() }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task OtherTeam_CreateAssetForIt_Is403UnauthorizedTeam()
    {
        var owner = await App.CreateActorAsync();
        var intruder = await App.CreateActorAsync();
        var response = await intruder.Client.Http.PostAsync(new Uri("/api/v1/assets", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["fqn"] = "sales.not_mine", ["owner_team_id"] = owner.Team.Id.ToString() }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
    }

    [Fact]
    public async Task OtherTeam_UpdateOrDeleteAsset_Is403AndNothingChanges()
    {
        var owner = await App.CreateActorAsync();
        var intruder = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var patch = await intruder.Client.Http.PatchAsync(new Uri($"/api/v1/assets/{asset.Id}", UriKind.Relative), HttpAssert.Json("{\"description\":\"hacked\"}"));
        await HttpAssert.ErrorAsync(patch, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        var delete = await intruder.Client.Http.DeleteAsync(new Uri($"/api/v1/assets/{asset.Id}", UriKind.Relative));
        await HttpAssert.ErrorAsync(delete, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        var stored = await owner.Client.GetAssetAsync(asset.Id);
        Assert.Null(stored.Description);
    }

    [Fact]
    public async Task AdminKey_OtherTeamsAsset_BypassesOwnership()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var updated = await App.Admin.PatchAsync<AssetResponse>($"/api/v1/assets/{asset.Id}", new UpdateAssetRequest(Description: "by admin"));
        Assert.Equal("by admin", updated.Description);
    }

    [Fact]
    public async Task RevokedKey_ApiCall_Is401()
    {
        var team = await App.CreateTeamAsync();
        var (key, client) = await App.CreateKeyAsync(team.Id);
        var created = await client.GetAsync<ApiKeyListResponse>("/api/v1/api-keys");
        var revoked = await HttpAssert.OkAsync(await App.Raw(TesseraApplication.AdminKey).DeleteAsync(new Uri($"/api/v1/api-keys/{created.Keys[0].Id}", UriKind.Relative)));
        Assert.NotNull(revoked["revoked_at"]);
        await HttpAssert.ErrorAsync(await App.Raw(key).GetAsync(new Uri("/api/v1/teams", UriKind.Relative)), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task ExpiredKey_ApiCall_Is401()
    {
        var team = await App.CreateTeamAsync();
        var created = await App.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("short-lived", team.Id, ExpiresAt: App.Clock.GetUtcNow().UtcDateTime.AddHours(1)));
        await HttpAssert.OkAsync(await App.Raw(created.Key).GetAsync(new Uri("/api/v1/teams", UriKind.Relative)));
        App.Clock.Advance(TimeSpan.FromHours(2));
        await HttpAssert.ErrorAsync(await App.Raw(created.Key).GetAsync(new Uri("/api/v1/teams", UriKind.Relative)), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task DeletedTeamsKey_ApiCall_Is401()
    {
        var team = await App.CreateTeamAsync();
        var (key, _) = await App.CreateKeyAsync(team.Id);
        await App.Admin.DeleteAsync($"/api/v1/teams/{team.Id}");
        await HttpAssert.ErrorAsync(await App.Raw(key).GetAsync(new Uri("/api/v1/teams", UriKind.Relative)), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task NonAdmin_ListKeys_SeesOnlyOwnTeam()
    {
        var a = await App.CreateActorAsync();
        var b = await App.CreateActorAsync();
        var list = await a.Client.GetAsync<ApiKeyListResponse>($"/api/v1/api-keys?team_id={b.Team.Id}");
        Assert.All(list.Keys, k => Assert.Equal(a.Team.Id, k.TeamId));
        Assert.NotEmpty(list.Keys);
        var bKeys = await b.Client.GetAsync<ApiKeyListResponse>("/api/v1/api-keys");
        var response = await a.Client.Http.GetAsync(new Uri($"/api/v1/api-keys/{bKeys.Keys[0].Id}", UriKind.Relative));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task AgentKey_Action_IsAuditedAsAgent()
    {
        var team = await App.CreateTeamAsync();
        var created = await App.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("bot", team.Id, AgentName: "release-bot", AgentFramework: "claude-code"));
        Assert.True(created.IsAgent);
        var agent = App.ClientFor(created.Key);
        var asset = await agent.CreateAssetAsync(new CreateAssetRequest("agents.made_this", team.Id));
        var events = await App.Admin.GetAsync<PageResponse<JsonObject>>($"/api/v1/audit/events?entity_id={asset.Id}");
        var created_ = Assert.Single(events.Results, e => (string?)e["action"] == "asset.created");
        Assert.Equal("agent", (string?)created_["actor_type"]);
        Assert.Equal(team.Id.ToString(), (string?)created_["actor_id"]);
    }
}

public sealed class AuthSqliteTests(SqliteFixture fixture) : AuthTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AuthPostgresTests(PostgresFixture fixture) : AuthTests(fixture), IClassFixture<PostgresFixture>;
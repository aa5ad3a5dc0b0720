using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class TeamTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Create_ValidName_Is201AndAudited()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/teams", UriKind.Relative),
            HttpAssert.Json("{\"name\": \"  Data Platform 1 \", \"metadata\": {\"slack\": \"#data\"}}"));
        var body = await HttpAssert.OkAsync(response, HttpStatusCode.Created);
        Assert.Equal("Data Platform 1", (string?)body["name"]);
        Assert.Equal("#data", (string?)body["metadata"]!["slack"]);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={body["id"]}");
        Assert.Equal("team.created", Assert.Single(events.Results).Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("bad/char")]
    public async Task Create_BadName_Is422AndNothingWritten(string name)
    {
        var before = (await App.Admin.ListTeamsAsync()).Total;
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/teams", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["name"] = name }));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("name", (string?)error["details"]!["errors"]![0]!["field"]);
        Assert.Equal(before, (await App.Admin.ListTeamsAsync()).Total);
    }

    [Fact]
    public async Task Create_DuplicateActiveName_Is409DuplicateTeam()
    {
        var team = await App.CreateTeamAsync();
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/teams", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["name"] = team.Name }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "DUPLICATE_TEAM");
    }

    [Fact]
    public async Task Rename_ToExistingName_Is409NotServerError()
    {
        var a = await App.CreateTeamAsync();
        var b = await App.CreateTeamAsync();
        var response = await App.Raw(TesseraApplication.AdminKey).PatchAsync(new Uri($"/api/v1/teams/{b.Id}", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["name"] = a.Name }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "DUPLICATE_TEAM");
    }

    [Fact]
    public async Task SoftDelete_Team_HiddenThenRestored()
    {
        var team = await App.CreateTeamAsync();
        await App.Admin.DeleteAsync($"/api/v1/teams/{team.Id}");
        await HttpAssert.ErrorAsync(await App.Raw(TesseraApplication.AdminKey).GetAsync(new Uri($"/api/v1/teams/{team.Id}", UriKind.Relative)),
            HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        var reused = await App.CreateTeamAsync(team.Name);
        Assert.NotEqual(team.Id, reused.Id);
        var restore = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri($"/api/v1/teams/{team.Id}/restore", UriKind.Relative), null);
        await HttpAssert.ErrorAsync(restore, HttpStatusCode.Conflict, "DUPLICATE_TEAM");
        await App.Admin.DeleteAsync($"/api/v1/teams/{reused.Id}");
        var restored = await App.Admin.PostAsync<TeamResponse>($"/api/v1/teams/{team.Id}/restore", null);
        Assert.Equal(team.Name, restored.Name);
        Assert.Equal(team.Id, (await App.Admin.GetTeamAsync(team.Id)).Id);
    }

    [Fact]
    public async Task Delete_TeamWithAssets_Is409UnlessForced()
    {
        var owner = await App.CreateActorAsync();
        await App.CreateAssetAsync(owner);
        var response = await App.Raw(TesseraApplication.AdminKey).DeleteAsync(new Uri($"/api/v1/teams/{owner.Team.Id}", UriKind.Relative));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "TEAM_HAS_ASSETS");
        Assert.Equal(1, (int)error["details"]!["asset_count"]!);
        var forced = await App.Raw(TesseraApplication.AdminKey).DeleteAsync(new Uri($"/api/v1/teams/{owner.Team.Id}?force=true", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
    }

    [Fact]
    public async Task List_Paginated_EnvelopeAndEdges()
    {
        var prefix = "pg" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await App.CreateTeamAsync($"{prefix} {i}");
        }

        var first = await App.Admin.GetAsync<PageResponse<TeamResponse>>($"/api/v1/teams?name={prefix}&limit=2&offset=0");
        Assert.Equal(3, first.Total);
        Assert.Equal(2, first.Results.Count);
        Assert.Equal(2, first.Limit);
        Assert.Equal([$"{prefix} 0", $"{prefix} 1"], first.Results.Select(t => t.Name));
        var last = await App.Admin.GetAsync<PageResponse<TeamResponse>>($"/api/v1/teams?name={prefix}&limit=2&offset=2");
        Assert.Equal($"{prefix} 2", Assert.Single(last.Results).Name);
        var beyond = await App.Admin.GetAsync<PageResponse<TeamResponse>>($"/api/v1/teams?name={prefix}&offset=10");
        Assert.Empty(beyond.Results);
        Assert.Equal(3, beyond.Total);
        Assert.Equal(50, beyond.Limit);
        var max = await App.Admin.GetAsync<PageResponse<TeamResponse>>($"/api/v1/teams?name={prefix}&limit=100");
        Assert.Equal(3, max.Results.Count);
    }

    [Theory]
    [InlineData("limit=101")]
    [InlineData("limit=0")]
    [InlineData("limit=-1")]
    [InlineData("offset=-1")]
    public async Task List_OutOfRangePaging_Is422(string query)
    {
        var response = await App.Raw(TesseraApplication.AdminKey).GetAsync(new Uri($"/api/v1/teams?{query}", UriKind.Relative));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }
}

public sealed class TeamSqliteTests(SqliteFixture fixture) : TeamTests(fixture), IClassFixture<SqliteFixture>;

public sealed class TeamPostgresTests(PostgresFixture fixture) : TeamTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class HostingTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Health_Always_ReportsHealthyAndVersion()
    {
        var body = await HttpAssert.OkAsync(await App.Raw(null).GetAsync(new Uri("/health", UriKind.Relative)));
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.False(string.IsNullOrEmpty((string?)body["version"]));
        var live = await HttpAssert.OkAsync(await App.Raw(null).GetAsync(new Uri("/health/live", UriKind.Relative)));
        Assert.Equal("alive", (string?)live["status"]);
    }

    [Fact]
    public async Task HealthReady_MigratedDatabase_IsReadyAndNamesProvider()
    {
        var body = await HttpAssert.OkAsync(await App.Raw(null).GetAsync(new Uri("/health/ready", UriKind.Relative)));
        Assert.Equal("ready", (string?)body["status"]);
        Assert.Equal(Fixture.Provider, (string?)body["database"]);
    }

    [Fact]
    public async Task OpenApi_Document_ListsOurEndpoints()
    {
        var body = await HttpAssert.OkAsync(await App.Raw(null).GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = body["paths"]!.AsObject();
        Assert.Contains("/api/v1/teams", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/assets/{assetId}", paths.Select(p => p.Key));
    }

    [Fact]
    public async Task Docs_Get_ServesInteractiveReference()
    {
        var response = await App.Raw(null).GetAsync(new Uri("/docs", UriKind.Relative));
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently)
        {
            response = await App.Raw(null).GetAsync(response.Headers.Location);
        }

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Get_Is404WithEnvelope()
    {
        var response = await App.Raw(null).GetAsync(new Uri("/no/such/page", UriKind.Relative));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task WrongMethod_OnKnownRoute_Is405WithEnvelope()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PutAsync(new Uri("/api/v1/teams", UriKind.Relative), HttpAssert.Json("{}"));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "BAD_REQUEST");
    }

    [Fact]
    public async Task RequestId_Sent_IsEchoedAndPutInErrors()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teams/" + Guid.NewGuid());
        request.Headers.Add("X-Request-ID", "trace-abc-123");
        request.Headers.Add("Authorization", "Bearer " + TesseraApplication.AdminKey);
        var response = await App.Raw(null).SendAsync(request);
        Assert.Equal("trace-abc-123", response.Headers.GetValues("X-Request-ID").Single());
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        Assert.Equal("trace-abc-123", (string?)error["request_id"]);
    }

    [Fact]
    public async Task RequestId_Absent_IsGenerated()
    {
        var response = await App.Raw(null).GetAsync(new Uri("/health", UriKind.Relative));
        Assert.True(Guid.TryParse(response.Headers.GetValues("X-Request-ID").Single(), out _));
    }

    [Fact]
    public async Task SecurityHeaders_EveryResponse_ArePresent()
    {
        var response = await App.Raw(null).GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("1; mode=block", response.Headers.GetValues("X-XSS-Protection").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("geolocation=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task MalformedJson_Post_Is422ValidationErrorAndWritesNothing()
    {
        var http = App.Raw(TesseraApplication.AdminKey);
        var before = await App.Admin.ListTeamsAsync();
        var response = await http.PostAsync(new Uri("/api/v1/teams", UriKind.Relative), HttpAssert.Json("{\"name\": \"x\","));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.NotEmpty(error["details"]!["errors"]!.AsArray());
        Assert.Equal(before.Total, (await App.Admin.ListTeamsAsync()).Total);
    }

    [Fact]
    public async Task WrongJsonType_Post_Is422NamingTheField()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/teams", UriKind.Relative), HttpAssert.Json("{\"name\": 42}"));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("name", (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task EmptyBody_Post_Is422()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/teams", UriKind.Relative), HttpAssert.Json(""));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task BadUuid_InPath_Is422NamingTheParameter()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).GetAsync(new Uri("/api/v1/teams/not-a-uuid", UriKind.Relative));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("team_id", (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task BadInteger_InQuery_Is422()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).GetAsync(new Uri("/api/v1/teams?limit=abc", UriKind.Relative));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Json_Responses_AreSnakeCaseWithUtcTimestamps()
    {
        var team = await App.CreateTeamAsync();
        var body = await HttpAssert.OkAsync(await App.Raw(TesseraApplication.AdminKey).GetAsync(new Uri($"/api/v1/teams/{team.Id}", UriKind.Relative)));
        Assert.NotNull(body["created_at"]);
        Assert.Null(body["createdAt"]);
        Assert.EndsWith("Z", (string?)body["created_at"], StringComparison.Ordinal);
        Assert.IsType<JsonObject>(body["metadata"]);
    }
}

public sealed class HostingSqliteTests(SqliteFixture fixture) : HostingTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HostingPostgresTests(PostgresFixture fixture) : HostingTests(fixture), IClassFixture<PostgresFixture>;
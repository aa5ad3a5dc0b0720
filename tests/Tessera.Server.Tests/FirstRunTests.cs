using System.Net;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public sealed class FirstRunTests
{
    private static string NewSqliteUrl() =>
        "sqlite:///" + Path.Combine(Path.GetTempPath(), "tessera-first-" + Guid.NewGuid().ToString("N")[..12], "t.db");

    [Fact]
    public async Task EmptyDatabase_NoBootstrapKey_PrintsAWorkingAdminKeyOnce()
    {
        var url = NewSqliteUrl();
        string key;
        await using (var app = new TesseraApplication(url, new Dictionary<string, string?> { ["BOOTSTRAP_API_KEY"] = null }))
        {
            using var warmUp = app.CreateClient();
            key = Assert.Single(app.FirstRun.Keys);
            Assert.Matches("^tess_test_[0-9a-f]{64}$", key);
            var client = app.ClientFor(key);
            var teams = await client.ListTeamsAsync();
            Assert.Equal("admin", Assert.Single(teams.Results).Name);
            var created = await client.CreateTeamAsync(new CreateTeamRequest("first real team"));
            Assert.Equal("first real team", created.Name);
        }

        await using var again = new TesseraApplication(url, new Dictionary<string, string?> { ["BOOTSTRAP_API_KEY"] = null });
        using var warm = again.CreateClient();
        Assert.Empty(again.FirstRun.Keys);
        Assert.Equal(HttpStatusCode.OK, (await again.Raw(key).GetAsync(new Uri("/api/v1/teams", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task BootstrapKeySet_NoKeyPrinted()
    {
        await using var app = new TesseraApplication(NewSqliteUrl());
        using var warmUp = app.CreateClient();
        Assert.Empty(app.FirstRun.Keys);
        Assert.Equal(HttpStatusCode.OK, (await app.Raw(TesseraApplication.AdminKey).GetAsync(new Uri("/api/v1/teams", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AuthDisabled_NoKey_ActsAsAdmin()
    {
        await using var app = new TesseraApplication(NewSqliteUrl(), new Dictionary<string, string?> { ["AUTH_DISABLED"] = "true", ["BOOTSTRAP_API_KEY"] = null });
        var client = app.ClientFor(null);
        var team = await client.CreateTeamAsync(new CreateTeamRequest("open house"));
        var keys = await client.CreateApiKeyAsync(new CreateApiKeyRequest("k", team.Id));
        Assert.NotNull(keys.Key);
        Assert.Empty(app.FirstRun.Keys);
    }

    [Fact]
    public async Task AdminUser_FromEnvironment_IsCreatedWithArgon2Password()
    {
        await using var app = new TesseraApplication(NewSqliteUrl(),
            new Dictionary<string, string?> { ["ADMIN_USERNAME"] = "Root", ["ADMIN_PASSWORD"] = "hunter2hunter2", ["ADMIN_EMAIL"] = "root@example.com" });
        var users = await app.Admin.GetAsync<PageResponse<UserResponse>>("/api/v1/users?username=root");
        var user = Assert.Single(users.Results);
        Assert.Equal("admin", user.Role);
        Assert.Equal("admin", user.TeamName);
        Assert.Equal("root@example.com", user.Email);
    }
}
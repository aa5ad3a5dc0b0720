using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class UserTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Create_HumanWithPassword_StoresArgon2idAndHidesIt()
    {
        var team = await App.CreateTeamAsync();
        var name = "ada" + Guid.NewGuid().ToString("N")[..6];
        var user = await App.Admin.PostAsync<JsonObject>("/api/v1/users",
            new CreateUserRequest(name.ToUpperInvariant(), "Ada Lovelace", $"{name}@example.com", TeamId: team.Id, Password: "correct horse"));
        Assert.Equal(name, (string?)user["username"]);
        Assert.Equal("human", (string?)user["user_type"]);
        Assert.Null(user["password_hash"]);
        Assert.Equal(team.Name, (string?)user["team_name"]);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.TesseraDbContext>();
        var stored = db.Users.Single(u => u.Username == name);
        Assert.StartsWith("$argon2id$", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(Core.Users.PasswordHasher.Verify("correct horse", stored.PasswordHash));
        Assert.False(Core.Users.PasswordHasher.Verify("wrong horse", stored.PasswordHash));
    }

    [Fact]
    public async Task Create_BotWithPassword_Is422()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/users", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["username"] = "robot", ["name"] = "Robot", ["user_type"] = "bot", ["password"] = "secret-123" }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Create_DuplicateUsername_Is409()
    {
        var name = "dup" + Guid.NewGuid().ToString("N")[..6];
        await App.Admin.PostAsync<UserResponse>("/api/v1/users", new CreateUserRequest(name, "First"));
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/users", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["username"] = name, ["name"] = "Second" }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "DUPLICATE_USER");
    }

    [Fact]
    public async Task Create_UnknownEnum_Is422NamingField()
    {
        var response = await App.Raw(TesseraApplication.AdminKey).PostAsync(new Uri("/api/v1/users", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["username"] = "enumy", ["name"] = "Enumy", ["role"] = "overlord" }));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("role", (string?)error["details"]!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Deactivate_ThenReactivate_HidesAndShows()
    {
        var name = "tmp" + Guid.NewGuid().ToString("N")[..6];
        var user = await App.Admin.PostAsync<UserResponse>("/api/v1/users", new CreateUserRequest(name, "Temp User"));
        await App.Admin.DeleteAsync($"/api/v1/users/{user.Id}");
        await HttpAssert.ErrorAsync(await App.Raw(TesseraApplication.AdminKey).GetAsync(new Uri($"/api/v1/users/{user.Id}", UriKind.Relative)),
            HttpStatusCode.NotFound, "USER_NOT_FOUND");
        var hidden = await App.Admin.GetAsync<PageResponse<UserResponse>>($"/api/v1/users?username={name}");
        Assert.Equal(0, hidden.Total);
        var shown = await App.Admin.GetAsync<PageResponse<UserResponse>>($"/api/v1/users?username={name}&include_deactivated=true");
        Assert.Equal(1, shown.Total);
        var back = await App.Admin.PostAsync<UserResponse>($"/api/v1/users/{user.Id}/reactivate", null);
        Assert.Null(back.DeactivatedAt);
    }

    [Fact]
    public async Task NonAdmin_CreateUser_Is403()
    {
        var actor = await App.CreateActorAsync();
        var response = await actor.Client.Http.PostAsync(new Uri("/api/v1/users", UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["username"] = "sneaky", ["name"] = "Sneaky" }));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }
}

public sealed class UserSqliteTests(SqliteFixture fixture) : UserTests(fixture), IClassFixture<SqliteFixture>;

public sealed class UserPostgresTests(PostgresFixture fixture) : UserTests(fixture), IClassFixture<PostgresFixture>;
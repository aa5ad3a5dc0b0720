using Tessera.Schemas.OpenApi;

namespace Tessera.Schemas.Tests.OpenApi;

public sealed class OpenApiFqnTests
{
    [Theory]
    [InlineData("Users API", "/users", "GET", "api.users_api.get_users")]
    [InlineData("Users API", "/users/{userId}/posts/{postId}", "GET", "api.users_api.get_users_userid_posts_postid")]
    [InlineData("Health API", "/", "GET", "api.health_api.get_root")]
    [InlineData("My Cool API v2.0", "/data", "POST", "api.my_cool_api_v20.post_data")]
    [InlineData("", "/test", "PUT", "api.unknown.put_test")]
    [InlineData("Test-API", "/items", "get", "api.test_api.get_items")]
    [InlineData("x", "///", "post", "api.x.post_root")]
    public void Generate_UpstreamExamples_GivesUpstreamFqn(string title, string path, string method, string expected) =>
        Assert.Equal(expected, OpenApiFqn.Generate(title, path, method));

    [Fact]
    public void Generate_NullTitle_UsesUnknown() =>
        Assert.Equal("api.unknown.get_a", OpenApiFqn.Generate(null, "/a", "GET"));

    [Fact]
    public void Path_PunctuationRuns_CollapseToOneUnderscore() =>
        Assert.Equal("v1_users_me_settings_json", OpenApiFqn.Path("/v1//users/{me}/settings.json/"));

    [Fact]
    public void Title_UnicodeLetters_Survive() =>
        Assert.Equal("café_api", OpenApiFqn.Title("Café API!"));
}
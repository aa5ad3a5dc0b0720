using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Server.Hosting;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>
/// Rate limits (api.md §3.18, DECISIONS §3.9). The limiter is in memory and the same on both databases, so these run
/// on SQLite only, each test on its own server with small limits. Windows are an hour long, so nothing replenishes
/// while a test runs (the limiter keeps real time; no test waits for it).
/// </summary>
public sealed partial class RateLimitTests
{
    private static TesseraApplication NewApp(params (string Key, string? Value)[] settings)
    {
        var url = "sqlite:///" + Path.Combine(Path.GetTempPath(), "tessera-rl-" + Guid.NewGuid().ToString("N")[..12], "t.db");
        return new TesseraApplication(url, settings.ToDictionary(s => s.Key, s => s.Value));
    }

    private static Task<HttpResponseMessage> GetTeamsAsync(TesseraApplication app, string? key, string? clientIp = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teams");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        if (clientIp is not null)
        {
            request.Headers.Add(TesseraApplication.ClientIpHeader, clientIp);
        }

        return app.Raw(null).SendAsync(request);
    }

    private static Task<HttpResponseMessage> CreateTeamAsync(TesseraApplication app, string key, string name) =>
        app.Raw(key).PostAsync(new Uri("/api/v1/teams", UriKind.Relative), HttpAssert.Json(new JsonObject { ["name"] = name }));

    private static async Task<JsonObject> AssertLimitedAsync(HttpResponseMessage response, string tier, string limit, long retryAfterSeconds)
    {
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.Equal(tier, (string?)error["details"]!["tier"]);
        Assert.Equal(limit, (string?)error["details"]!["limit"]);
        Assert.Equal(retryAfterSeconds, (long)error["details"]!["retry_after_seconds"]!);
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), response.Headers.RetryAfter!.Delta);
        Assert.Equal(limit.Split('/')[0], response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        return error;
    }

    [Fact]
    public async Task ReadLimitReached_Is429WithEnvelopeRetryAfterAndRateLimitHeaders()
    {
        await using var app = NewApp(("RATE_LIMIT_READ", "3/hour"));
        var actor = await app.CreateActorAsync();
        for (var i = 0; i < 3; i++)
        {
            await HttpAssert.OkAsync(await GetTeamsAsync(app, actor.Key));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teams");
        request.Headers.Add("X-Request-ID", "limited-call-1");
        var limited = await actor.Client.Http.SendAsync(request);
        var error = await AssertLimitedAsync(limited, "read", "3/hour", 3600);
        Assert.Equal("limited-call-1", (string?)error["request_id"]);
        Assert.Contains("3/hour", (string?)error["message"], StringComparison.Ordinal);

        // Other tiers of the same key have their own windows.
        await HttpAssert.OkAsync(await CreateTeamAsync(app, actor.Key, "still-writing"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task WriteLimit_SeparateKeys_HaveSeparateBucketsAndTheRefusedWriteIsNotApplied()
    {
        await using var app = NewApp(("RATE_LIMIT_WRITE", "2/hour"));
        var first = await app.CreateActorAsync();
        var second = await app.CreateActorAsync();
        await HttpAssert.OkAsync(await CreateTeamAsync(app, first.Key, "w-1"), HttpStatusCode.Created);
        await HttpAssert.OkAsync(await CreateTeamAsync(app, first.Key, "w-2"), HttpStatusCode.Created);
        await AssertLimitedAsync(await CreateTeamAsync(app, first.Key, "w-3"), "write", "2/hour", 3600);

        await HttpAssert.OkAsync(await CreateTeamAsync(app, second.Key, "w-4"), HttpStatusCode.Created);
        var refused = await HttpAssert.OkAsync(await app.Raw(TesseraApplication.AdminKey).GetAsync(new Uri("/api/v1/teams?name=w-3", UriKind.Relative)));
        Assert.Equal(0, (int)refused["total"]!);
    }

    [Fact]
    public async Task AgentKey_GetsTheAgentLimit_HumanKeyTheHumanOne()
    {
        await using var app = NewApp(("RATE_LIMIT_READ", "2/hour"), ("RATE_LIMIT_AGENT_READ", "5/hour"));
        var team = await app.CreateTeamAsync();
        var human = await app.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("human", team.Id));
        var agent = await app.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("agent", team.Id, AgentName: "reviewer-bot", AgentFramework: "langgraph"));
        Assert.True(agent.IsAgent);

        for (var i = 0; i < 2; i++)
        {
            await HttpAssert.OkAsync(await GetTeamsAsync(app, human.Key));
        }

        await AssertLimitedAsync(await GetTeamsAsync(app, human.Key), "read", "2/hour", 3600);
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.OkAsync(await GetTeamsAsync(app, agent.Key));
        }

        await AssertLimitedAsync(await GetTeamsAsync(app, agent.Key), "read", "5/hour", 3600);
    }

    [Fact]
    public async Task AuthTier_CountsFailedAuthenticationsPerClientIp_NotSuccessfulOnes()
    {
        await using var app = NewApp(("RATE_LIMIT_AUTH", "3/hour"));
        var actor = await app.CreateActorAsync();
        var wrongKey = "tess_test_" + new string('b', 64);

        // Successful authentications are not counted: many of them leave every failed attempt available.
        for (var i = 0; i < 6; i++)
        {
            await HttpAssert.OkAsync(await GetTeamsAsync(app, actor.Key, "10.0.0.1"));
        }

        await HttpAssert.ErrorAsync(await GetTeamsAsync(app, wrongKey, "10.0.0.1"), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        await HttpAssert.ErrorAsync(await GetTeamsAsync(app, actor.Key[..^1] + (actor.Key[^1] == '0' ? "1" : "0"), "10.0.0.1"), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        using (var basic = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teams"))
        {
            basic.Headers.TryAddWithoutValidation("Authorization", "Basic abc");
            basic.Headers.Add(TesseraApplication.ClientIpHeader, "10.0.0.1");
            await HttpAssert.ErrorAsync(await app.Raw(null).SendAsync(basic), HttpStatusCode.Unauthorized, "INVALID_AUTH_HEADER");
        }

        // The address has used up its failures: further attempts are refused before the key is looked at, even a valid key.
        await AssertLimitedAsync(await GetTeamsAsync(app, wrongKey, "10.0.0.1"), "auth", "3/hour", 3600);
        await AssertLimitedAsync(await GetTeamsAsync(app, actor.Key, "10.0.0.1"), "auth", "3/hour", 3600);

        // Another address is not affected.
        await HttpAssert.OkAsync(await GetTeamsAsync(app, actor.Key, "10.0.0.2"));
        await HttpAssert.ErrorAsync(await GetTeamsAsync(app, wrongKey, "10.0.0.2"), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Fact]
    public async Task AnonymousRequests_AreCountedPerClientIp()
    {
        await using var app = NewApp(("AUTH_DISABLED", "true"), ("BOOTSTRAP_API_KEY", null), ("RATE_LIMIT_READ", "2/hour"));
        await HttpAssert.OkAsync(await GetTeamsAsync(app, null, "192.0.2.1"));
        await HttpAssert.OkAsync(await GetTeamsAsync(app, null, "192.0.2.1"));
        await AssertLimitedAsync(await GetTeamsAsync(app, null, "192.0.2.1"), "read", "2/hour", 3600);
        await HttpAssert.OkAsync(await GetTeamsAsync(app, null, "192.0.2.2"));
        await HttpAssert.OkAsync(await GetTeamsAsync(app, null, "2001:db8::1"));
    }

    [Fact]
    public async Task ExpensiveTier_ContractDiff_HasItsOwnSmallWindow()
    {
        await using var app = NewApp(("RATE_LIMIT_EXPENSIVE", "1/5 minutes"));
        var owner = await app.CreateActorAsync();
        var asset = await app.CreateAssetAsync(owner);
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email", "name"));
        var diff = $"/api/v1/assets/{asset.Id}/contracts/diff?from_version=1.0.0&to_version=1.1.0";
        await HttpAssert.OkAsync(await owner.Client.Http.GetAsync(new Uri(diff, UriKind.Relative)));
        await AssertLimitedAsync(await owner.Client.Http.GetAsync(new Uri(diff, UriKind.Relative)), "expensive", "1/5 minutes", 300);
        await HttpAssert.OkAsync(await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/{asset.Id}/contracts/history", UriKind.Relative)));
    }

    [Fact]
    public async Task GlobalLimit_CapsAClientAcrossTiers()
    {
        await using var app = NewApp(("RATE_LIMIT_GLOBAL", "3/hour"));
        var actor = await app.CreateActorAsync();
        await HttpAssert.OkAsync(await GetTeamsAsync(app, actor.Key));
        await HttpAssert.OkAsync(await CreateTeamAsync(app, actor.Key, "g-1"), HttpStatusCode.Created);
        await HttpAssert.OkAsync(await GetTeamsAsync(app, actor.Key));
        await AssertLimitedAsync(await CreateTeamAsync(app, actor.Key, "g-2"), "global", "3/hour", 3600);
        await HttpAssert.OkAsync(await app.Raw(null).GetAsync(new Uri("/health", UriKind.Relative)));
    }

    [Fact]
    public async Task Disabled_NothingIsLimited()
    {
        await using var app = NewApp(("RATE_LIMIT_ENABLED", "false"), ("RATE_LIMIT_READ", "1/hour"), ("RATE_LIMIT_AUTH", "1/hour"), ("RATE_LIMIT_GLOBAL", "1/hour"));
        var actor = await app.CreateActorAsync();
        for (var i = 0; i < 5; i++)
        {
            await HttpAssert.OkAsync(await GetTeamsAsync(app, actor.Key));
            await HttpAssert.ErrorAsync(await GetTeamsAsync(app, "tess_test_" + new string('c', 64)), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        }
    }

    /// <summary>
    /// Every <c>/api/v1</c> endpoint carries exactly one tier (tag new ones with <c>.RequireRateLimitTier(...)</c>), the
    /// endpoints api.md §3.18 names carry theirs, and other GETs are reads.
    /// </summary>
    [Fact]
    public async Task EveryApiEndpoint_HasExactlyOneRateLimitTier()
    {
        await using var app = NewApp();
        using var warmUp = app.CreateClient();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} /api/v1 endpoints found");

        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var route = string.Join(",", methods) + " " + endpoint.RoutePattern.RawText;
            var tiers = endpoint.Metadata.GetOrderedMetadata<RateLimitTierMetadata>();
            if (tiers.Count != 1)
            {
                problems.Add($"{route}: {tiers.Count} tiers (tag it once with .RequireRateLimitTier(...))");
                continue;
            }

            var tier = tiers[0].Tier;
            var expected = ExpectedTier(methods, endpoint.RoutePattern.RawText!);
            if (expected is not null && tier != expected)
            {
                problems.Add($"{route}: {tier}, api.md §3.18 says {expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static RateLimitTier? ExpectedTier(IReadOnlyList<string> methods, string route)
    {
        var path = RouteParameter().Replace(route, "{}");
        if (path.StartsWith("/api/v1/api-keys", StringComparison.Ordinal) || path.StartsWith("/api/v1/audit", StringComparison.Ordinal)
            || path.StartsWith("/api/v1/sync", StringComparison.Ordinal) || path.StartsWith("/api/v1/webhooks", StringComparison.Ordinal)
            || path == "/api/v1/proposals/{}/force")
        {
            return RateLimitTier.Admin;
        }

        if (path is "/api/v1/assets/{}/contracts/diff" or "/api/v1/assets/{}/impact" or "/api/v1/assets/{}/impact-preview"
            or "/api/v1/compat/check-compat" or "/api/v1/contracts/compare")
        {
            return RateLimitTier.Expensive;
        }

        return methods.Contains("GET") ? RateLimitTier.Read : null;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
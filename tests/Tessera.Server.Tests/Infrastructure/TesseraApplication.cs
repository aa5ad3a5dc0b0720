using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

using Tessera.Client;
using Tessera.Server.Hosting;

namespace Tessera.Server.Tests.Infrastructure;

/// <summary>
/// The server in-process on its own database, with a fake clock, a captured first-run console and intent
/// methods that speak HTTP through <see cref="TesseraClient"/>.
/// </summary>
public sealed class TesseraApplication(
    string databaseUrl, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "tess_test_bootstrap_admin_key_for_tests_0001";

    /// <summary>Request header that sets the client IP the server sees (tests only; TestServer has no peer address).</summary>
    public const string ClientIpHeader = "X-Test-Client-IP";

    /// <summary>
    /// Rate limiting stays on in tests (so every test runs through the limiter), with limits no test reaches; the
    /// rate-limit tests set small ones.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> UnreachableRateLimits = new Dictionary<string, string?>
    {
        ["RATE_LIMIT_READ"] = "100000000/minute",
        ["RATE_LIMIT_WRITE"] = "100000000/minute",
        ["RATE_LIMIT_ADMIN"] = "100000000/minute",
        ["RATE_LIMIT_EXPENSIVE"] = "100000000/minute",
        ["RATE_LIMIT_AGENT_READ"] = "100000000/minute",
        ["RATE_LIMIT_AGENT_WRITE"] = "100000000/minute",
        ["RATE_LIMIT_AGENT_ADMIN"] = "100000000/minute",
        ["RATE_LIMIT_AGENT_EXPENSIVE"] = "100000000/minute",
        ["RATE_LIMIT_AUTH"] = "100000000/minute",
        ["RATE_LIMIT_GLOBAL"] = "100000000/minute",
    };

    public string DatabaseUrl { get; } = databaseUrl;

    /// <summary>This application's own TESSERA_REPO_DIR (clones), removed when it is disposed.</summary>
    public string RepoDirectory { get; } = Path.Combine(Path.GetTempPath(), "tessera-repos-" + Guid.NewGuid().ToString("N")[..12]);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public CapturingConsole FirstRun { get; } = new();

    public TesseraClient Admin => ClientFor(AdminKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["ENVIRONMENT"] = "test",
            ["DATABASE_URL"] = DatabaseUrl,
            ["BOOTSTRAP_API_KEY"] = AdminKey,
            ["PROPOSAL_EXPIRY_SWEEP_SECONDS"] = "0",
            ["TESSERA_SYNC_INTERVAL"] = "0",
            ["TESSERA_REPO_DIR"] = RepoDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",

            // The in-memory test server cannot raise a request body limit per endpoint (Kestrel can); it says so on every import.
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
        };
        foreach (var (key, value) in UnreachableRateLimits)
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<FirstRunConsole>();
            services.AddSingleton<FirstRunConsole>(FirstRun);
            services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
        });
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            if (Directory.Exists(RepoDirectory))
            {
                Directory.Delete(RepoDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    public HttpClient Raw(string? apiKey)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

    public TesseraClient ClientFor(string? apiKey) => new(Raw(apiKey));

    public async Task<TeamResponse> CreateTeamAsync(string? name = null) =>
        await Admin.CreateTeamAsync(new CreateTeamRequest(name ?? "team-" + Guid.NewGuid().ToString("N")[..10]));

    /// <summary>Mints a key for <paramref name="teamId"/> with the given scopes (read+write by default).</summary>
    public async Task<(string Key, TesseraClient Client)> CreateKeyAsync(Guid teamId, params string[] scopes)
    {
        var created = await Admin.CreateApiKeyAsync(new CreateApiKeyRequest("test key", teamId, Scopes: scopes.Length == 0 ? null : scopes));
        return (created.Key!, ClientFor(created.Key));
    }

    /// <summary>A team with a read+write key, ready to act.</summary>
    public async Task<Actor> CreateActorAsync(string? name = null)
    {
        var team = await CreateTeamAsync(name);
        var (key, client) = await CreateKeyAsync(team.Id);
        return new Actor(team, key, client);
    }

    public async Task<AssetResponse> CreateAssetAsync(Actor owner, string? fqn = null, string? semverMode = null) =>
        await owner.Client.CreateAssetAsync(new CreateAssetRequest(fqn ?? "warehouse.orders_" + Guid.NewGuid().ToString("N")[..10], owner.Team.Id,
            SemverMode: semverMode));

    /// <summary>POSTs a publish and returns the status and body (whatever the outcome).</summary>
    public static async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> PublishAsync(TesseraClient client, Guid assetId, JsonObject schema,
        string? version = null, string query = "", string? compatibilityMode = null, JsonObject? guarantees = null)
    {
        var body = new JsonObject { ["schema"] = schema.DeepClone() };
        if (version is not null)
        {
            body["version"] = version;
        }

        if (compatibilityMode is not null)
        {
            body["compatibility_mode"] = compatibilityMode;
        }

        if (guarantees is not null)
        {
            body["guarantees"] = guarantees.DeepClone();
        }

        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var response = await client.Http.PostAsync(new Uri($"/api/v1/assets/{assetId}/publish{query}", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Registers <paramref name="consumer"/> on the asset's active contract.</summary>
    public static async Task<RegistrationResponse> RegisterAsync(Actor consumer, Guid contractId) =>
        await consumer.Client.PostAsync<RegistrationResponse>("/api/v1/registrations", new CreateRegistrationRequest(consumer.Team.Id, contractId));

    public static async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> AcknowledgeAsync(Actor consumer, Guid proposalId, string response = "approved")
    {
        using var content = new StringContent(new JsonObject { ["consumer_team_id"] = consumer.Team.Id.ToString(), ["response"] = response }.ToJsonString(),
            System.Text.Encoding.UTF8, "application/json");
        var r = await consumer.Client.Http.PostAsync(new Uri($"/api/v1/proposals/{proposalId}/acknowledge", UriKind.Relative), content);
        return (r.StatusCode, JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject());
    }

    public static JsonObject Schema(params string[] properties)
    {
        var props = new JsonObject();
        foreach (var p in properties)
        {
            props[p] = new JsonObject { ["type"] = "string" };
        }

        return new JsonObject { ["type"] = "object", ["properties"] = props, ["required"] = new JsonArray([.. properties.Take(1).Select(p => (JsonNode)p)]) };
    }
}

/// <summary>Sets the peer address from <see cref="TesseraApplication.ClientIpHeader"/>, before the server's own middleware.</summary>
internal sealed class ClientIpFromHeader : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, following) =>
        {
            if (System.Net.IPAddress.TryParse(http.Request.Headers[TesseraApplication.ClientIpHeader].ToString(), out var address))
            {
                http.Connection.RemoteIpAddress = address;
            }

            return following(http);
        });
        next(app);
    };
}

/// <summary>A team and a client holding one of its keys.</summary>
public sealed record Actor(TeamResponse Team, string Key, TesseraClient Client);

public sealed class CapturingConsole : FirstRunConsole
{
    private readonly List<string> _keys = [];

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_keys)
            {
                return [.. _keys];
            }
        }
    }

    public override void Announce(string key, int port)
    {
        lock (_keys)
        {
            _keys.Add(key);
        }
    }
}
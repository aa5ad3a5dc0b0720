using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Cli.Tests;

/// <summary>
/// A real Tessera server for the CLI to talk to: Kestrel on a loopback port (so the command uses its own HttpClient,
/// URL and key exactly as in CI) on a fresh SQLite database, one per test class.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tessera-cli-server-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The server's bootstrap admin key.</summary>
    public const string AdminKey = TesseraApplication.AdminKey;

    public TesseraApplication App { get; private set; } = null!;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>An admin client over real HTTP to <see cref="Url"/> (the factory's own clients assume an in-memory server).</summary>
    public TesseraClient Admin { get; private set; } = null!;

    public async Task<TeamResponse> CreateTeamAsync() =>
        await Admin.CreateTeamAsync(new CreateTeamRequest("team-" + Guid.NewGuid().ToString("N")[..10]));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        App = new TesseraApplication("sqlite:///" + Path.Combine(_folder, "tessera.db"), new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["RATE_LIMIT_ENABLED"] = "false",
        });
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Url = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        Admin = TesseraClient.Create(new Uri(Url), AdminKey);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Http.Dispose();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
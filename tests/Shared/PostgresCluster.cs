using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Npgsql;

namespace Tessera.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started from the machine's binaries (initdb/pg_ctl on PATH or
/// under /usr/lib/postgresql/*/bin, as the <c>postgres</c> user when running as root), or the server named by
/// <c>TESSERA_TEST_POSTGRES</c>. Each test class asks for a fresh database. When neither is possible the
/// PostgreSQL tests skip with the reason, except under CI=true, where they fail.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _directory;
    private string? _binaries;
    private bool _runAsPostgres;

    public string? AdminConnectionString { get; private set; }

    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        try
        {
            if (Environment.GetEnvironmentVariable("TESSERA_TEST_POSTGRES") is { Length: > 0 } external)
            {
                AdminConnectionString = external;
                var b = new NpgsqlConnectionStringBuilder(external);
                Port = b.Port;
                return;
            }

            _binaries = FindBinaries();
            if (_binaries is null)
            {
                UnavailableReason = "no PostgreSQL binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql/*/bin; install postgresql or set TESSERA_TEST_POSTGRES";
                return;
            }

            _runAsPostgres = Environment.UserName == "root";
            _directory = Path.Combine(Path.GetTempPath(), "tessera-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_directory);
            if (_runAsPostgres)
            {
                await RunAsync("chown", ["-R", "postgres", _directory], asPostgres: false);
            }

            Port = FreePort();
            var data = Path.Combine(_directory, "data");
            await RunAsync(Path.Combine(_binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], _runAsPostgres);
            var settings = $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB";
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-o", settings, "-l", Path.Combine(_directory, "log.txt"), "-w", "-t", "60", "start"], _runAsPostgres);
            AdminConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            UnavailableReason = "could not start a PostgreSQL cluster: " + e.Message;
        }
    }

    /// <summary>Skips (locally) or fails (CI=true) the calling test when no PostgreSQL is available.</summary>
    public void EnsureAvailable()
    {
        if (AdminConnectionString is not null)
        {
            return;
        }

        var message = "PostgreSQL tests cannot run: " + UnavailableReason;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        EnsureAvailable();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 };
        return builder.ToString();
    }

    /// <summary>The same database as a <c>postgresql://</c> URL (for DATABASE_URL).</summary>
    public static string ToUrl(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password);
        return $"postgresql://{Uri.EscapeDataString(b.Username ?? "postgres")}{password}@{b.Host}:{b.Port}/{b.Database}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_binaries is not null && _directory is not null && AdminConnectionString is not null)
        {
            try
            {
                await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], _runAsPostgres);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort.
            }
        }
    }

    private static string? FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
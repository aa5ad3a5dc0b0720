using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Persistence;

namespace Tessera.Server.Hosting;

/// <summary>
/// Before the server listens: migrate the database (AUTO_CREATE_TABLES), upsert the bootstrap admin user, and on
/// a first run (empty database, auth on, no BOOTSTRAP_API_KEY) mint an admin key and print it once.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, TesseraOptions options, ILogger<DatabaseStartup> logger, FirstRunConsole console) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
        if (options.AutoCreateTables)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database {Database} is migrated", options.Database.Display);
        }

        var bootstrapper = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
        if (options.AdminUsername is { } username && options.AdminPassword is { } password)
        {
            await bootstrapper.EnsureAdminUserAsync(username, password, options.AdminName, options.AdminEmail, cancellationToken);
        }

        if (!options.AuthDisabled && options.BootstrapApiKey is null
            && await bootstrapper.CreateFirstAdminKeyAsync(cancellationToken) is { } key)
        {
            console.Announce(key, options.Port);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the first-run key is shown: standard output, once. Tests replace it to capture the key.</summary>
public class FirstRunConsole
{
    public virtual void Announce(string key, int port)
    {
        Console.WriteLine();
        Console.WriteLine("==> First run: created team 'admin' and an admin API key. It is shown only this once:");
        Console.WriteLine($"    {key}");
        Console.WriteLine($"    Try it: curl -H \"Authorization: Bearer {key}\" http://localhost:{port}/api/v1/teams");
        Console.WriteLine();
    }
}
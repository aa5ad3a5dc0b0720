using System.Reflection;

using Microsoft.EntityFrameworkCore;

using Tessera.Client;
using Tessera.Core.Persistence;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class HealthEndpoints
{
    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).WithTags("Health");
        app.MapGet("/health/ready", ReadyAsync).WithTags("Health");
        app.MapGet("/health/live", Live).WithTags("Health");
        return app;
    }

    private static HealthResponse Health() => new("healthy", Version, null);

    private static HealthResponse Live() => new("alive", Version, null);

    private static async Task<IResult> ReadyAsync(TesseraDbContext db, TesseraOptions options, CancellationToken cancellationToken)
    {
        bool connected;
        try
        {
            connected = await db.Database.CanConnectAsync(cancellationToken)
                && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            connected = false;
        }

        var provider = options.Database.Provider == DatabaseProvider.PostgreSql ? "postgresql" : "sqlite";
        return connected
            ? TypedResults.Ok(new HealthResponse("ready", Version, provider))
            : TypedResults.Json(new HealthResponse("unavailable", Version, provider), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
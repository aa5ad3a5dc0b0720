using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;

using Tessera.Client;
using Tessera.Core.Access;
using Tessera.Core.ApiKeys;
using Tessera.Core.Assets;
using Tessera.Core.Audit;
using Tessera.Core.Contracts;
using Tessera.Core.Ingestion.Dbt;
using Tessera.Core.Persistence;
using Tessera.Core.Proposals;
using Tessera.Core.Registrations;
using Tessera.Core.Repos;
using Tessera.Core.Services;
using Tessera.Core.Teams;
using Tessera.Core.Users;
using Tessera.Data.PostgreSql;
using Tessera.Data.Sqlite;

namespace Tessera.Server.Hosting;

/// <summary>Service registration and the middleware pipeline: the composition root.</summary>
public static class Composition
{
    public static WebApplicationBuilder AddTessera(this WebApplicationBuilder builder, TesseraOptions options)
    {
        if (builder.Configuration["ASPNETCORE_URLS"] is null && builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{options.Port}");
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxSchemaSizeBytes * 4L, 4_000_000));
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new KeyEnvironment(options.IsProduction ? "live" : "test"));
        services.AddSingleton(new AssetDefaults(options.DefaultEnvironment));
        services.AddSingleton<FirstRunConsole>();
        services.AddDbContext<TesseraDbContext>(o =>
        {
            if (options.Database.Provider == DatabaseProvider.PostgreSql)
            {
                PostgresDatabase.Configure(o, options.Database.ConnectionString);
            }
            else
            {
                SqliteDatabase.Configure(o, options.Database.ConnectionString);
            }
        });
        services.AddScoped<AuditLog>();
        services.AddScoped<Bootstrapper>();
        services.AddScoped<TeamService>();
        services.AddScoped<UserService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AssetService>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton(new SchemaGate(new SchemaLimitsOptions(options.MaxSchemaSizeBytes, options.MaxSchemaProperties, options.MaxSchemaNestingDepth)));
        services.AddSingleton(new ProposalSettings(options.ProposalDefaultExpirationDays, options.ProposalAutoExpireEnabled));
        services.AddScoped<SourceDocumentStore>();
        services.AddScoped<ContractPublisher>();
        services.AddScoped<ContractQueries>();
        services.AddScoped<RegistrationService>();
        services.AddScoped<ProposalWorkflow>();
        services.AddScoped<ContractHistory>();
        services.AddScoped<Core.Ingestion.ContractImporter>();
        services.AddScoped<Core.Compat.CompatibilityChecker>();
        services.AddScoped<Core.Lineage.LineageService>();
        services.AddScoped<RepoCatalog>();
        services.AddScoped<ServiceCatalog>();
        services.AddSingleton(new RepoSyncSettings(options.RepoDirectory, TimeSpan.FromSeconds(options.SyncTimeoutSeconds), options.RepoMaxSizeMb * 1024L * 1024L,
            options.GitToken, new DiscoveryLimits(options.SyncMaxFiles, options.SyncMaxSpecBytes), options.GitAllowInsecureHttp,
            $"{System.Environment.MachineName}:{System.Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}"));
        services.AddSingleton(new GitSettings(TimeSpan.FromSeconds(options.GitTimeoutSeconds), Path.Combine(options.RepoDirectory, ".git-state"),
            options.GitAllowInsecureHttp, options.GitSslCaInfo));
        services.AddSingleton<IGitClient, GitCommandLine>();
        services.AddScoped<RepoSynchronizer>();
        services.AddSingleton(new DbtSyncSettings(options.MaxDbtManifestBytes, options.MaxDbtManifestNodes));
        services.AddScoped<DbtSyncPlanner>();
        services.AddScoped<DbtImporter>();
        services.AddScoped<DbtPreview>();
        services.AddScoped<AssetContextQuery>();
        services.AddSingleton(new Core.Impact.ImpactSettings(options.ImpactDepthDefault, options.ImpactDepthMax));
        services.AddScoped<Core.Impact.ImpactAnalyzer>();
        services.AddHostedService<Workers.ProposalExpiryWorker>();
        services.AddHostedService<Workers.RepoSyncWorker>();
        services.AddHostedService<DatabaseStartup>();
        services.AddTesseraRateLimiting(options);

        services.Configure<JsonOptions>(o =>
        {
            WireJson.Configure(o.SerializerOptions);
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new NulText.Converter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddCors(c => c.AddDefaultPolicy(p =>
        {
            p.WithOrigins([.. options.CorsOrigins]).AllowCredentials().AllowAnyHeader();
            if (options.IsProduction)
            {
                p.WithMethods("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS");
            }
            else
            {
                p.AllowAnyMethod();
            }
        }));
        return builder;
    }

    public static WebApplication UseTesseraPipeline(this WebApplication app, TesseraOptions options)
    {
        app.Use(RequestIds.AssignAsync);
        app.Use((http, next) => SecurityHeaders.ApplyAsync(http, next, options.IsProduction));
        app.UseStatusCodePages(context => ErrorEnvelope.StatusCodePageAsync(context.HttpContext));
        app.Use(ErrorEnvelope.CatchAsync);
        app.UseCors();
        app.Use(NulText.RejectInQueryAsync);
        app.Use(Authentication.AuthenticateAsync);
        if (options.RateLimitEnabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    public static async Task MigrateAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TesseraDbContext>().Database.MigrateAsync();
    }
}
using Scalar.AspNetCore;

using Tessera.Server.Endpoints;
using Tessera.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
TesseraOptions options;
try
{
    options = TesseraOptions.Load(builder.Configuration);
}
catch (OptionsException e)
{
    await Console.Error.WriteLineAsync($"Tessera cannot start: {e.Message}");
    return 1;
}

builder.AddTessera(options);
var app = builder.Build();

if (args.Contains("migrate"))
{
    await app.MigrateAsync();
    return 0;
}

app.UseTesseraPipeline(options);
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", o => o.WithTitle("Tessera API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapHealthEndpoints();
var api = app.MapGroup("/api/v1");
api.MapTeamEndpoints();
api.MapUserEndpoints();
api.MapApiKeyEndpoints();
api.MapAssetEndpoints();
api.MapAuditEndpoints();
api.MapContractEndpoints();
api.MapRegistrationEndpoints();
api.MapProposalEndpoints();
api.MapRepoEndpoints();
api.MapServiceEndpoints();
api.MapSyncEndpoints(options);
api.MapDbtSyncEndpoints();
api.MapCompatEndpoints();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Services;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class ServiceEndpoints
{
    public static RouteGroupBuilder MapServiceEndpoints(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapPost("", CreateAsync).RequireRateLimitTier(RateLimitTier.Write);
        services.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        services.MapGet("/{serviceId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        services.MapGet("/{serviceId}/assets", AssetsAsync).RequireRateLimitTier(RateLimitTier.Read);
        services.MapPatch("/{serviceId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        services.MapDelete("/{serviceId}", DeleteAsync).RequireRateLimitTier(RateLimitTier.Write);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateServiceRequest body, ServiceCatalog services, CancellationToken cancellationToken)
    {
        var view = await services.CreateAsync(http.Caller(), new ServiceInput(body.Name, body.RepoId, body.RootPath, body.OtelServiceName), cancellationToken);
        return TypedResults.Created($"/api/v1/services/{view.Service.Id}", view.ToResponse());
    }

    private static async Task<PageResponse<ServiceResponse>> ListAsync(HttpContext http, ServiceCatalog services, [FromQuery(Name = "repo_id")] Guid? repoId,
        [FromQuery(Name = "team_id")] Guid? teamId, [FromQuery(Name = "otel_service_name")] string? otelServiceName, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await services.ListAsync(repoId, teamId, otelServiceName, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(s => s.ToResponse());
    }

    private static async Task<ServiceResponse> GetAsync(HttpContext http, Guid serviceId, ServiceCatalog services, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return (await services.GetAsync(serviceId, cancellationToken)).ToResponse();
    }

    private static async Task<PageResponse<AssetResponse>> AssetsAsync(HttpContext http, Guid serviceId, ServiceCatalog services, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await services.AssetsAsync(serviceId, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(a => a.ToResponse());
    }

    private static async Task<ServiceResponse> UpdateAsync(HttpContext http, Guid serviceId, UpdateServiceRequest body, ServiceCatalog services,
        CancellationToken cancellationToken) =>
        (await services.UpdateAsync(http.Caller(), serviceId, new ServiceInput(body.Name, body.RepoId, body.RootPath, body.OtelServiceName),
            cancellationToken)).ToResponse();

    private static async Task<IResult> DeleteAsync(HttpContext http, Guid serviceId, ServiceCatalog services, CancellationToken cancellationToken)
    {
        await services.DeleteAsync(http.Caller(), serviceId, cancellationToken);
        return TypedResults.NoContent();
    }
}
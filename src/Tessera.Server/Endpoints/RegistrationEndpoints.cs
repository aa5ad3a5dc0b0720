using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Registrations;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class RegistrationEndpoints
{
    public static RouteGroupBuilder MapRegistrationEndpoints(this RouteGroupBuilder api)
    {
        var registrations = api.MapGroup("/registrations").WithTags("Registrations");
        registrations.MapPost("", CreateAsync).RequireRateLimitTier(RateLimitTier.Write);
        registrations.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        registrations.MapGet("/{registrationId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        registrations.MapPatch("/{registrationId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        registrations.MapDelete("/{registrationId}", DeleteAsync).RequireRateLimitTier(RateLimitTier.Write);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateRegistrationRequest body, RegistrationService registrations,
        [FromQuery(Name = "contract_id")] Guid? contractId, CancellationToken cancellationToken)
    {
        var registration = await registrations.CreateAsync(http.Caller(), body.ContractId ?? contractId, body.ConsumerTeamId, body.PinnedVersion, cancellationToken);
        return TypedResults.Created($"/api/v1/registrations/{registration.Id}", registration.ToResponse());
    }

    private static async Task<PageResponse<RegistrationResponse>> ListAsync(HttpContext http, RegistrationService registrations,
        [FromQuery(Name = "consumer_team_id")] Guid? consumerTeamId, [FromQuery(Name = "contract_id")] Guid? contractId,
        [FromQuery(Name = "asset_id")] Guid? assetId, string? status, int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await registrations.ListAsync(consumerTeamId, contractId, WireMapping.Enum<RegistrationStatus>(status, "status"), assetId,
            PageRequest.Create(limit, offset), cancellationToken);
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return page.ToResponse(r => r.Registration.ToResponse(r.ConsumerTeamName));
    }

    private static async Task<RegistrationResponse> GetAsync(HttpContext http, Guid registrationId, RegistrationService registrations, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return (await registrations.GetAsync(registrationId, cancellationToken)).ToResponse();
    }

    private static async Task<RegistrationResponse> UpdateAsync(HttpContext http, Guid registrationId, UpdateRegistrationRequest body,
        RegistrationService registrations, CancellationToken cancellationToken) =>
        (await registrations.UpdateAsync(http.Caller(), registrationId, body.PinnedVersion, WireMapping.Enum<RegistrationStatus>(body.Status, "status"),
            cancellationToken)).ToResponse();

    private static async Task<IResult> DeleteAsync(HttpContext http, Guid registrationId, RegistrationService registrations, CancellationToken cancellationToken)
    {
        await registrations.DeleteAsync(http.Caller(), registrationId, cancellationToken);
        return TypedResults.NoContent();
    }
}
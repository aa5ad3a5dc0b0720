using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Registrations;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class ContractEndpoints
{
    public static RouteGroupBuilder MapContractEndpoints(this RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts");
        contracts.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        contracts.MapPost("/compare", CompareAsync).RequireRateLimitTier(RateLimitTier.Expensive);
        contracts.MapGet("/{contractId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        contracts.MapGet("/{contractId}/registrations", RegistrationsAsync).RequireRateLimitTier(RateLimitTier.Read);
        return api;
    }

    private static async Task<PageResponse<ContractResponse>> ListAsync(HttpContext http, ContractQueries contracts, [FromQuery(Name = "asset_id")] Guid? assetId,
        string? status, string? version, int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await contracts.ListAsync(assetId, WireMapping.Enum<ContractStatus>(status, "status"), version, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(c => c.Contract.ToResponse(c.AssetFqn, c.PublisherName));
    }

    private static async Task<CompareContractsResponse> CompareAsync(HttpContext http, CompareContractsRequest body, ContractHistory history,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var result = await history.CompareAsync(new CompareInput(body.ContractId1, body.ContractId2, body.OldSchema, body.NewSchema,
            WireMapping.Enum<ContractCompatibility>(body.CompatibilityMode, "compatibility_mode"), WireMapping.Enum<StoredSchemaFormat>(body.SchemaFormat, "schema_format")),
            cancellationToken);
        return new CompareContractsResponse(Compared(result.Contract1), Compared(result.Contract2), result.ChangeType.ToWire(), result.IsCompatible,
            result.BreakingChanges, result.AllChanges, result.Mode.ToWire(), result.Format.ToWire());

        static ComparedContractResponse? Compared(Contract? c) => c is null ? null : new(c.Id, c.Version, c.PublishedAt, c.AssetId);
    }

    private static async Task<ContractResponse> GetAsync(HttpContext http, Guid contractId, ContractQueries contracts, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var view = await contracts.GetAsync(contractId, cancellationToken);
        return view.Contract.ToResponse(view.AssetFqn, view.PublisherName);
    }

    private static async Task<PageResponse<RegistrationResponse>> RegistrationsAsync(HttpContext http, Guid contractId, ContractQueries contracts,
        RegistrationService registrations, int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        await contracts.GetAsync(contractId, cancellationToken);
        var page = await registrations.ListAsync(null, contractId, null, null, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(r => r.Registration.ToResponse(r.ConsumerTeamName));
    }
}
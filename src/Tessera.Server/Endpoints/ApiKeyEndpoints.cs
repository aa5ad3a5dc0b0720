using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.ApiKeys;
using Tessera.Core.Common;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireRateLimitTier(RateLimitTier.Admin);
        keys.MapPost("", CreateAsync);
        keys.MapGet("", ListAsync);
        keys.MapGet("/{keyId}", GetAsync);
        keys.MapDelete("/{keyId}", RevokeAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateApiKeyRequest body, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var scopes = body.Scopes?.Select(s => WireMapping.Enum<ApiScope>(s, "scopes")!.Value).ToList();
        var minted = await keys.CreateAsync(http.Caller(),
            new NewApiKey(body.Name, body.TeamId, body.UserId, scopes, body.ExpiresAt?.ToUniversalTime(), body.AgentName, body.AgentFramework),
            cancellationToken);
        return TypedResults.Created($"/api/v1/api-keys/{minted.Key.Id}", minted.Key.ToResponse(minted.RawKey));
    }

    private static async Task<ApiKeyListResponse> ListAsync(HttpContext http, ApiKeyService keys, [FromQuery(Name = "team_id")] Guid? teamId, [FromQuery(Name = "include_revoked")] bool? includeRevoked, [FromQuery(Name = "is_agent")] bool? isAgent,
        CancellationToken cancellationToken)
    {
        var list = await keys.ListAsync(http.Caller(), teamId, includeRevoked ?? false, isAgent, cancellationToken);
        return new ApiKeyListResponse([.. list.Select(k => k.ToResponse())]);
    }

    private static async Task<ApiKeyResponse> GetAsync(HttpContext http, Guid keyId, ApiKeyService keys, CancellationToken cancellationToken) =>
        (await keys.GetAsync(http.Caller(), keyId, cancellationToken)).ToResponse();

    private static async Task<ApiKeyResponse> RevokeAsync(HttpContext http, Guid keyId, ApiKeyService keys, CancellationToken cancellationToken) =>
        (await keys.RevokeAsync(http.Caller(), keyId, cancellationToken)).ToResponse();
}
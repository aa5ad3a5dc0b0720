using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Lineage;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class AssetEndpoints
{
    public static RouteGroupBuilder MapAssetEndpoints(this RouteGroupBuilder api)
    {
        var assets = api.MapGroup("/assets").WithTags("Assets");
        assets.MapGet("/search", SearchAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapPost("", CreateAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapGet("/{assetId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapPatch("/{assetId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapPut("/{assetId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapDelete("/{assetId}", DeleteAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapPost("/{assetId}/restore", RestoreAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapPost("/{assetId}/publish", PublishAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapPost("/{assetId}/contracts", PublishAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapGet("/{assetId}/contracts", ContractsAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapPost("/{assetId}/version-suggestion", SuggestAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapGet("/{assetId}/contracts/history", HistoryAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapGet("/{assetId}/contracts/diff", DiffAsync).RequireRateLimitTier(RateLimitTier.Expensive);
        assets.MapPost("/{assetId}/dependencies", AddDependencyAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapGet("/{assetId}/dependencies", DependenciesAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapDelete("/{assetId}/dependencies/{dependencyId}", RemoveDependencyAsync).RequireRateLimitTier(RateLimitTier.Write);
        assets.MapGet("/{assetId}/lineage", LineageAsync).RequireRateLimitTier(RateLimitTier.Read);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateAssetRequest body, AssetService assets, CancellationToken cancellationToken)
    {
        var asset = await assets.CreateAsync(http.Caller(), Input(body.Fqn, body.OwnerTeamId, body.OwnerUserId, body.Description, body.Metadata,
            body.Environment, body.ResourceType, body.GuaranteeMode, body.SemverMode, body.Tags, body.ServiceId), cancellationToken);
        return TypedResults.Created($"/api/v1/assets/{asset.Id}", asset.ToResponse());
    }

    private static async Task<PageResponse<AssetResponse>> ListAsync(HttpContext http, AssetService assets, Guid? owner, [FromQuery(Name = "owner_team_id")] Guid? ownerTeamId,
        [FromQuery(Name = "owner_user")] Guid? ownerUser, bool? unowned, string? fqn, string? environment, [FromQuery(Name = "resource_type")] string? resourceType, [FromQuery(Name = "sort_by")] string? sortBy, [FromQuery(Name = "sort_order")] string? sortOrder, int? limit,
        int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await assets.ListAsync(owner ?? ownerTeamId, ownerUser, unowned, fqn, environment,
            WireMapping.Enum<ResourceType>(resourceType, "resource_type"), sortBy, sortOrder, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(v => v.ToResponse());
    }

    private static async Task<PageResponse<AssetSearchResponse>> SearchAsync(HttpContext http, AssetService assets, string? q, Guid? owner,
        string? environment, int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await assets.SearchAsync(q, owner, environment, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(h => new AssetSearchResponse(h.Id, h.Fqn, h.OwnerTeamId, h.OwnerTeamName, h.Environment, h.CreatedAt));
    }

    private static async Task<AssetResponse> GetAsync(HttpContext http, Guid assetId, AssetService assets, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return (await assets.GetAsync(assetId, cancellationToken)).ToResponse();
    }

    private static async Task<AssetResponse> UpdateAsync(HttpContext http, Guid assetId, UpdateAssetRequest body, AssetService assets,
        CancellationToken cancellationToken)
    {
        var asset = await assets.UpdateAsync(http.Caller(), assetId, Input(body.Fqn, body.OwnerTeamId, body.OwnerUserId, body.Description,
            body.Metadata, body.Environment, body.ResourceType, body.GuaranteeMode, body.SemverMode, body.Tags, body.ServiceId), cancellationToken);
        return (await assets.ViewAsync(asset, cancellationToken)).ToResponse();
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, Guid assetId, AssetService assets, CancellationToken cancellationToken)
    {
        await assets.DeleteAsync(http.Caller(), assetId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<AssetResponse> RestoreAsync(HttpContext http, Guid assetId, AssetService assets, CancellationToken cancellationToken)
    {
        var asset = await assets.RestoreAsync(http.Caller(), assetId, cancellationToken);
        return (await assets.ViewAsync(asset, cancellationToken)).ToResponse();
    }

    private static async Task<IResult> PublishAsync(HttpContext http, Guid assetId, PublishContractRequest body, ContractPublisher publisher, bool? force,
        [FromQuery(Name = "force_reason")] string? forceReason, [FromQuery(Name = "dry_run")] bool? dryRun, [FromQuery(Name = "published_by")] Guid? publishedBy,
        [FromQuery(Name = "published_by_user_id")] Guid? publishedByUserId, CancellationToken cancellationToken)
    {
        var request = new PublishRequest(body.Schema ?? body.SchemaDef, body.Version,
            WireMapping.Enum<StoredSchemaFormat>(body.SchemaFormat, "schema_format") ?? StoredSchemaFormat.JsonSchema,
            WireMapping.Enum<ContractCompatibility>(body.CompatibilityMode, "compatibility_mode"), body.Guarantees, body.FieldDescriptions, body.FieldTags,
            publishedBy, publishedByUserId, force ?? false, forceReason, dryRun ?? false);
        var outcome = await publisher.PublishAsync(http.Caller(), assetId, request, cancellationToken);
        return TypedResults.Json(outcome.ToJson(), statusCode: outcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<PageResponse<ContractResponse>> ContractsAsync(HttpContext http, Guid assetId, ContractQueries contracts, string? status,
        int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await contracts.ListAsync(assetId, WireMapping.Enum<ContractStatus>(status, "status"), null, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(c => c.Contract.ToResponse(c.AssetFqn, c.PublisherName));
    }

    private static async Task<JsonObject> SuggestAsync(HttpContext http, Guid assetId, PublishContractRequest body, ContractPublisher publisher,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var (suggestion, breaking) = await publisher.SuggestAsync(assetId, body.Schema ?? body.SchemaDef,
            WireMapping.Enum<StoredSchemaFormat>(body.SchemaFormat, "schema_format") ?? StoredSchemaFormat.JsonSchema, cancellationToken);
        return ContractPublisher.SuggestionJson(suggestion, breaking);
    }

    private static async Task<JsonObject> HistoryAsync(HttpContext http, Guid assetId, ContractHistory history, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return await history.HistoryAsync(assetId, cancellationToken);
    }

    private static async Task<JsonObject> DiffAsync(HttpContext http, Guid assetId, ContractHistory history, [FromQuery(Name = "from_version")] string? fromVersion,
        [FromQuery(Name = "to_version")] string? toVersion, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return await history.DiffAsync(assetId, fromVersion, toVersion, cancellationToken);
    }

    private static async Task<IResult> AddDependencyAsync(HttpContext http, Guid assetId, CreateDependencyRequest body, LineageService lineage,
        CancellationToken cancellationToken)
    {
        if (body.DependsOnAssetId is { } dependsOn && body.TargetAssetId is { } target && dependsOn != target)
        {
            throw DomainException.Invalid("target_asset_id", "depends_on_asset_id and target_asset_id name the same thing; send one, or both equal");
        }

        var dependency = await lineage.AddAsync(http.Caller(), assetId, body.DependsOnAssetId ?? body.TargetAssetId,
            WireMapping.Enum<DependencyType>(body.DependencyType, "dependency_type"), cancellationToken);
        return TypedResults.Created($"/api/v1/assets/{assetId}/dependencies/{dependency.Id}", ToResponse(dependency));
    }

    private static async Task<PageResponse<DependencyResponse>> DependenciesAsync(HttpContext http, Guid assetId, LineageService lineage, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await lineage.ListAsync(assetId, PageRequest.Create(limit, offset), cancellationToken);
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return page.ToResponse(ToResponse);
    }

    private static async Task<IResult> RemoveDependencyAsync(HttpContext http, Guid assetId, Guid dependencyId, LineageService lineage, CancellationToken cancellationToken)
    {
        await lineage.RemoveAsync(http.Caller(), assetId, dependencyId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<JsonObject> LineageAsync(HttpContext http, Guid assetId, LineageService lineage, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return await lineage.LineageAsync(assetId, cancellationToken);
    }

    private static DependencyResponse ToResponse(Core.Lineage.Dependency d) =>
        new(d.Id, d.DependentAssetId, d.DependencyAssetId, d.DependentAssetId, d.DependencyAssetId, d.DependencyType.ToWire(), d.Source.ToWire(), d.Confidence,
            d.LastObservedAt, d.CallCount, d.CreatedAt);

    private static AssetInput Input(string? fqn, Guid? ownerTeamId, Guid? ownerUserId, string? description, System.Text.Json.Nodes.JsonObject? metadata,
        string? environment, string? resourceType, string? guaranteeMode, string? semverMode, IReadOnlyList<string>? tags, Guid? serviceId) =>
        new(fqn, ownerTeamId, ownerUserId, description, metadata, environment, WireMapping.Enum<ResourceType>(resourceType, "resource_type"),
            WireMapping.Enum<GuaranteeMode>(guaranteeMode, "guarantee_mode"), WireMapping.Enum<SemverMode>(semverMode, "semver_mode"), tags, serviceId);
}
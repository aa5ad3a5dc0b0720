using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Impact;
using Tessera.Core.Lineage;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class AssetEndpoints
{
    public static RouteGroupBuilder MapAssetEndpoints(this RouteGroupBuilder api)
    {
        var assets = api.MapGroup("/assets").WithTags("Assets");
        assets.MapGet("/search", SearchAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapGet("/context", ContextByFqnAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapPost("/bulk-assign", BulkAssignAsync).RequireRateLimitTier(RateLimitTier.Write);
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
        assets.MapGet("/{assetId}/context", ContextAsync).RequireRateLimitTier(RateLimitTier.Read);
        assets.MapPost("/{assetId}/impact", ImpactAsync).RequireRateLimitTier(RateLimitTier.Expensive);
        assets.MapPost("/{assetId}/impact-preview", ImpactPreviewAsync).RequireRateLimitTier(RateLimitTier.Expensive);
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

    private static async Task<AssetContextResponse> ContextAsync(HttpContext http, Guid assetId, AssetContextQuery context, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return ToResponse(await context.ByIdAsync(assetId, cancellationToken));
    }

    private static async Task<AssetContextResponse> ContextByFqnAsync(HttpContext http, AssetContextQuery context, string? fqn, string? environment,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return ToResponse(await context.ByFqnAsync(fqn, environment, cancellationToken));
    }

    private static async Task<BulkAssignResponse> BulkAssignAsync(HttpContext http, BulkAssignRequest body, AssetService assets, CancellationToken cancellationToken)
    {
        var outcome = await assets.BulkAssignOwnerAsync(http.Caller(), body.AssetIds, body.OwnerUserId, cancellationToken);
        return new BulkAssignResponse(outcome.Assigned.Count, outcome.Assigned, outcome.NotFound, outcome.OwnerUserId);
    }

    private static async Task<ImpactResponse> ImpactAsync(HttpContext http, Guid assetId, [FromBody] JsonNode? body, int? depth, ImpactAnalyzer impact,
        CancellationToken cancellationToken)
    {
        var report = await impact.AnalyzeAsync(http.Caller(), assetId, body, depth, cancellationToken);
        return new ImpactResponse(report.Asset.Id, report.Asset.Fqn, report.ChangeType.ToWire(), report.Compatible, report.Compatible, report.Breaking,
            report.NonBreaking, report.Current?.CompatibilityMode.ToWire(), report.Current?.Version,
            [.. report.Consumers.Select(c => new ImpactedConsumerResponse(c.Party.TeamId, c.Party.TeamName, c.Party.Status.ToWire(), c.Party.PinnedVersion,
                c.Depth, c.Party.AssetId, c.AssetFqn, c.Party.RegistrationId, c.Party.ContractId))],
            [.. report.Downstream.Select(d => new ImpactedAssetResponse(d.AssetId, d.Fqn, d.Fqn, d.ResourceType.ToWire(), d.DependencyType.ToWire(), d.Depth,
                d.OwnerTeamId, d.OwnerTeamName, d.ViaAssetId))],
            [.. report.AffectedTeams.Select(t => new AffectedTeamResponse(t.TeamId, t.TeamName, t.Consumer, t.Assets))],
            report.Depth, report.Truncated,
            report.Truncated ? $"Stopped after {AffectedParties.MaxDownstreamAssets} downstream assets; the impact reaches further." : null);
    }

    private static async Task<ImpactPreviewResponse> ImpactPreviewAsync(HttpContext http, Guid assetId, ImpactPreviewRequest body, ImpactAnalyzer impact,
        CancellationToken cancellationToken)
    {
        var input = new ImpactPreviewInput(body.ProposedSchema, body.ProposedGuarantees,
            WireMapping.Enum<ContractCompatibility>(body.CompatibilityModeOverride, "compatibility_mode_override"),
            WireMapping.Enum<StoredSchemaFormat>(body.SchemaFormat, "schema_format"));
        var preview = await impact.PreviewAsync(http.Caller(), assetId, input, cancellationToken);
        return new ImpactPreviewResponse(preview.Asset.Id, preview.Asset.Fqn, preview.Breaking, preview.ChangeType.ToWire().ToUpperInvariant(),
            preview.BreakingChanges, preview.NonBreakingChanges, preview.GuaranteeChanges,
            [.. preview.Consumers.Select(c => new PreviewConsumerResponse(c.RegistrationId, c.TeamId, c.TeamName, c.ContractId, c.PinnedVersion, c.Status.ToWire()))],
            [.. preview.Downstream.Select(d => new PreviewDownstreamResponse(d.AssetId, d.Fqn, d.OwnerTeamId, d.OwnerTeamName, d.DependencyType.ToWire(), d.Depth))],
            [], preview.Suggestion.SuggestedVersion, preview.Suggestion.Reason, preview.WouldCreateProposal, preview.WouldNotify, preview.MigrationSuggestions,
            preview.Current?.Version, preview.Mode.ToWire());
    }

    private static AssetContextResponse ToResponse(AssetContextView view)
    {
        var a = view.Asset.Asset;
        var metadata = StoredJson.ReadObject(a.MetadataJson);
        var description = a.Description ?? (metadata["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null);
        var c = view.Current;
        return new AssetContextResponse(
            new AssetContextAsset(a.Id, a.Fqn, description, StoredJson.ReadList(a.TagsJson), a.ResourceType.ToWire(), a.Environment, a.OwnerTeamId,
                view.Asset.OwnerTeamName, a.OwnerUserId, view.Asset.OwnerUserName, c?.CompatibilityMode.ToWire(), a.GuaranteeMode.ToWire(),
                a.SemverMode.ToWire(), metadata),
            c is null ? null : new AssetContextContract(c.Id, c.Version, StoredJson.ReadObject(c.SchemaJson), StoredJson.ReadObject(c.SchemaJson),
                c.SchemaFormat.ToWire(), c.CompatibilityMode.ToWire(), StoredJson.ReadObject(c.FieldDescriptionsJson), StoredJson.ReadObject(c.FieldTagsJson),
                c.GuaranteesJson is null ? null : StoredJson.ReadObject(c.GuaranteesJson), c.Status.ToWire(), c.PublishedAt),
            [.. view.Consumers.Select(r => new AssetContextConsumer(r.RegistrationId, r.TeamId, r.TeamName, r.ContractId, r.PinnedVersion, r.Status.ToWire(),
                r.RegisteredAt))],
            [.. view.Upstream.Select(Link)],
            [.. view.Downstream.Select(Link)],
            [.. view.OpenProposals.Select(p => new AssetContextProposal(p.Id, p.ChangeType.ToWire(), p.Status.ToWire(), p.ProposedAt,
                StoredJson.ReadArray(p.BreakingChangesJson).Count, p.ProposedVersion))],
            [], view.ContractHistoryCount);

        static AssetContextLink Link(LinkedAsset l) => new(l.AssetId, l.Fqn, l.ResourceType.ToWire(), l.DependencyType.ToWire(), l.OwnerTeamId, l.OwnerTeamName);
    }

    private static DependencyResponse ToResponse(Core.Lineage.Dependency d) =>
        new(d.Id, d.DependentAssetId, d.DependencyAssetId, d.DependentAssetId, d.DependencyAssetId, d.DependencyType.ToWire(), d.Source.ToWire(), d.Confidence,
            d.LastObservedAt, d.CallCount, d.CreatedAt);

    private static AssetInput Input(string? fqn, Guid? ownerTeamId, Guid? ownerUserId, string? description, System.Text.Json.Nodes.JsonObject? metadata,
        string? environment, string? resourceType, string? guaranteeMode, string? semverMode, IReadOnlyList<string>? tags, Guid? serviceId) =>
        new(fqn, ownerTeamId, ownerUserId, description, metadata, environment, WireMapping.Enum<ResourceType>(resourceType, "resource_type"),
            WireMapping.Enum<GuaranteeMode>(guaranteeMode, "guarantee_mode"), WireMapping.Enum<SemverMode>(semverMode, "semver_mode"), tags, serviceId);
}
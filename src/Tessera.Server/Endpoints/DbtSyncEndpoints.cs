using System.Text.Json;

using Microsoft.AspNetCore.Http.Features;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Ingestion.Dbt;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

/// <summary>
/// The dbt importer (api.md §2.10): upload, impact and diff of a <c>manifest.json</c>, admin scope. The body is read
/// here rather than bound, so the routes can take manifests up to MAX_DBT_MANIFEST_BYTES (the server's body limit
/// is sized for one contract) and hand the manifest's JSON text to the importer without building it twice.
/// </summary>
public static class DbtSyncEndpoints
{
    public static RouteGroupBuilder MapDbtSyncEndpoints(this RouteGroupBuilder api)
    {
        var dbt = api.MapGroup("/sync/dbt").WithTags("Sync").RequireRateLimitTier(RateLimitTier.Admin);
        dbt.MapPost("/upload", UploadAsync).Accepts<DbtSyncUploadRequest>("application/json")
            .Produces<DbtSyncUploadResponse>(StatusCodes.Status200OK).Produces<DbtSyncUploadResponse>(StatusCodes.Status207MultiStatus);
        dbt.MapPost("/impact", ImpactAsync).Accepts<DbtSyncImpactRequest>("application/json").Produces<DbtSyncImpactResponse>();
        dbt.MapPost("/diff", DiffAsync).Accepts<DbtSyncDiffRequest>("application/json").Produces<DbtSyncDiffResponse>();
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, DbtImporter importer, DbtSyncSettings settings, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        caller.Require(ApiScope.Admin);
        using var body = await Body.ReadAsync(http, settings, cancellationToken);
        var request = new DbtUploadRequest(body.Manifest(), body.Guid("owner_team_id"), body.String("conflict_mode"),
            body.Bool("auto_publish_contracts") ?? false, body.Bool("auto_delete") ?? false, body.Bool("auto_create_proposals") ?? false,
            body.Bool("auto_register_consumers") ?? false, body.Bool("infer_consumers_from_refs") ?? true, body.String("environment"));
        var result = await importer.UploadAsync(caller, request, cancellationToken);
        return TypedResults.Json(result, WireJson.Options, statusCode: result.IsPartial ? StatusCodes.Status207MultiStatus : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ImpactAsync(HttpContext http, DbtPreview preview, DbtSyncSettings settings, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        caller.Require(ApiScope.Admin);
        using var body = await Body.ReadAsync(http, settings, cancellationToken);
        var result = await preview.ImpactAsync(caller, body.Manifest(), body.Guid("owner_team_id"), body.String("environment"), cancellationToken);
        return TypedResults.Json(result, WireJson.Options);
    }

    private static async Task<IResult> DiffAsync(HttpContext http, DbtPreview preview, DbtSyncSettings settings, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        caller.Require(ApiScope.Admin);
        using var body = await Body.ReadAsync(http, settings, cancellationToken);
        var result = await preview.DiffAsync(caller, body.Manifest(), body.Bool("fail_on_breaking") ?? true, body.String("environment"), cancellationToken);
        return TypedResults.Json(result, WireJson.Options);
    }

    /// <summary>The JSON body of a dbt route; a field of the wrong kind is a 422 naming it.</summary>
    private sealed class Body(JsonDocument document) : IDisposable
    {
        public static async Task<Body> ReadAsync(HttpContext http, DbtSyncSettings settings, CancellationToken cancellationToken)
        {
            if (!http.Request.HasJsonContentType())
            {
                throw DomainException.Invalid("body", "Unsupported media type: send application/json", "content_type");
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                // The manifest plus the other fields and some whitespace.
                limit.MaxRequestBodySize = settings.MaxManifestBytes + 1_000_000;
            }

            var document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 256 }, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw DomainException.Invalid("body", "The body must be a JSON object", "type_error");
            }

            return new Body(document);
        }

        public string Manifest() =>
            document.RootElement.TryGetProperty("manifest", out var manifest) && manifest.ValueKind == JsonValueKind.Object
                ? manifest.GetRawText()
                : throw DomainException.Invalid("manifest", "manifest is required: the dbt manifest.json as a JSON object",
                    document.RootElement.TryGetProperty("manifest", out var wrong) && wrong.ValueKind != JsonValueKind.Null ? "type_error" : "missing");

        public string? String(string name) => Field(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value when value.GetString() is { } text => text.Contains('\0', StringComparison.Ordinal)
                ? throw DomainException.Invalid(name, $"{name} must not contain NUL characters")
                : text,
            _ => throw DomainException.Invalid(name, $"{name} must be a string", "type_error"),
        };

        public bool? Bool(string name) => Field(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw DomainException.Invalid(name, $"{name} must be true or false", "type_error"),
        };

        public Guid? Guid(string name) => String(name) switch
        {
            null => null,
            var text when System.Guid.TryParse(text, out var id) => id,
            _ => throw DomainException.Invalid(name, $"{name} must be a UUID", "type_error"),
        };

        public void Dispose() => document.Dispose();

        private JsonElement? Field(string name) =>
            document.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }
}
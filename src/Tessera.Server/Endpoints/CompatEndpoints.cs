using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Compat;
using Tessera.Core.Contracts;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

/// <summary>The pre-publish check (api.md §2.19, compatibility.md §5 with its §8 fixes). Read scope; nothing is written.</summary>
public static class CompatEndpoints
{
    /// <summary>
    /// Largest body accepted: <c>spec_content</c> and <c>files</c> may each hold 5,000,000 characters, and JSON escaping can
    /// make a character several bytes.
    /// </summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    public static RouteGroupBuilder MapCompatEndpoints(this RouteGroupBuilder api)
    {
        var compat = api.MapGroup("/compat").WithTags("Compatibility");
        compat.MapPost("/check-compat", CheckAsync).WithMetadata(new BodySizeLimit(MaxBodyBytes)).RequireRateLimitTier(RateLimitTier.Expensive);
        return api;
    }

    private static async Task<JsonObject> CheckAsync(HttpContext http, CheckCompatRequest body, CompatibilityChecker checker,
        [FromQuery(Name = "compatibility_mode_override")] string? compatibilityModeOverride, CancellationToken cancellationToken)
    {
        var request = new CompatCheckRequest(body.SpecContent, body.SpecFormat, body.AssetFqn, body.Operation, body.ServiceName, body.Environment,
            body.Files?.Select(f => new SourceFile(f?.Path ?? "", f?.Content!)).ToList(), body.SchemaName, compatibilityModeOverride, body.SpecPath);
        var outcome = await checker.CheckAsync(http.Caller(), request, cancellationToken);
        return new JsonObject
        {
            ["is_breaking"] = outcome.IsBreaking,
            ["spec_format"] = outcome.SpecFormat,
            ["total_endpoints"] = outcome.TotalEndpoints,
            ["checked"] = outcome.Checked,
            ["new_endpoints"] = outcome.NewEndpoints,
            ["results"] = new JsonArray([.. outcome.Results.Select(r => (JsonNode)new JsonObject
            {
                ["fqn"] = r.Fqn,
                ["operation"] = r.Operation,
                ["asset_id"] = r.AssetId?.ToString(),
                ["is_breaking"] = r.IsBreaking,
                ["change_type"] = r.ChangeType,
                ["unchanged"] = r.Unchanged,
                ["breaking_changes"] = r.BreakingChanges.DeepClone(),
                ["non_breaking_changes"] = r.NonBreakingChanges.DeepClone(),
                ["current_version"] = r.CurrentVersion,
                ["compatibility_mode"] = r.CompatibilityMode,
            })]),
            ["parse_errors"] = new JsonArray([.. outcome.ParseErrors.Select(e => (JsonNode)e)]),
        };
    }

    private sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
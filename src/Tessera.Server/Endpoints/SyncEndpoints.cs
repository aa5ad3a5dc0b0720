using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Metadata;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Ingestion;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

/// <summary>
/// The importers (api.md §2.10, DECISIONS §2): import, impact and diff for OpenAPI, GraphQL, gRPC and Avro. Admin only.
/// Each reads its document into items (Core/Ingestion) and hands them to <see cref="ContractImporter"/>.
/// </summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this RouteGroupBuilder api, TesseraOptions options)
    {
        // Every importer is an admin call (api.md §2.10, RL A).
        var sync = api.MapGroup("/sync").WithTags("Sync").WithMetadata(new BodySizeLimit(options.SyncMaxDocumentBytes * 2L + 1_000_000))
            .RequireRateLimitTier(RateLimitTier.Admin);
        sync.MapPost("/openapi", ImportOpenApiAsync);
        sync.MapPost("/openapi/impact", OpenApiImpactAsync);
        sync.MapPost("/openapi/diff", OpenApiDiffAsync);
        return api;
    }

    // ------------------------------------------------------------------ OpenAPI

    private static async Task<JsonObject> ImportOpenApiAsync(HttpContext http, SyncOpenApiRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        var caller = Admin(http);
        var owner = OwnerTeam(body.OwnerTeamId);
        var set = OpenApi(body, gate, options);
        var result = await importer.ImportAsync(caller, set.Items, Options(owner, body.Environment, body.AutoPublishContracts, body.DryRun), cancellationToken);
        var json = Import(set, result, "endpoints");
        json.Insert(2, "endpoints_found", set.Items.Count);
        return json;
    }

    private static async Task<JsonObject> OpenApiImpactAsync(HttpContext http, SyncOpenApiRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = OpenApi(body, gate, options);
        return Impact(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "endpoints");
    }

    private static async Task<JsonObject> OpenApiDiffAsync(HttpContext http, SyncOpenApiRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = OpenApi(body, gate, options);
        return Diff(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "endpoints", body.FailOnBreaking ?? true);
    }

    private static ImportSet OpenApi(SyncOpenApiRequest body, SchemaGate gate, TesseraOptions options) =>
        OpenApiImport.Read(gate.Engine, DocumentText(body.Spec, "spec", options), body.DefaultGuarantees, ImportNaming.Sync);

    // ------------------------------------------------------------------ shared

    private static Core.Access.Caller Admin(HttpContext http)
    {
        var caller = http.Caller();
        caller.Require(ApiScope.Admin);
        return caller;
    }

    private static Guid OwnerTeam(Guid? ownerTeamId) =>
        ownerTeamId ?? throw DomainException.Invalid("owner_team_id", "owner_team_id is required", "missing");

    private static ImportOptions Options(Guid owner, string? environment, bool? autoPublish, bool? dryRun) =>
        new(owner, environment, autoPublish ?? true, dryRun ?? false);

    /// <summary>A document sent as a JSON object (kept as compact JSON) or as text (JSON or YAML), within SYNC_MAX_DOCUMENT_BYTES.</summary>
    private static string DocumentText(JsonNode? node, string field, TesseraOptions options)
    {
        var text = node switch
        {
            JsonObject obj => StoredJson.Write(obj),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            null => throw DomainException.Invalid(field, $"{field} is required", "missing"),
            _ => throw DomainException.Invalid(field, $"{field} must be a JSON object or a string holding the document", "type_error"),
        };
        return Limited(text, field, options);
    }

    private static string Limited(string text, string field, TesseraOptions options)
    {
        if (text.Trim().Length == 0)
        {
            throw DomainException.Invalid(field, $"{field} must not be empty", "value_error");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(text) > options.SyncMaxDocumentBytes)
        {
            throw DomainException.Invalid(field, $"{field} is larger than SYNC_MAX_DOCUMENT_BYTES ({options.SyncMaxDocumentBytes} bytes)",
                "value_error.document_too_large");
        }

        return text;
    }

    private static JsonObject Import(ImportSet set, ImportResult result, string listName)
    {
        var json = Header(set);
        json["assets_created"] = result.Created;
        json["assets_updated"] = result.Updated;
        json["assets_unchanged"] = result.Unchanged;
        json["metadata_updated"] = result.MetadataUpdated;
        json["assets_skipped"] = result.Errors;
        json["contracts_published"] = result.ContractsPublished;
        json["proposals_created"] = result.ProposalsCreated;
        json["dry_run"] = result.DryRun;
        json[listName] = new JsonArray([.. result.Items.Select(r => (JsonNode)Item(r))]);
        json["parse_errors"] = Strings(set.ParseErrors);
        return json;
    }

    private static JsonObject Item(ImportItemResult r)
    {
        var json = new JsonObject { ["fqn"] = r.Item.Fqn };
        Labels(json, r.Item);
        json["action"] = r.Action.ToWire();
        json["status"] = r.Status;
        json["asset_id"] = r.AssetId?.ToString();
        json["contract_id"] = r.ContractId?.ToString();
        json["proposal_id"] = r.ProposalId?.ToString();
        json["version"] = r.Version;
        json["change_type"] = r.ChangeType?.ToWire();
        json["breaking_changes"] = r.BreakingChanges?.DeepClone() ?? new JsonArray();
        json["error"] = r.Error;
        json["message"] = r.Message;
        json["metadata_updated"] = r.MetadataUpdated;
        return json;
    }

    private static JsonObject Impact(ImportSet set, IReadOnlyList<ImportPreview> previews, string noun)
    {
        var withContracts = previews.Count(p => p.HasContract);
        var breaking = previews.Sum(p => p.BreakingChanges.Count);
        var json = Header(set);
        json["status"] = previews.Any(p => !p.IsCompatible && p.Error is null) ? "breaking_changes_detected" : "success";
        json["total_" + noun] = previews.Count;
        json[noun + "_with_contracts"] = withContracts;
        json["total_items"] = previews.Count;
        json["items_with_contracts"] = withContracts;
        json["breaking_changes_count"] = breaking;
        json["results"] = new JsonArray([.. previews.Select(p =>
        {
            var item = new JsonObject { ["fqn"] = p.Item.Fqn };
            Labels(item, p.Item);
            item["asset_id"] = p.AssetId?.ToString();
            item["has_contract"] = p.HasContract;
            item["safe_to_publish"] = p.IsCompatible && p.Error is null;
            item["change_type"] = p.ChangeType?.ToWire();
            item["breaking_changes"] = p.BreakingChanges.DeepClone();
            item["error"] = p.Error;
            return (JsonNode)item;
        })]);
        json["parse_errors"] = Strings(set.ParseErrors);
        return json;
    }

    private static JsonObject Diff(ImportSet set, IReadOnlyList<ImportPreview> previews, string listName, bool failOnBreaking)
    {
        var items = new JsonArray();
        int created = 0, modified = 0, unchanged = 0, breaking = 0, errors = 0;
        foreach (var p in previews)
        {
            string changeType;
            string? schemaChange;
            if (p.Error is not null)
            {
                errors++;
                changeType = p.AssetId is null ? "new" : "modified";
                schemaChange = null;
            }
            else if (!p.HasContract)
            {
                created++;
                changeType = "new";
                schemaChange = null;
            }
            else if (p.Unchanged)
            {
                unchanged++;
                changeType = "unchanged";
                schemaChange = "none";
            }
            else
            {
                modified++;
                changeType = "modified";
                schemaChange = p.IsCompatible ? "compatible" : "breaking";
                breaking += p.IsCompatible ? 0 : 1;
            }

            var item = new JsonObject { ["fqn"] = p.Item.Fqn };
            Labels(item, p.Item);
            item["asset_id"] = p.AssetId?.ToString();
            item["change_type"] = changeType;
            item["schema_change_type"] = schemaChange;
            item["version_change"] = p.ChangeType?.ToWire();
            item["has_contract"] = p.HasContract;
            item["breaking_changes"] = p.BreakingChanges.DeepClone();
            item["error"] = p.Error;
            items.Add(item);
        }

        var json = Header(set);
        json["status"] = breaking > 0 ? "breaking_changes_detected" : created + modified + errors > 0 ? "changes_detected" : "clean";
        json["summary"] = new JsonObject { ["new"] = created, ["modified"] = modified, ["unchanged"] = unchanged, ["breaking"] = breaking, ["errors"] = errors };
        json["blocking"] = failOnBreaking && breaking + errors > 0;
        json[listName] = items;
        json["parse_errors"] = Strings(set.ParseErrors);
        return json;
    }

    private static JsonObject Header(ImportSet set)
    {
        var json = new JsonObject();
        foreach (var (key, value) in set.Info)
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    private static void Labels(JsonObject json, ImportItem item)
    {
        foreach (var (key, value) in item.Labels)
        {
            json[key] = value?.DeepClone();
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    /// <summary>Lets importer requests exceed the server-wide body limit, up to what SYNC_MAX_DOCUMENT_BYTES allows.</summary>
    private sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
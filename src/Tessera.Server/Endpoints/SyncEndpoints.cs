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
        sync.MapPost("/graphql", ImportGraphQLAsync);
        sync.MapPost("/graphql/impact", GraphQLImpactAsync);
        sync.MapPost("/graphql/diff", GraphQLDiffAsync);
        sync.MapPost("/grpc", ImportGrpcAsync);
        sync.MapPost("/grpc/impact", GrpcImpactAsync);
        sync.MapPost("/grpc/diff", GrpcDiffAsync);
        sync.MapPost("/avro", ImportAvroAsync);
        sync.MapPost("/avro/impact", AvroImpactAsync);
        sync.MapPost("/avro/diff", AvroDiffAsync);
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

    // ------------------------------------------------------------------ GraphQL

    private static async Task<JsonObject> ImportGraphQLAsync(HttpContext http, SyncGraphQLRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        var caller = Admin(http);
        var owner = OwnerTeam(body.OwnerTeamId);
        var set = GraphQL(body, gate, options);
        var result = await importer.ImportAsync(caller, set.Items, Options(owner, body.Environment, body.AutoPublishContracts, body.DryRun), cancellationToken);
        var json = Import(set, result, "operations");
        json.Insert(2, "operations_found", set.Items.Count);
        return json;
    }

    private static async Task<JsonObject> GraphQLImpactAsync(HttpContext http, SyncGraphQLRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = GraphQL(body, gate, options);
        return Impact(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "operations");
    }

    private static async Task<JsonObject> GraphQLDiffAsync(HttpContext http, SyncGraphQLRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = GraphQL(body, gate, options);
        return Diff(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "operations", body.FailOnBreaking ?? true);
    }

    /// <summary><c>introspection</c> (JSON, or JSON text) or <c>sdl</c> (text): exactly one.</summary>
    private static ImportSet GraphQL(SyncGraphQLRequest body, SchemaGate gate, TesseraOptions options)
    {
        if ((body.Introspection is null) == (body.Sdl is null))
        {
            throw DomainException.Invalid(body.Sdl is null ? "introspection" : "sdl",
                "send the schema as introspection (the JSON result of an introspection query) or as sdl (text), exactly one of them",
                body.Sdl is null ? "missing" : "value_error");
        }

        var introspection = body.Introspection is not null;
        var content = introspection ? DocumentText(body.Introspection, "introspection", options) : Limited(body.Sdl!, "sdl", options);
        if (body.SchemaName is { Length: > Schemas.GraphQL.GraphQLFqn.MaxSchemaNameLength } || body.SchemaName is { } name && name.Trim().Length == 0)
        {
            throw DomainException.Invalid("schema_name", $"schema_name must be 1–{Schemas.GraphQL.GraphQLFqn.MaxSchemaNameLength} characters");
        }

        return GraphQLImport.Read(gate.Engine, content, introspection, body.SchemaName, ImportNaming.Sync);
    }

    // ------------------------------------------------------------------ gRPC

    private static async Task<JsonObject> ImportGrpcAsync(HttpContext http, SyncGrpcRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        var caller = Admin(http);
        var owner = OwnerTeam(body.OwnerTeamId);
        var set = Grpc(body, gate, options);
        var result = await importer.ImportAsync(caller, set.Items, Options(owner, body.Environment, body.AutoPublishContracts, body.DryRun), cancellationToken);
        return Import(set, result, "methods");
    }

    private static async Task<JsonObject> GrpcImpactAsync(HttpContext http, SyncGrpcRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = Grpc(body, gate, options);
        return Impact(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "methods");
    }

    private static async Task<JsonObject> GrpcDiffAsync(HttpContext http, SyncGrpcRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = Grpc(body, gate, options);
        return Diff(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "methods", body.FailOnBreaking ?? true);
    }

    /// <summary>Most files one package may hold.</summary>
    private const int MaxProtoFiles = 1000;

    /// <summary><c>proto_content</c> (one file) or <c>files</c> (relative paths, unique, no <c>..</c>): exactly one.</summary>
    private static ImportSet Grpc(SyncGrpcRequest body, SchemaGate gate, TesseraOptions options)
    {
        if ((body.ProtoContent is null) == (body.Files is null))
        {
            throw DomainException.Invalid(body.ProtoContent is null ? "proto_content" : "files",
                "send proto_content (one .proto file) or files ([{path, content}], a package with imports), exactly one of them",
                body.ProtoContent is null ? "missing" : "value_error");
        }

        if (body.ProtoContent is { } single)
        {
            return GrpcImport.Read(gate.Engine, Limited(single, "proto_content", options), null, ImportNaming.Sync);
        }

        var files = body.Files!;
        if (files.Count is 0 or > MaxProtoFiles)
        {
            throw DomainException.Invalid("files", $"files must hold 1–{MaxProtoFiles} entries");
        }

        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var path = files[i]?.Path?.Replace('\\', '/');
            var field = $"files[{i}]";
            if (string.IsNullOrWhiteSpace(path) || path.Length > 500 || path.StartsWith('/') || path.Split('/').Any(p => p is ".." or "" or ".")
                || !path.EndsWith(".proto", StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
            {
                errors.Add(new FieldError(field + ".path", "path must be a relative .proto path of at most 500 characters, without '..', '.', empty segments or ':'", "value_error"));
            }
            else if (!seen.Add(path))
            {
                errors.Add(new FieldError(field + ".path", $"the path '{path}' appears twice", "value_error"));
            }

            if (files[i]?.Content is not { } content)
            {
                errors.Add(new FieldError(field + ".content", "content is required", "missing"));
            }
            else
            {
                total += System.Text.Encoding.UTF8.GetByteCount(content);
            }
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        if (total > options.SyncMaxDocumentBytes)
        {
            throw DomainException.Invalid("files", $"files are larger than SYNC_MAX_DOCUMENT_BYTES ({options.SyncMaxDocumentBytes} bytes) together",
                "value_error.document_too_large");
        }

        var sources = files.Select(f => new SourceFile(f!.Path!.Replace('\\', '/'), f.Content!)).ToList();
        return GrpcImport.Read(gate.Engine, null, sources, ImportNaming.Sync);
    }

    // ------------------------------------------------------------------ Avro

    private static async Task<JsonObject> ImportAvroAsync(HttpContext http, SyncAvroRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        var caller = Admin(http);
        var owner = OwnerTeam(body.OwnerTeamId);
        var set = Avro(body, gate, options);
        var result = await importer.ImportAsync(caller, set.Items, Options(owner, body.Environment, body.AutoPublishContracts, body.DryRun), cancellationToken);
        var json = Import(set, result, "schemas");
        json.Insert(0, "schemas_found", set.Items.Count);
        return json;
    }

    private static async Task<JsonObject> AvroImpactAsync(HttpContext http, SyncAvroRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = Avro(body, gate, options);
        return Impact(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "schemas");
    }

    private static async Task<JsonObject> AvroDiffAsync(HttpContext http, SyncAvroRequest body, ContractImporter importer, SchemaGate gate,
        TesseraOptions options, CancellationToken cancellationToken)
    {
        Admin(http);
        var set = Avro(body, gate, options);
        return Diff(set, await importer.PreviewAsync(set.Items, body.Environment, cancellationToken), "schemas", body.FailOnBreaking ?? true);
    }

    /// <summary>Most schemas one request may hold.</summary>
    private const int MaxAvroSchemas = 1000;

    /// <summary><c>schemas</c>: 1–1000 entries, each an .avsc JSON object (or its text).</summary>
    private static ImportSet Avro(SyncAvroRequest body, SchemaGate gate, TesseraOptions options)
    {
        if (body.Schemas is not { Count: > 0 and <= MaxAvroSchemas } schemas)
        {
            throw DomainException.Invalid("schemas", $"schemas must hold 1–{MaxAvroSchemas} Avro schemas", body.Schemas is null ? "missing" : "value_error");
        }

        var texts = new List<string>();
        long total = 0;
        for (var i = 0; i < schemas.Count; i++)
        {
            var text = DocumentText(schemas[i], $"schemas[{i}]", options);
            total += System.Text.Encoding.UTF8.GetByteCount(text);
            texts.Add(text);
        }

        if (total > options.SyncMaxDocumentBytes)
        {
            throw DomainException.Invalid("schemas", $"schemas are larger than SYNC_MAX_DOCUMENT_BYTES ({options.SyncMaxDocumentBytes} bytes) together",
                "value_error.document_too_large");
        }

        return AvroImport.Read(gate.Engine, texts, ImportNaming.Sync);
    }

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
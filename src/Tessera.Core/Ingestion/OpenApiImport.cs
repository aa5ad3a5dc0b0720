using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Schemas;
using Tessera.Schemas.OpenApi;

namespace Tessera.Core.Ingestion;

/// <summary>
/// OpenAPI 3.x and Swagger 2.0 documents as import items (compatibility.md §4.1 with its §8 fixes): one
/// <c>api_endpoint</c> asset per operation, the contract being the operation itself, judged by the OpenAPI comparer
/// (parameters, bodies, every response code, security), with the combined JSON Schema view as <c>schema_def</c>.
/// </summary>
public static class OpenApiImport
{
    /// <summary>Reads <paramref name="content"/> (JSON or YAML). Throws 400 <c>INVALID_OPENAPI_SPEC</c> when it is not an OpenAPI document.</summary>
    public static ImportSet Read(SchemaEngine engine, string content, JsonObject? defaultGuarantees, ImportNaming naming)
    {
        OpenApiDocument document;
        try
        {
            var source = new SchemaSource(content, content.TrimStart().StartsWith('{') ? "openapi.json" : "openapi.yaml");
            document = engine.Parse(source, SchemaFormat.OpenApi) as OpenApiDocument
                ?? throw new SchemaParseException("The document is not an OpenAPI document.");
        }
        catch (SchemaParseException e)
        {
            throw ImportJson.Invalid(ErrorCodes.InvalidOpenApiSpec, "Invalid OpenAPI spec", e);
        }

        var imported = new ImportDocument(StoredSchemaFormat.Openapi, content, document);
        var items = new List<ImportItem>();
        var errors = new List<string>();
        foreach (var operation in document.Operations)
        {
            items.Add(Item(document, imported, operation, defaultGuarantees, naming, errors));
        }

        var info = new JsonObject
        {
            ["api_title"] = document.Title,
            ["api_version"] = document.ApiVersion,
            ["openapi_version"] = document.Version switch
            {
                OpenApiVersion.Swagger20 => "2.0",
                OpenApiVersion.OpenApi30 => "3.0",
                _ => "3.1",
            },
        };
        return new ImportSet(items, errors, info);
    }

    private static ImportItem Item(OpenApiDocument document, ImportDocument imported, OpenApiOperation operation, JsonObject? defaultGuarantees,
        ImportNaming naming, List<string> errors)
    {
        var selector = operation.DisplayName;
        var operationJson = ImportJson.Resolve(document.Root, operation.Pointer.StartsWith('#') ? operation.Pointer : "#" + operation.Pointer) as JsonObject;
        string fqn;
        string? error = null;
        try
        {
            fqn = naming.OpenApi(document, operation);
        }
        catch (ArgumentException e)
        {
            fqn = selector;
            error = e.Message;
            errors.Add($"{selector}: {e.Message}");
        }

        var explicitGuarantees = Explicit(operationJson?["x-tessera"] as JsonObject);
        var metadata = new JsonObject
        {
            ["openapi_source"] = new JsonObject
            {
                ["api_title"] = document.Title,
                ["api_version"] = document.ApiVersion,
                ["path"] = operation.PathTemplate,
                ["method"] = operation.Method,
                ["operation_id"] = operation.OperationId,
                ["summary"] = operation.Summary,
                ["description"] = operation.Description,
                ["tags"] = new JsonArray([.. operation.Tags.Select(t => (JsonNode)t)]),
                ["deprecated"] = operation.Deprecated,
            },
            ["sync_source"] = "openapi",
        };
        return new ImportItem(imported, fqn, selector, () => document.Select(selector), () => OpenApiJsonSchemaView.Operation(document, operation))
        {
            ResourceType = ResourceType.ApiEndpoint,
            Description = operation.Summary ?? operation.Description,
            Metadata = metadata,
            Tags = operation.Tags,
            Guarantees = ImportJson.MergeGuarantees(defaultGuarantees, InferredNullability(document, operation), explicitGuarantees),
            Labels = new JsonObject { ["path"] = operation.PathTemplate, ["method"] = operation.Method },
            Error = error,
        };
    }

    /// <summary>The operation's <c>x-tessera</c> keys that are guarantees: freshness, volume, custom, nullability, accepted_values.</summary>
    private static JsonObject? Explicit(JsonObject? extension)
    {
        if (extension is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var key in new[] { "freshness", "volume", "custom", "nullability", "accepted_values" })
        {
            if (extension[key] is { } value)
            {
                result[key] = value.DeepClone();
            }
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// <c>{nullability: {name: "never"}}</c> for the top-level properties of the first success response's body that are
    /// required and not <c>nullable: true</c>, or <c>nullable: false</c>: what clients can count on being present.
    /// Request properties are not guarantees (the original mixed both into one map, compatibility.md §8.18).
    /// </summary>
    private static JsonObject? InferredNullability(OpenApiDocument document, OpenApiOperation operation)
    {
        var response = operation.Responses.FirstOrDefault(r => r.Status.StartsWith('2') && r.Content.Count > 0);
        var media = response is null ? null
            : response.Content.FirstOrDefault(m => m.Name == "application/json")
              ?? response.Content.FirstOrDefault(m => m.Name.Contains("json", StringComparison.Ordinal))
              ?? response.Content[0];
        if (ImportJson.Deref(document.Root, media?.Schema) is not JsonObject schema || schema["properties"] is not JsonObject properties)
        {
            return null;
        }

        var required = (schema["required"] as JsonArray)?.Select(ImportJson.Text).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var nullability = new JsonObject();
        foreach (var (name, property) in properties)
        {
            var resolved = ImportJson.Deref(document.Root, property) as JsonObject;
            var nullable = resolved?["nullable"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : (bool?)null;
            var typeAllowsNull = resolved?["type"] is JsonArray types && types.Any(t => ImportJson.Text(t) == "null");
            if ((required.Contains(name) && nullable != true && !typeAllowsNull) || nullable == false)
            {
                nullability[name] = "never";
            }
        }

        return nullability.Count == 0 ? null : new JsonObject { ["nullability"] = nullability };
    }
}
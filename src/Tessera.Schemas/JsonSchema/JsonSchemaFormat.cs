using System.Text.Json.Nodes;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.JsonSchema;

/// <summary>JSON Schema (any draft) as a data contract: producers write, consumers read.</summary>
public sealed class JsonSchemaFormat : ISchemaFormat
{
    public SchemaFormat Format => SchemaFormat.JsonSchema;

    public IReadOnlyList<Rule> Rules => JsonSchemaRules.All;

    /// <summary>None: .json and .yaml are shared with OpenAPI, Avro and dbt, so detection goes by content.</summary>
    public IReadOnlyList<string> Extensions => [];

    public int Detect(SchemaSource source, JsonNode? tree)
    {
        if (tree is not JsonObject obj)
        {
            return tree is JsonValue v && JsonValues.TryBool(v, out _) ? 20 : 0;
        }

        if (obj.ContainsKey("openapi") || obj.ContainsKey("swagger") || obj.ContainsKey("__schema")
            || (obj.ContainsKey("nodes") && obj.ContainsKey("metadata"))
            || (obj["data"] is JsonObject data && data.ContainsKey("__schema"))
            || (JsonValues.AsString(obj["type"]) is "record" or "enum" or "fixed" && (obj.ContainsKey("fields") || obj.ContainsKey("symbols") || obj.ContainsKey("size"))))
        {
            return 0;
        }

        if (JsonValues.AsString(obj["$schema"]) is { } schema && schema.Contains("json-schema", StringComparison.OrdinalIgnoreCase))
        {
            return 95;
        }

        if (obj.ContainsKey("$schema"))
        {
            return 80;
        }

        return obj.ContainsKey("type") || obj.ContainsKey("properties") || obj.ContainsKey("$defs") || obj.ContainsKey("definitions")
            || obj.ContainsKey("allOf") || obj.ContainsKey("anyOf") || obj.ContainsKey("oneOf") || obj.ContainsKey("$ref")
            ? 40
            : 0;
    }

    public SchemaDocument Parse(SchemaSource source, SchemaLimits limits)
    {
        var tree = StructuredText.Parse(source.Content, limits, source.Name);
        if (tree is JsonObject || (tree is JsonValue value && JsonValues.TryBool(value, out _)))
        {
            return new JsonSchemaDocument(source, tree);
        }

        throw new SchemaParseException(
            $"A JSON Schema must be an object or a boolean, not {(tree is JsonArray ? "an array" : "a " + JsonValues.TypeOf(tree))}.",
            new SourceLocation(source.DisplayName, Pointer: "/"));
    }

    public IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits) =>
        JsonSchemaComparer.Compare(Root(oldDocument), Root(newDocument), new JsonSchemaCompareOptions { Limits = limits });

    /// <summary>The document itself; a boolean root becomes <c>{}</c> (true) or <c>{"not": {}}</c> (false).</summary>
    public JsonObject ToJsonSchema(SchemaDocument document) => Root(document) switch
    {
        JsonObject obj => obj.DeepClone().AsObject(),
        JsonValue value when JsonValues.TryBool(value, out var b) && !b => new JsonObject { ["not"] = new JsonObject() },
        _ => new JsonObject(),
    };

    private static JsonNode Root(SchemaDocument document) => document is JsonSchemaDocument json
        ? json.Root
        : throw new ArgumentException($"Expected a JSON Schema document, got {document.Format.ToWire()}.", nameof(document));
}
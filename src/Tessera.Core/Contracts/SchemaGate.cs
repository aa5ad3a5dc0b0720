using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Schemas;

namespace Tessera.Core.Contracts;

/// <summary>Size limits on submitted schemas (MAX_SCHEMA_SIZE_BYTES, MAX_SCHEMA_PROPERTIES, MAX_SCHEMA_NESTING_DEPTH).</summary>
public sealed record SchemaLimitsOptions(int MaxSizeBytes = 1_000_000, int MaxProperties = 1000, int MaxNestingDepth = 10);

/// <summary>
/// Checks a submitted schema before anything is judged: a JSON object within the size limits (422), that the
/// engine can parse in its format (400 <c>INVALID_SCHEMA</c>). Walks iteratively, so depth cannot blow the stack.
/// </summary>
public sealed class SchemaGate(SchemaLimitsOptions limits)
{
    public SchemaEngine Engine { get; } = new();

    public SchemaLimitsOptions Limits => limits;

    /// <summary>Validates <paramref name="schema"/> and parses it; returns the parsed document and its JSON Schema view.</summary>
    public (SchemaDocument Document, JsonObject View, string Text) Admit(JsonNode? schema, StoredSchemaFormat format, string field = "schema")
    {
        if (schema is not JsonObject root)
        {
            throw DomainException.Invalid(field, "schema must be a JSON object", schema is null ? "missing" : "type_error");
        }

        if (format is not (StoredSchemaFormat.JsonSchema or StoredSchemaFormat.Avro))
        {
            throw DomainException.Invalid("schema_format",
                $"schema_format '{format.ToWire()}' cannot be published by hand: use json_schema or avro, or import the document with POST /api/v1/sync/{SyncPath(format)}",
                "enum");
        }

        var text = StoredJson.Write(root);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxSizeBytes)
        {
            throw DomainException.Invalid(field, $"schema is larger than {limits.MaxSizeBytes} bytes", "value_error.schema_too_large");
        }

        CheckShape(root, field);
        if (format == StoredSchemaFormat.JsonSchema && JsonSchemaShape.Check(root) is { Count: > 0 } problems)
        {
            throw DomainException.Bad(ErrorCodes.InvalidSchema, "Invalid JSON Schema: " + problems[0],
                new Dictionary<string, object?> { ["errors"] = new JsonArray([.. problems.Select(p => (JsonNode)p)]), ["schema_format"] = "json_schema" });
        }

        var engineFormat = format == StoredSchemaFormat.Avro ? SchemaFormat.Avro : SchemaFormat.JsonSchema;
        if (!SchemaEngine.IsSupported(engineFormat))
        {
            throw DomainException.Bad(ErrorCodes.InvalidSchema, $"The schema format '{format.ToWire()}' is not supported by this server yet");
        }

        try
        {
            var document = Engine.Parse(new SchemaSource(text, format == StoredSchemaFormat.Avro ? "schema.avsc" : "schema.json"), engineFormat);
            var view = format == StoredSchemaFormat.Avro ? SchemaEngine.Get(engineFormat).ToJsonSchema(document) : root;
            return (document, view, text);
        }
        catch (SchemaParseException e)
        {
            var details = new Dictionary<string, object?> { ["errors"] = new JsonArray(e.Message), ["schema_format"] = format.ToWire() };
            if (e.Location?.Pointer is { } pointer)
            {
                details["path"] = pointer;
            }

            throw DomainException.Bad(ErrorCodes.InvalidSchema, "Invalid schema: " + e.Message, details);
        }
    }

    private static string SyncPath(StoredSchemaFormat format) => format switch
    {
        StoredSchemaFormat.Protobuf => "grpc",
        StoredSchemaFormat.Dbt => "dbt/upload",
        _ => format.ToWire(),
    };

    /// <summary>Parses a stored document for comparison (trusted: it was admitted once).</summary>
    public SchemaDocument Load(string text, StoredSchemaFormat format)
    {
        var engineFormat = format == StoredSchemaFormat.Avro ? SchemaFormat.Avro : SchemaFormat.JsonSchema;
        return Engine.Parse(new SchemaSource(text, format == StoredSchemaFormat.Avro ? "schema.avsc" : "schema.json"), engineFormat);
    }

    private void CheckShape(JsonObject root, string field)
    {
        var properties = 0;
        var stack = new Stack<(JsonNode Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (node is JsonArray array)
            {
                foreach (var child in array.OfType<JsonNode>())
                {
                    stack.Push((child, depth));
                }

                continue;
            }

            if (node is not JsonObject obj)
            {
                continue;
            }

            foreach (var (key, child) in obj)
            {
                if (key == "properties" && child is JsonObject props)
                {
                    properties += props.Count;
                    if (properties > limits.MaxProperties)
                    {
                        throw DomainException.Invalid(field, $"schema has more than {limits.MaxProperties} properties", "value_error.schema_too_many_properties");
                    }

                    foreach (var property in props.Select(p => p.Value).OfType<JsonObject>())
                    {
                        if (depth + 1 > limits.MaxNestingDepth)
                        {
                            throw DomainException.Invalid(field, $"schema nests objects deeper than {limits.MaxNestingDepth} levels", "value_error.schema_too_deep");
                        }

                        stack.Push((property, depth + 1));
                    }
                }
                else if (child is JsonObject or JsonArray)
                {
                    stack.Push((child, depth));
                }
            }
        }
    }
}
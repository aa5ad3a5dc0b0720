using System.Text.Json.Nodes;

namespace Tessera.Schemas.Avro;

/// <summary>
/// The JSON Schema view of an Avro document (compatibility.md §4.4 with the §8.21 fixes): every named type other
/// than the root lives in <c>$defs</c> under its full name and is used through <c>$ref</c> (the root through
/// <c>#</c>), so reuse and recursion work; <c>x-avro-type</c> keeps int/long and float/double apart; aliases are
/// kept as <c>x-avro-aliases</c>; decimal applies to bytes and fixed.
/// </summary>
internal static class AvroJsonSchemaWriter
{
    private const string DecimalPattern = @"^-?\d+(\.\d+)?$";

    public static JsonObject Write(AvroDocument document)
    {
        var rootNamed = document.Root as AvroNamedSchema;
        var result = rootNamed is not null ? Body(rootNamed, rootNamed) : Convert(document.Root, null);
        var defs = new JsonObject();
        foreach (var named in document.NamedTypes)
        {
            if (!ReferenceEquals(named, rootNamed))
            {
                defs[named.FullName] = Body(named, rootNamed);
            }
        }

        if (defs.Count > 0)
        {
            result["$defs"] = defs;
        }

        return result;
    }

    private static JsonObject Convert(AvroSchema type, AvroNamedSchema? root) => type switch
    {
        AvroNamedSchema named => new JsonObject { ["$ref"] = ReferenceEquals(named, root) ? "#" : "#/$defs/" + named.FullName },
        AvroArray array => new JsonObject { ["type"] = "array", ["items"] = Convert(array.Items, root) },
        AvroMap map => new JsonObject { ["type"] = "object", ["additionalProperties"] = Convert(map.Values, root) },
        AvroUnion union => Union(union, root),
        _ => Primitive(type),
    };

    private static JsonObject Union(AvroUnion union, AvroNamedSchema? root)
    {
        IEnumerable<AvroSchema> branches = union.Branches;
        if (union.Branches.Count == 2 && union.Branches.Count(b => b.Kind == "null") == 1)
        {
            branches = union.Branches.OrderBy(b => b.Kind == "null" ? 0 : 1);
        }

        return new JsonObject { ["anyOf"] = new JsonArray([.. branches.Select(b => (JsonNode)Convert(b, root))]) };
    }

    private static JsonObject Primitive(AvroSchema type)
    {
        var schema = type.Kind switch
        {
            "null" => new JsonObject { ["type"] = "null" },
            "boolean" => new JsonObject { ["type"] = "boolean" },
            "int" or "long" => new JsonObject { ["type"] = "integer" },
            "float" or "double" => new JsonObject { ["type"] = "number" },
            "bytes" => new JsonObject { ["type"] = "string", ["contentEncoding"] = "base64" },
            _ => new JsonObject { ["type"] = "string" },
        };
        schema["x-avro-type"] = type.Kind;
        ApplyLogicalType(schema, type.LogicalType);
        return schema;
    }

    private static void ApplyLogicalType(JsonObject schema, AvroLogicalType? logical)
    {
        if (logical is null)
        {
            return;
        }

        schema["x-avro-logical-type"] = logical.Name;
        switch (logical.Name)
        {
            case "date":
                schema["format"] = "date";
                break;
            case "time-millis" or "time-micros":
                schema["format"] = "time";
                break;
            case "timestamp-millis" or "timestamp-micros" or "timestamp-nanos"
                or "local-timestamp-millis" or "local-timestamp-micros" or "local-timestamp-nanos":
                schema["format"] = "date-time";
                break;
            case "uuid":
                schema["format"] = "uuid";
                break;
            case "duration":
                schema["format"] = "duration";
                break;
            case "decimal":
                schema["type"] = "string";
                schema.Remove("contentEncoding");
                schema.Remove("minLength");
                schema.Remove("maxLength");
                schema["pattern"] = DecimalPattern;
                schema["x-avro-precision"] = logical.Precision;
                schema["x-avro-scale"] = logical.Scale ?? 0;
                break;
        }
    }

    private static JsonObject Body(AvroNamedSchema named, AvroNamedSchema? root)
    {
        JsonObject schema;
        switch (named)
        {
            case AvroRecord record:
                schema = new JsonObject { ["type"] = "object" };
                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var field in record.Fields)
                {
                    var property = Convert(field.Type, root);
                    if (field.Doc is not null)
                    {
                        property["description"] = field.Doc;
                    }

                    if (field.HasDefault)
                    {
                        property["default"] = field.Default?.DeepClone();
                    }

                    if (field.Aliases.Count > 0)
                    {
                        property["x-avro-aliases"] = new JsonArray([.. field.Aliases.Select(a => (JsonNode)a)]);
                    }

                    properties[field.Name] = property;
                    var nullable = field.Type is AvroUnion union && union.Branches.Any(b => b.Kind == "null");
                    if (!nullable && !field.HasDefault)
                    {
                        required.Add(field.Name);
                    }
                }

                schema["properties"] = properties;
                if (required.Count > 0)
                {
                    schema["required"] = required;
                }

                break;
            case AvroEnum enumType:
                schema = new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray([.. enumType.Symbols.Select(s => (JsonNode)s)]),
                };
                if (enumType.Default is not null)
                {
                    schema["default"] = enumType.Default;
                }

                break;
            case AvroFixed fixedType:
                schema = new JsonObject
                {
                    ["type"] = "string",
                    ["contentEncoding"] = "base64",
                    ["minLength"] = fixedType.Size,
                    ["maxLength"] = fixedType.Size,
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(named), named.Kind, "Not a named Avro type.");
        }

        if (named.Doc is not null)
        {
            schema["description"] = named.Doc;
        }

        schema["x-avro-type"] = named.Kind;
        schema["x-avro-name"] = named.FullName;
        if (named.Aliases.Count > 0)
        {
            schema["x-avro-aliases"] = new JsonArray([.. named.Aliases.Select(a => (JsonNode)a)]);
        }

        if (named is AvroFixed)
        {
            ApplyLogicalType(schema, named.LogicalType);
        }

        return schema;
    }
}
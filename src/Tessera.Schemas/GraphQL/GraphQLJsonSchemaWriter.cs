using System.Text.Json.Nodes;

namespace Tessera.Schemas.GraphQL;

/// <summary>
/// The JSON Schema view of a GraphQL schema (compatibility.md §4.2 with the §8.19 fixes): one <c>$defs</c> entry
/// per named object, interface, input, union and enum type, referenced with <c>$ref</c> (so recursive types stay
/// finite); non-null on list items is kept; nullable positions allow <c>null</c>; arguments and default values
/// are kept; deprecation is marked; subscriptions are included.
/// </summary>
public static class GraphQLJsonSchemaWriter
{
    private const string DefsPrefix = "#/$defs/";

    /// <summary>
    /// The whole document: <c>{type: object, properties: {query, mutation, subscription}, $defs}</c>, each root
    /// property a <c>$ref</c> to its root type.
    /// </summary>
    public static JsonObject Write(GraphQLSchemaDocument document)
    {
        var properties = new JsonObject();
        foreach (var operation in new[] { "query", "mutation", "subscription" })
        {
            if (document.RootType(operation) is { } root)
            {
                properties[operation] = Ref(root);
            }
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
        };
        if (!string.IsNullOrEmpty(document.Description))
        {
            schema["description"] = document.Description;
        }

        schema["properties"] = properties;
        schema["$defs"] = Definitions(document, document.Types.Values.Where(t => t.Kind != GraphQLTypeKind.Scalar).Select(t => t.Name));
        return schema;
    }

    /// <summary>
    /// The contract schema of one operation: <c>{type: object, properties: {arguments: {...}, response: ...},
    /// required: [arguments when some argument is required, response], $defs}</c> with only the types it uses.
    /// </summary>
    public static JsonObject Operation(GraphQLSchemaDocument document, GraphQLFieldDef field)
    {
        var arguments = Arguments(document, field.Arguments);
        var required = new JsonArray();
        if (field.Arguments.Any(a => a.IsRequired))
        {
            required.Add("arguments");
        }

        required.Add("response");
        var used = UsedTypes(document, [field.Type.NamedType, .. field.Arguments.Select(a => a.Type.NamedType)]);
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["arguments"] = arguments,
                ["response"] = TypeSchema(document, field.Type),
            },
            ["required"] = required,
        };
        if (used.Count > 0)
        {
            schema["$defs"] = Definitions(document, used);
        }

        return schema;
    }

    /// <summary>The JSON Schema of a type reference in context (scalars inline, named types as <c>$ref</c>).</summary>
    public static JsonObject TypeSchema(GraphQLSchemaDocument document, GraphQLTypeRef type)
    {
        if (type.IsNonNull)
        {
            return NonNullSchema(document, type.OfType!);
        }

        var inner = NonNullSchema(document, type);
        if (inner.Count <= 2 && inner["type"] is JsonValue t && t.TryGetValue<string>(out var typeName) && (inner.Count == 1 || inner.ContainsKey("format")))
        {
            inner["type"] = new JsonArray(typeName, "null");
            return inner;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(inner, new JsonObject { ["type"] = "null" }) };
    }

    /// <summary>The JSON Schema of a scalar per the §4.2 table (unknown custom scalars are strings).</summary>
    public static JsonObject ScalarSchema(string name) => name switch
    {
        "String" or "ID" => new JsonObject { ["type"] = "string" },
        "Int" or "BigInt" => new JsonObject { ["type"] = "integer" },
        "Float" or "Decimal" => new JsonObject { ["type"] = "number" },
        "Boolean" => new JsonObject { ["type"] = "boolean" },
        "DateTime" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        "Date" => new JsonObject { ["type"] = "string", ["format"] = "date" },
        "Time" => new JsonObject { ["type"] = "string", ["format"] = "time" },
        "UUID" => new JsonObject { ["type"] = "string", ["format"] = "uuid" },
        "URL" => new JsonObject { ["type"] = "string", ["format"] = "uri" },
        "Email" => new JsonObject { ["type"] = "string", ["format"] = "email" },
        "JSON" or "JSONObject" => new JsonObject { ["type"] = "object" },
        _ => new JsonObject { ["type"] = "string" },
    };

    /// <summary><c>{type: object, properties: {arg: schema}, required?: [required args]}</c>.</summary>
    public static JsonObject Arguments(GraphQLSchemaDocument document, IReadOnlyList<GraphQLInputValueDef> arguments)
    {
        var properties = new JsonObject();
        foreach (var argument in arguments)
        {
            properties[argument.Name] = InputValueSchema(document, argument);
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = arguments.Where(a => a.IsRequired).Select(a => (JsonNode)a.Name).ToArray();
        if (required.Length > 0)
        {
            result["required"] = new JsonArray(required);
        }

        return result;
    }

    private static JsonObject NonNullSchema(GraphQLSchemaDocument document, GraphQLTypeRef type)
    {
        if (type.IsList)
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(document, type.OfType!) };
        }

        var named = document.Find(type.Name!);
        return named is null || named.Kind == GraphQLTypeKind.Scalar ? ScalarSchema(type.Name!) : Ref(type.Name!);
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = DefsPrefix + name };

    private static JsonObject InputValueSchema(GraphQLSchemaDocument document, GraphQLInputValueDef value)
    {
        var schema = TypeSchema(document, value.Type);
        if (!string.IsNullOrEmpty(value.Description))
        {
            schema["description"] = value.Description;
        }

        if (value.DefaultValue is not null)
        {
            schema["default"] = value.DefaultJson?.DeepClone();
        }

        AddDeprecation(schema, value.Deprecation);
        return schema;
    }

    private static void AddDeprecation(JsonObject schema, GraphQLDeprecation? deprecation)
    {
        if (deprecation is not null)
        {
            schema["deprecated"] = true;
            schema["x-deprecation-reason"] = deprecation.Reason;
        }
    }

    /// <summary>Every non-scalar named type reachable from <paramref name="roots"/> through fields, arguments, input fields and members.</summary>
    private static List<string> UsedTypes(GraphQLSchemaDocument document, IEnumerable<string> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(roots);
        while (queue.TryDequeue(out var name))
        {
            if (document.Find(name) is not { } type || type.Kind == GraphQLTypeKind.Scalar || !seen.Add(name))
            {
                continue;
            }

            foreach (var field in type.Fields)
            {
                queue.Enqueue(field.Type.NamedType);
                foreach (var argument in field.Arguments)
                {
                    queue.Enqueue(argument.Type.NamedType);
                }
            }

            foreach (var field in type.InputFields)
            {
                queue.Enqueue(field.Type.NamedType);
            }

            foreach (var member in type.PossibleTypes)
            {
                queue.Enqueue(member);
            }
        }

        return [.. seen.Order(StringComparer.Ordinal)];
    }

    private static JsonObject Definitions(GraphQLSchemaDocument document, IEnumerable<string> names)
    {
        var defs = new JsonObject();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (document.Find(name) is { } type)
            {
                defs[name] = Definition(document, type);
            }
        }

        return defs;
    }

    private static JsonObject Definition(GraphQLSchemaDocument document, GraphQLTypeDef type)
    {
        var schema = new JsonObject();
        if (!string.IsNullOrEmpty(type.Description))
        {
            schema["description"] = type.Description;
        }

        switch (type.Kind)
        {
            case GraphQLTypeKind.Object or GraphQLTypeKind.Interface:
                schema["type"] = "object";
                schema["x-graphql-kind"] = type.Kind.ToWire();
                var properties = new JsonObject();
                foreach (var field in type.Fields)
                {
                    var property = TypeSchema(document, field.Type);
                    if (!string.IsNullOrEmpty(field.Description))
                    {
                        property["description"] = field.Description;
                    }

                    if (field.Arguments.Count > 0)
                    {
                        property["x-graphql-arguments"] = Arguments(document, field.Arguments);
                    }

                    AddDeprecation(property, field.Deprecation);
                    properties[field.Name] = property;
                }

                schema["properties"] = properties;
                AddRequired(schema, type.Fields.Where(f => f.Type.IsNonNull).Select(f => f.Name));
                if (type.Interfaces.Count > 0)
                {
                    schema["x-graphql-interfaces"] = new JsonArray([.. type.Interfaces.Order(StringComparer.Ordinal).Select(i => (JsonNode)i)]);
                }

                break;
            case GraphQLTypeKind.InputObject:
                schema["type"] = "object";
                schema["x-graphql-kind"] = type.Kind.ToWire();
                var inputs = new JsonObject();
                foreach (var field in type.InputFields)
                {
                    inputs[field.Name] = InputValueSchema(document, field);
                }

                schema["properties"] = inputs;
                AddRequired(schema, type.InputFields.Where(f => f.IsRequired).Select(f => f.Name));
                schema["additionalProperties"] = false;
                break;
            case GraphQLTypeKind.Enum:
                schema["type"] = "string";
                schema["enum"] = new JsonArray([.. type.EnumValues.Select(v => (JsonNode)v.Name)]);
                var deprecated = type.EnumValues.Where(v => v.Deprecation is not null).Select(v => (JsonNode)v.Name).ToArray();
                if (deprecated.Length > 0)
                {
                    schema["x-deprecated-values"] = new JsonArray(deprecated);
                }

                break;
            case GraphQLTypeKind.Union:
                schema["x-graphql-kind"] = type.Kind.ToWire();
                schema["anyOf"] = new JsonArray([.. type.PossibleTypes.Order(StringComparer.Ordinal).Select(m => (JsonNode)Ref(m))]);
                break;
            default:
                foreach (var (key, value) in ScalarSchema(type.Name))
                {
                    schema[key] = value?.DeepClone();
                }

                break;
        }

        return schema;
    }

    private static void AddRequired(JsonObject schema, IEnumerable<string> names)
    {
        var required = names.Select(n => (JsonNode)n).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }
    }
}
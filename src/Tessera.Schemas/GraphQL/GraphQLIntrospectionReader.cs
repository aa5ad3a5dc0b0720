using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.GraphQL;

/// <summary>
/// Reads an introspection result (<c>{__schema}</c>, <c>{data:{__schema}}</c>, or a bare schema with <c>types</c>
/// and <c>queryType</c>) into <see cref="GraphQLSchemaDocument"/>.
/// </summary>
internal sealed class GraphQLIntrospectionReader
{
    private readonly SchemaSource _source;
    private readonly SchemaLimits _limits;
    private readonly GraphQLSchemaDocument _document;
    private readonly Dictionary<string, SourceLocation> _places = new(StringComparer.Ordinal);

    private GraphQLIntrospectionReader(SchemaSource source, SchemaLimits limits)
    {
        _source = source;
        _limits = limits;
        _document = new GraphQLSchemaDocument(source, fromSdl: false);
    }

    /// <summary>The <c>__schema</c> object inside <paramref name="tree"/> and its JSON pointer, or null.</summary>
    public static (JsonObject Schema, string Pointer)? FindSchema(JsonNode? tree)
    {
        if (tree is not JsonObject root)
        {
            return null;
        }

        if (root["__schema"] is JsonObject schema)
        {
            return (schema, "/__schema");
        }

        if (root["data"] is JsonObject data && data["__schema"] is JsonObject wrapped)
        {
            return (wrapped, "/data/__schema");
        }

        return root["types"] is JsonArray && root.ContainsKey("queryType") ? (root, "") : null;
    }

    public static GraphQLSchemaDocument Read(SchemaSource source, JsonNode tree, SchemaLimits limits) =>
        new GraphQLIntrospectionReader(source, limits).Read(tree);

    private GraphQLSchemaDocument Read(JsonNode tree)
    {
        var (schema, pointer) = FindSchema(tree)
            ?? throw new SchemaParseException(
                "No __schema found: expected an introspection result ({\"__schema\": ...}, {\"data\": {\"__schema\": ...}}, or an object with \"types\" and \"queryType\")",
                new SourceLocation(_source.DisplayName));

        _document.Description = OptionalString(schema, "description", pointer);
        _document.QueryType = RootName(schema, "queryType", pointer);
        _document.MutationType = RootName(schema, "mutationType", pointer);
        _document.SubscriptionType = RootName(schema, "subscriptionType", pointer);
        _places["schema.query"] = Place(pointer + "/queryType");
        _places["schema.mutation"] = Place(pointer + "/mutationType");
        _places["schema.subscription"] = Place(pointer + "/subscriptionType");

        var types = schema["types"] as JsonArray ?? throw Error("\"types\" must be an array", pointer + "/types");
        for (var i = 0; i < types.Count; i++)
        {
            ReadType(types[i], $"{pointer}/types/{i}");
        }

        foreach (var name in GraphQLSchemaDocument.BuiltInScalars)
        {
            _document.Types.TryAdd(name, new GraphQLTypeDef { Name = name, Kind = GraphQLTypeKind.Scalar });
        }

        if (schema["directives"] is JsonArray directives)
        {
            for (var i = 0; i < directives.Count; i++)
            {
                ReadDirective(directives[i], $"{pointer}/directives/{i}");
            }
        }
        else if (schema["directives"] is not null)
        {
            throw Error("\"directives\" must be an array", pointer + "/directives");
        }

        GraphQLSchemaValidator.Validate(_document, _source, _places);
        return _document;
    }

    private string? RootName(JsonObject schema, string key, string pointer)
    {
        var node = schema[key];
        if (node is null)
        {
            return null;
        }

        return node is JsonObject obj
            ? RequiredString(obj, "name", $"{pointer}/{key}")
            : throw Error($"\"{key}\" must be an object with a name, or null", $"{pointer}/{key}");
    }

    private void ReadType(JsonNode? node, string pointer)
    {
        var obj = node as JsonObject ?? throw Error("A type must be an object", pointer);
        var name = RequiredString(obj, "name", pointer);
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            return;
        }

        var kindText = RequiredString(obj, "kind", pointer);
        var kind = GraphQLTypeKinds.FromWire(kindText)
            ?? throw Error($"The type '{name}' has the kind '{kindText}', which is not a named type kind", pointer + "/kind");
        var type = new GraphQLTypeDef
        {
            Name = name,
            Kind = kind,
            Description = OptionalString(obj, "description", pointer),
            SpecifiedBy = OptionalString(obj, "specifiedByURL", pointer) ?? OptionalString(obj, "specifiedByUrl", pointer),
        };
        if (!_document.Types.TryAdd(name, type))
        {
            throw Error($"The type '{name}' is listed twice", pointer);
        }

        _places[name] = Place(pointer);
        switch (kind)
        {
            case GraphQLTypeKind.Object or GraphQLTypeKind.Interface:
                var fields = Array(obj, "fields", pointer);
                var fieldNames = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < fields.Count; i++)
                {
                    var fieldPointer = $"{pointer}/fields/{i}";
                    var field = fields[i] as JsonObject ?? throw Error("A field must be an object", fieldPointer);
                    var fieldName = RequiredString(field, "name", fieldPointer);
                    var path = $"{name}.{fieldName}";
                    if (!fieldNames.Add(fieldName))
                    {
                        throw Error($"The field '{path}' is listed twice", fieldPointer);
                    }

                    _places[path] = Place(fieldPointer);
                    type.Fields.Add(new GraphQLFieldDef
                    {
                        Name = fieldName,
                        Type = ReadTypeRef(field["type"], fieldPointer + "/type", 0),
                        Description = OptionalString(field, "description", fieldPointer),
                        Arguments = ReadInputValues(Array(field, "args", fieldPointer), fieldPointer + "/args", path, isArgument: true),
                        Deprecation = ReadDeprecation(field),
                    });
                }

                ReadNames(Array(obj, "interfaces", pointer), pointer + "/interfaces", type.Interfaces, n => $"{name} implements {n}");
                break;
            case GraphQLTypeKind.Union:
                ReadNames(Array(obj, "possibleTypes", pointer), pointer + "/possibleTypes", type.PossibleTypes, n => $"{name} member {n}");
                break;
            case GraphQLTypeKind.Enum:
                var values = Array(obj, "enumValues", pointer);
                var valueNames = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < values.Count; i++)
                {
                    var valuePointer = $"{pointer}/enumValues/{i}";
                    var value = values[i] as JsonObject ?? throw Error("An enum value must be an object", valuePointer);
                    var valueName = RequiredString(value, "name", valuePointer);
                    if (!valueNames.Add(valueName))
                    {
                        throw Error($"The enum value '{name}.{valueName}' is listed twice", valuePointer);
                    }

                    type.EnumValues.Add(new GraphQLEnumValueDef
                    {
                        Name = valueName,
                        Description = OptionalString(value, "description", valuePointer),
                        Deprecation = ReadDeprecation(value),
                    });
                }

                break;
            case GraphQLTypeKind.InputObject:
                type.InputFields.AddRange(ReadInputValues(Array(obj, "inputFields", pointer), pointer + "/inputFields", name, isArgument: false));
                break;
        }
    }

    private void ReadNames(JsonArray items, string pointer, List<string> into, Func<string, string> placeKey)
    {
        var names = into.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject ?? throw Error("A type reference must be an object", $"{pointer}/{i}");
            var name = RequiredString(item, "name", $"{pointer}/{i}");
            if (names.Add(name))
            {
                into.Add(name);
            }

            _places.TryAdd(placeKey(name), Place($"{pointer}/{i}"));
        }
    }

    private List<GraphQLInputValueDef> ReadInputValues(JsonArray items, string pointer, string owner, bool isArgument)
    {
        var result = new List<GraphQLInputValueDef>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPointer = $"{pointer}/{i}";
            var item = items[i] as JsonObject ?? throw Error("An input value must be an object", itemPointer);
            var name = RequiredString(item, "name", itemPointer);
            var path = isArgument ? $"{owner}({name}:)" : $"{owner}.{name}";
            if (!names.Add(name))
            {
                throw Error($"'{path}' is listed twice", itemPointer);
            }

            _places[path] = Place(itemPointer);
            var defaultText = OptionalString(item, "defaultValue", itemPointer);
            string? canonical = null;
            JsonNode? json = null;
            if (defaultText is not null)
            {
                try
                {
                    (canonical, json) = GraphQLValues.ParseLiteral(defaultText, _limits.MaxDepth, path);
                }
                catch (SchemaLimitException)
                {
                    throw;
                }
                catch (SchemaParseException ex)
                {
                    throw new SchemaParseException(ex.Reason, Place(itemPointer + "/defaultValue"), ex);
                }
            }

            result.Add(new GraphQLInputValueDef
            {
                Name = name,
                Type = ReadTypeRef(item["type"], itemPointer + "/type", 0),
                Description = OptionalString(item, "description", itemPointer),
                DefaultValue = canonical,
                DefaultJson = json,
                Deprecation = ReadDeprecation(item),
            });
        }

        return result;
    }

    private void ReadDirective(JsonNode? node, string pointer)
    {
        var obj = node as JsonObject ?? throw Error("A directive must be an object", pointer);
        var name = RequiredString(obj, "name", pointer);
        _places["@" + name] = Place(pointer);
        var locations = Array(obj, "locations", pointer)
            .Select((l, i) => l is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Error("A directive location must be a string", $"{pointer}/locations/{i}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var directive = new GraphQLDirectiveDef
        {
            Name = name,
            Description = OptionalString(obj, "description", pointer),
            Arguments = ReadInputValues(Array(obj, "args", pointer), pointer + "/args", "@" + name, isArgument: true),
            Locations = locations,
            IsRepeatable = obj["isRepeatable"] is JsonValue r && r.TryGetValue<bool>(out var repeatable) && repeatable,
        };
        if (GraphQLSchemaDocument.BuiltInDirectives.Contains(name))
        {
            return;
        }

        if (!_document.Directives.TryAdd(name, directive))
        {
            throw Error($"The directive '@{name}' is listed twice", pointer);
        }
    }

    private GraphQLTypeRef ReadTypeRef(JsonNode? node, string pointer, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), _limits.MaxDepth, "The nesting of a type reference", Place(pointer));
        }

        var obj = node as JsonObject ?? throw Error("A type reference must be an object", pointer);
        var kind = RequiredString(obj, "kind", pointer);
        switch (kind)
        {
            case "NON_NULL":
                var inner = ReadTypeRef(obj["ofType"], pointer + "/ofType", depth + 1);
                return inner.IsNonNull ? throw Error("A NON_NULL type cannot wrap another NON_NULL type", pointer) : GraphQLTypeRef.NonNullOf(inner);
            case "LIST":
                return GraphQLTypeRef.ListOf(ReadTypeRef(obj["ofType"], pointer + "/ofType", depth + 1));
            default:
                if (GraphQLTypeKinds.FromWire(kind) is null)
                {
                    throw Error($"Unknown type kind '{kind}'", pointer + "/kind");
                }

                return GraphQLTypeRef.Named(RequiredString(obj, "name", pointer));
        }
    }

    private static GraphQLDeprecation? ReadDeprecation(JsonObject obj)
    {
        var deprecated = obj["isDeprecated"] is JsonValue v && v.TryGetValue<bool>(out var isDeprecated) && isDeprecated;
        if (!deprecated)
        {
            return null;
        }

        var reason = obj["deprecationReason"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
        return new GraphQLDeprecation(reason ?? "No longer supported");
    }

    private JsonArray Array(JsonObject obj, string key, string pointer) => obj[key] switch
    {
        null => [],
        JsonArray array => array,
        _ => throw Error($"\"{key}\" must be an array", $"{pointer}/{key}"),
    };

    private string RequiredString(JsonObject obj, string key, string pointer) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Error($"\"{key}\" must be a string", $"{pointer}/{key}");

    private string? OptionalString(JsonObject obj, string key, string pointer) => obj[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Error($"\"{key}\" must be a string or null", $"{pointer}/{key}"),
    };

    private SourceLocation Place(string pointer) => new(_source.DisplayName, Pointer: pointer.Length == 0 ? "/" : pointer);

    private SchemaParseException Error(string message, string pointer) => new(message, Place(pointer));
}
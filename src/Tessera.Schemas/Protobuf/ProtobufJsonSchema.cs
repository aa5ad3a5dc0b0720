using System.Text.Json.Nodes;

namespace Tessera.Schemas.Protobuf;

/// <summary>
/// The JSON Schema view of a protobuf document as canonical proto-JSON writes it: lowerCamel JSON names, 64-bit
/// integers as strings, well-known types in their JSON form, nothing required unless proto2 <c>required</c>,
/// <c>x-proto-field-number</c> on every property, one <c>$defs</c> entry per message and enum, and oneof groups as
/// "at most one of" constraints.
/// </summary>
public static class ProtobufJsonSchema
{
    private const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>
    /// The whole document: <c>{type: object, properties: {"pkg.Service/Method": {request, response}}, $defs}</c>.
    /// A file without services still lists every message and enum in <c>$defs</c>.
    /// </summary>
    public static JsonObject ForDocument(ProtobufDocument document)
    {
        var properties = new JsonObject();
        var roots = new List<string>();
        foreach (var service in document.Services.Values)
        {
            foreach (var method in service.Methods)
            {
                properties[service.FullName + "/" + method.Name] = RpcSchema(service, method);
                roots.Add(method.InputType);
                roots.Add(method.OutputType);
            }
        }

        roots.AddRange(document.Messages.Values.Where(m => !m.IsLibrary && !m.IsMapEntry).Select(m => m.FullName));
        roots.AddRange(document.Enums.Values.Where(e => !e.IsLibrary).Select(e => e.FullName));
        return new JsonObject
        {
            ["$schema"] = Dialect,
            ["type"] = "object",
            ["properties"] = properties,
            ["$defs"] = Definitions(document, roots),
        };
    }

    /// <summary>
    /// The contract schema of one RPC (what the gRPC importer stores per asset):
    /// <c>{type: object, properties: {request, response}, required: [request, response], $defs}</c>.
    /// </summary>
    public static JsonObject ForRpc(ProtobufDocument document, string service, string method)
    {
        var svc = document.Services.Values.FirstOrDefault(s => s.FullName == service || s.Name == service)
            ?? throw new SchemaParseException($"The document has no service '{service}'.");
        var rpc = svc.Methods.FirstOrDefault(m => m.Name == method)
            ?? throw new SchemaParseException($"The service '{svc.FullName}' has no RPC '{method}'.");
        var schema = RpcSchema(svc, rpc);
        schema.Insert(0, "$schema", Dialect);
        schema["$defs"] = Definitions(document, [rpc.InputType, rpc.OutputType]);
        return schema;
    }

    private static JsonObject RpcSchema(ProtoService service, ProtoMethod method) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["request"] = Ref(method.InputType),
            ["response"] = Ref(method.OutputType),
        },
        ["required"] = new JsonArray("request", "response"),
        ["x-grpc-method"] = "/" + service.FullName + "/" + method.Name,
        ["x-grpc-client-streaming"] = method.ClientStreaming,
        ["x-grpc-server-streaming"] = method.ServerStreaming,
    };

    private static JsonObject Ref(string typeName) =>
        WellKnown(typeName) ?? new JsonObject { ["$ref"] = "#/$defs/" + typeName };

    /// <summary>Every message and enum reachable from <paramref name="roots"/>, well-known types inlined instead.</summary>
    private static JsonObject Definitions(ProtobufDocument document, IEnumerable<string> roots)
    {
        var defs = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots.Reverse());
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (defs.ContainsKey(name) || WellKnown(name) is not null)
            {
                continue;
            }

            if (document.Enums.TryGetValue(name, out var en))
            {
                defs[name] = EnumSchema(en);
                continue;
            }

            if (!document.Messages.TryGetValue(name, out var message))
            {
                continue;
            }

            defs[name] = MessageSchema(message);
            foreach (var field in message.Fields.Values)
            {
                foreach (var type in new[] { field.TypeName, field.MapValue?.TypeName })
                {
                    if (type is not null && !(document.Messages.TryGetValue(type, out var target) && target.IsMapEntry))
                    {
                        stack.Push(type);
                    }
                }
            }
        }

        var result = new JsonObject();
        foreach (var (name, schema) in defs)
        {
            result[name] = schema;
        }

        return result;
    }

    private static JsonObject EnumSchema(ProtoEnum en)
    {
        var names = new JsonArray();
        foreach (var value in en.Values)
        {
            names.Add(value.Name);
        }

        return new JsonObject
        {
            ["title"] = en.FullName,
            ["type"] = "string",
            ["enum"] = names,
            ["x-proto-enum-numbers"] = new JsonObject(en.Values.GroupBy(v => v.Name).Select(g =>
                KeyValuePair.Create(g.Key, (JsonNode?)JsonValue.Create(g.First().Number)))),
        };
    }

    private static JsonObject MessageSchema(ProtoMessage message)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var field in message.Fields.Values.OrderBy(f => f.Number))
        {
            var schema = FieldSchema(field);
            schema["x-proto-field-number"] = field.Number;
            if (field.Oneof is not null)
            {
                schema["x-proto-oneof"] = field.Oneof;
            }

            properties[field.JsonName] = schema;
            if (field.Cardinality == ProtoCardinality.Required)
            {
                required.Add(field.JsonName);
            }
        }

        var result = new JsonObject
        {
            ["title"] = message.FullName,
            ["type"] = "object",
            ["properties"] = properties,
        };
        if (required.Count > 0)
        {
            result["required"] = required;
        }

        var groups = message.Oneofs.Select(o => AtMostOne(message.Fields.Values.Where(f => f.Oneof == o).Select(f => f.JsonName).ToList())).ToList();
        if (groups.Count == 1)
        {
            result["oneOf"] = groups[0];
        }
        else if (groups.Count > 1)
        {
            result["allOf"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["oneOf"] = g })]);
        }

        return result;
    }

    /// <summary><c>oneOf</c> branches that allow exactly one member or none.</summary>
    private static JsonArray AtMostOne(IReadOnlyList<string> members)
    {
        var branches = new JsonArray();
        foreach (var member in members)
        {
            branches.Add(new JsonObject { ["required"] = new JsonArray(member) });
        }

        branches.Add(new JsonObject
        {
            ["not"] = new JsonObject
            {
                ["anyOf"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["required"] = new JsonArray(m) })]),
            },
        });
        return branches;
    }

    private static JsonObject FieldSchema(ProtoField field) => field.Cardinality switch
    {
        ProtoCardinality.Repeated => new JsonObject { ["type"] = "array", ["items"] = ValueSchema(field) },
        ProtoCardinality.Map => new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = field.MapValue is null ? new JsonObject() : ValueSchema(field.MapValue),
            ["x-proto-map-key"] = field.MapKey?.Kind ?? "string",
        },
        _ => ValueSchema(field),
    };

    private static JsonObject ValueSchema(ProtoField field) => field.Kind switch
    {
        "double" or "float" => new JsonObject { ["type"] = "number" },
        "int32" or "uint32" or "sint32" or "fixed32" or "sfixed32" => new JsonObject { ["type"] = "integer", ["format"] = field.Kind },
        "int64" or "uint64" or "sint64" or "fixed64" or "sfixed64" => Int64(field.Kind),
        "bool" => new JsonObject { ["type"] = "boolean" },
        "string" => new JsonObject { ["type"] = "string" },
        "bytes" => new JsonObject { ["type"] = "string", ["contentEncoding"] = "base64" },
        "message" or "group" or "enum" when field.TypeName is not null => Ref(field.TypeName),
        _ => new JsonObject { ["description"] = "unsupported protobuf type: " + field.Kind },
    };

    /// <summary>Proto-JSON writes 64-bit integers as decimal strings.</summary>
    private static JsonObject Int64(string kind) => new()
    {
        ["type"] = "string",
        ["format"] = kind,
        ["pattern"] = kind.StartsWith('u') || kind == "fixed64" ? "^[0-9]+$" : "^-?[0-9]+$",
    };

    /// <summary>The proto-JSON form of a well-known type, or null when <paramref name="typeName"/> is not one.</summary>
    public static JsonObject? WellKnown(string typeName) => typeName switch
    {
        "google.protobuf.Timestamp" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        "google.protobuf.Duration" => new JsonObject { ["type"] = "string", ["pattern"] = "^-?[0-9]+(\\.[0-9]{1,9})?s$" },
        "google.protobuf.FieldMask" => new JsonObject { ["type"] = "string" },
        "google.protobuf.Empty" => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(), ["additionalProperties"] = false },
        "google.protobuf.Struct" => new JsonObject { ["type"] = "object" },
        "google.protobuf.Value" => new JsonObject(),
        "google.protobuf.ListValue" => new JsonObject { ["type"] = "array" },
        "google.protobuf.NullValue" => new JsonObject { ["type"] = "null" },
        "google.protobuf.Any" => new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["@type"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("@type"),
        },
        "google.protobuf.DoubleValue" or "google.protobuf.FloatValue" => Nullable("number"),
        "google.protobuf.Int32Value" or "google.protobuf.UInt32Value" => Nullable("integer"),
        "google.protobuf.Int64Value" or "google.protobuf.UInt64Value" => Nullable("string"),
        "google.protobuf.BoolValue" => Nullable("boolean"),
        "google.protobuf.StringValue" => Nullable("string"),
        "google.protobuf.BytesValue" => new JsonObject { ["type"] = new JsonArray("string", "null"), ["contentEncoding"] = "base64" },
        _ => null,
    };

    private static JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };
}
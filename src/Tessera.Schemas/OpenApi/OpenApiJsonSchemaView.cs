using System.Text.Json.Nodes;

namespace Tessera.Schemas.OpenApi;

/// <summary>One operation with its FQN and its combined JSON Schema (for the OpenAPI importer).</summary>
/// <param name="Operation">The operation in the model.</param>
/// <param name="Fqn">The asset FQN, <c>api.&lt;title&gt;.&lt;method&gt;_&lt;path&gt;</c>.</param>
/// <param name="Schema">The combined schema, self-contained (its own <c>$defs</c>).</param>
public sealed record OpenApiOperationSchema(OpenApiOperation Operation, string Fqn, JsonObject Schema);

/// <summary>
/// The JSON Schema view of an OpenAPI document. One combined schema per operation:
/// <code>
/// { "type": "object", "title": "GET /users/{id}",
///   "properties": {
///     "request": { "type": "object", "properties": {
///         "parameters": { "type": "object", "properties": {
///             "path":   { "type": "object", "properties": { "id": {...} }, "required": ["id"] },
///             "query":  {...}, "header": {...}, "cookie": {...} }, "required": ["path"] },
///         "body": { ...schema of the preferred media type... } },
///       "required": ["parameters", "body"] },
///     "responses": { "type": "object", "properties": { "200": {...}, "404": {...}, "default": {...} } } },
///   "required": ["request"] }
/// </code>
/// Parts that are empty are left out; <c>required</c> lists only what a client must send. Every response code is
/// kept; a response without a body is <c>{"description": ...}</c>. The preferred media type is
/// <c>application/json</c>, then any <c>+json</c> type, <c>application/xml</c>, <c>text/plain</c>, then the first.
/// Schemas are copied as written (3.0 <c>nullable</c> and the like survive), except that every <c>$ref</c> is
/// rewritten to <c>#/$defs/&lt;name&gt;</c>: component schemas keep their name, any other target gets a dotted name
/// from its pointer. Cycles therefore stay references and never expand.
/// </summary>
public static class OpenApiJsonSchemaView
{
    private const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The whole document: <c>{type: object, properties: {"GET /users/{id}": combined}, $defs}</c>.</summary>
    public static JsonObject Document(OpenApiDocument document)
    {
        var defs = new DefinitionBuilder(document.Root);
        var properties = new JsonObject();
        foreach (var operation in document.Operations)
        {
            properties[operation.DisplayName] = Combined(operation, defs);
        }

        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = document.Title,
            ["type"] = "object",
            ["properties"] = properties,
        };
        defs.AttachTo(schema);
        return schema;
    }

    /// <summary>Every operation with its FQN and self-contained combined schema, in document model order.</summary>
    public static IReadOnlyList<OpenApiOperationSchema> Operations(OpenApiDocument document) =>
        [.. document.Operations.Select(o => new OpenApiOperationSchema(o, OpenApiFqn.Generate(document.Title, o.PathTemplate, o.Method), Operation(document, o)))];

    /// <summary>One operation's combined schema with the <c>$defs</c> it needs.</summary>
    public static JsonObject Operation(OpenApiDocument document, OpenApiOperation operation)
    {
        var defs = new DefinitionBuilder(document.Root);
        var schema = Combined(operation, defs);
        schema.Insert(0, "$schema", Dialect);
        defs.AttachTo(schema);
        return schema;
    }

    private static JsonObject Combined(OpenApiOperation operation, DefinitionBuilder defs)
    {
        var properties = new JsonObject();
        var required = new JsonArray();

        var request = new JsonObject();
        var requestRequired = new JsonArray();
        var locations = new JsonObject();
        var locationsRequired = new JsonArray();
        foreach (var location in new[] { "path", "query", "header", "cookie" })
        {
            var parameters = operation.Parameters.Where(p => p.In == location).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (parameters.Count == 0)
            {
                continue;
            }

            var members = new JsonObject();
            var membersRequired = new JsonArray();
            foreach (var parameter in parameters)
            {
                members[parameter.Name] = defs.Convert(parameter.Schema) ?? new JsonObject();
                if (parameter.Required)
                {
                    membersRequired.Add(parameter.Name);
                }
            }

            locations[location] = ObjectSchema(members, membersRequired);
            if (membersRequired.Count > 0)
            {
                locationsRequired.Add(location);
            }
        }

        if (locations.Count > 0)
        {
            request["parameters"] = ObjectSchema(locations, locationsRequired);
            if (locationsRequired.Count > 0)
            {
                requestRequired.Add("parameters");
            }
        }

        if (operation.RequestBody is { } body)
        {
            request["body"] = Preferred(body.Content) is { } media ? defs.Convert(media.Schema) ?? new JsonObject() : new JsonObject();
            if (body.Required)
            {
                requestRequired.Add("body");
            }
        }

        if (request.Count > 0)
        {
            properties["request"] = ObjectSchema(request, requestRequired);
            if (requestRequired.Count > 0)
            {
                required.Add("request");
            }
        }

        if (operation.Responses.Count > 0)
        {
            var responses = new JsonObject();
            foreach (var response in operation.Responses)
            {
                responses[response.Status] = Preferred(response.Content) is { } media
                    ? defs.Convert(media.Schema) ?? new JsonObject()
                    : response.Description is { } description ? new JsonObject { ["description"] = description } : new JsonObject();
            }

            properties["responses"] = new JsonObject { ["type"] = "object", ["properties"] = responses };
        }

        var combined = new JsonObject { ["type"] = "object", ["title"] = operation.DisplayName };
        if (operation.Deprecated)
        {
            combined["deprecated"] = true;
        }

        if (properties.Count > 0)
        {
            combined["properties"] = properties;
        }

        if (required.Count > 0)
        {
            combined["required"] = required;
        }

        return combined;
    }

    private static JsonObject ObjectSchema(JsonObject properties, JsonArray required)
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return schema;
    }

    /// <summary>The media type whose schema represents a body: JSON first, then XML, then plain text, then the first.</summary>
    internal static OpenApiMediaType? Preferred(IReadOnlyList<OpenApiMediaType> content) =>
        content.FirstOrDefault(m => m.Name == "application/json")
        ?? content.FirstOrDefault(m => m.Name.StartsWith("application/json", StringComparison.Ordinal) || m.Name.Contains("+json", StringComparison.Ordinal))
        ?? content.FirstOrDefault(m => m.Name == "application/xml")
        ?? content.FirstOrDefault(m => m.Name == "text/plain")
        ?? content.FirstOrDefault();

    /// <summary>Copies schemas, turning every <c>$ref</c> target into a named <c>$defs</c> entry (each copied once).</summary>
    private sealed class DefinitionBuilder(JsonObject root)
    {
        private static readonly HashSet<string> DataKeys = new(StringComparer.Ordinal) { "example", "examples", "default", "enum", "const" };

        private readonly Dictionary<string, string> _nameByPointer = new(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, JsonNode?> _defs = new(StringComparer.Ordinal);
        private readonly Queue<string> _pending = new();

        public JsonNode? Convert(JsonNode? schema)
        {
            if (schema is null)
            {
                return null;
            }

            var copy = Copy(schema);
            Drain();
            return copy;
        }

        public void AttachTo(JsonObject schema)
        {
            if (_defs.Count == 0)
            {
                return;
            }

            var defs = new JsonObject();
            foreach (var (name, value) in _defs)
            {
                defs[name] = value;
            }

            schema["$defs"] = defs;
        }

        private void Drain()
        {
            while (_pending.TryDequeue(out var pointer))
            {
                var target = LocalReference.Resolve(root, pointer);
                _defs[_nameByPointer[pointer]] = target is null ? new JsonObject() : Copy(target);
            }
        }

        /// <summary>Recursion is bounded by the document depth (<see cref="SchemaLimits.MaxDepth"/>); references never recurse.</summary>
        private JsonNode? Copy(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    {
                        var copy = new JsonObject();
                        foreach (var (key, value) in obj)
                        {
                            if (key == "$ref" && OpenApiReader.Text(value) is { } reference && LocalReference.IsLocalPointer(reference))
                            {
                                copy[key] = "#/$defs/" + LocalReference.Append("", NameFor(reference))[1..];
                            }
                            else if (DataKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
                            {
                                copy[key] = value?.DeepClone();
                            }
                            else if (key is "properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas" && value is JsonObject members)
                            {
                                var map = new JsonObject();
                                foreach (var (member, memberSchema) in members)
                                {
                                    map[member] = Copy(memberSchema);
                                }

                                copy[key] = map;
                            }
                            else
                            {
                                copy[key] = Copy(value);
                            }
                        }

                        return copy;
                    }

                case JsonArray array:
                    return new JsonArray([.. array.Select(Copy)]);
                default:
                    return node?.DeepClone();
            }
        }

        private string NameFor(string reference)
        {
            if (_nameByPointer.TryGetValue(reference, out var existing))
            {
                return existing;
            }

            var tokens = LocalReference.Tokens(reference);
            var name = tokens switch
            {
                ["components", "schemas", var component] => component,
                ["definitions", var definition] => definition,
                _ => LocalReference.Slug(reference),
            };
            var unique = name;
            for (var i = 2; !_names.Add(unique); i++)
            {
                unique = name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _nameByPointer[reference] = unique;
            _pending.Enqueue(reference);
            return unique;
        }
    }
}
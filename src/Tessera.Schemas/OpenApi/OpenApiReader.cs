using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.OpenApi;

/// <summary>
/// Builds the operation model from the document tree. Swagger 2.0, OpenAPI 3.0 and 3.1 map onto the same model:
/// 2.0 <c>in: body</c> / <c>in: formData</c> parameters become a request body, <c>consumes</c>/<c>produces</c>
/// become media types, inline parameter and header types become schemas.
/// </summary>
/// <remarks>
/// <c>$ref</c> policy: every <c>$ref</c> in the document must be a local JSON pointer (<c>#/...</c>) that resolves;
/// an external, relative or anchor reference, or a pointer to nothing, is a <see cref="SchemaParseException"/>
/// naming the JSON pointer of the reference. Schemas keep their <c>$ref</c>s (resolved later, cycle-safely, against
/// <see cref="OpenApiDocument.Root"/>); parameters, request bodies, responses, headers and path items are resolved
/// here.
/// </remarks>
internal sealed partial class OpenApiReader
{
    private const int MaxReferenceHops = 64;

    private static readonly string[] MethodNames = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Keys whose members are names, not keywords: the members of these are never skipped as examples.</summary>
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "schemas", "paths",
        "responses", "parameters", "headers", "content", "securitySchemes", "securityDefinitions", "requestBodies",
        "pathItems", "callbacks", "links", "webhooks",
    };

    /// <summary>Keys whose values are literal data, not schemas: a <c>$ref</c> member inside them is just data.</summary>
    private static readonly HashSet<string> DataKeys = new(StringComparer.Ordinal)
    {
        "example", "examples", "default", "enum", "const",
    };

    private readonly JsonObject _root;
    private readonly string _source;
    private readonly OpenApiVersion _version;

    private OpenApiReader(JsonObject root, string source, OpenApiVersion version)
    {
        _root = root;
        _source = source;
        _version = version;
    }

    public static OpenApiDocument Read(SchemaSource source, SchemaLimits limits)
    {
        var name = source.DisplayName;
        var tree = StructuredText.Parse(source.Content, limits, name);
        if (tree is not JsonObject root)
        {
            throw new SchemaParseException("Not an OpenAPI document: the top level is not a mapping.", new SourceLocation(name));
        }

        var version = DetectVersion(root, name);
        var reader = new OpenApiReader(root, name, version);
        reader.CheckReferences();
        return reader.Build(source);
    }

    /// <summary>The specification version, from <c>openapi</c> (string or, unquoted in YAML, a number) or <c>swagger</c>.</summary>
    public static OpenApiVersion DetectVersion(JsonObject root, string source)
    {
        if (root["openapi"] is { } openapi)
        {
            var text = VersionText(openapi);
            if (text is not null && (text == "3" || text.StartsWith("3.", StringComparison.Ordinal)))
            {
                return text.StartsWith("3.0", StringComparison.Ordinal) || text == "3" ? OpenApiVersion.OpenApi30 : OpenApiVersion.OpenApi31;
            }

            throw new SchemaParseException($"Unsupported OpenAPI version '{text ?? openapi.ToJsonString()}': expected 3.0 or 3.1 (or swagger: \"2.0\").",
                new SourceLocation(source, Pointer: "#/openapi"));
        }

        if (root["swagger"] is { } swagger)
        {
            var text = VersionText(swagger);
            if (text is "2.0" or "2")
            {
                return OpenApiVersion.Swagger20;
            }

            throw new SchemaParseException($"Unsupported Swagger version '{text ?? swagger.ToJsonString()}': expected \"2.0\".",
                new SourceLocation(source, Pointer: "#/swagger"));
        }

        throw new SchemaParseException("Not an OpenAPI document: the top level has neither an 'openapi' nor a 'swagger' field.",
            new SourceLocation(source, Pointer: "#"));
    }

    private static string? VersionText(JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Trim(),
            // Unquoted YAML `openapi: 3.0` is the number 3; print it back as a version.
            JsonValueKind.Number when double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) =>
                d.ToString("0.0##", CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private OpenApiDocument Build(SchemaSource source)
    {
        var info = _root["info"] as JsonObject;
        var title = Text(info?["title"]) is { Length: > 0 } t ? t : "Untitled API";
        var apiVersion = Text(info?["version"]) is { Length: > 0 } v ? v : "1.0.0";

        var pathsNode = _root["paths"];
        if (pathsNode is null && !(_version == OpenApiVersion.OpenApi31 && (_root["webhooks"] is not null || _root["components"] is not null)))
        {
            throw Error("The document has no 'paths'.", "#");
        }

        if (pathsNode is not null and not JsonObject)
        {
            throw Error("'paths' must be a mapping of path templates to path items.", "#/paths");
        }

        var paths = new List<OpenApiPathItem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (template, node) in (JsonObject?)pathsNode ?? [])
        {
            if (template.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            var pointer = LocalReference.Append("#/paths", template);
            if (!template.StartsWith('/'))
            {
                throw Error($"The path '{template}' must start with '/'.", pointer);
            }

            var key = PathKey(template);
            if (seen.TryGetValue(key, out var other))
            {
                throw Error($"The paths '{other}' and '{template}' are the same template with different parameter names.", pointer);
            }

            seen[key] = template;
            paths.Add(ReadPathItem(template, key, node, pointer));
        }

        paths.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new OpenApiDocument(source, _root, _version, title, apiVersion, paths, ReadServers(), ReadSecuritySchemes(), _root["webhooks"]);
    }

    /// <summary><c>/users/{id}/posts</c> → <c>/users/{}/posts</c>: parameter names do not matter for matching.</summary>
    public static string PathKey(string template) => PathParameter().Replace(template, "{}");

    [GeneratedRegex(@"\{[^{}/]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex PathParameter();

    private OpenApiPathItem ReadPathItem(string template, string key, JsonNode? node, string pointer)
    {
        var item = ResolveObject(node, pointer, "path item");
        var pathParameterNames = PathParameter().Matches(template).Select(m => m.Value[1..^1]).ToList();
        var shared = item["parameters"];
        var operations = new List<OpenApiOperation>();
        foreach (var method in MethodNames)
        {
            if (item[method] is null)
            {
                continue;
            }

            if (_version == OpenApiVersion.Swagger20 && method == "trace")
            {
                continue;
            }

            var opPointer = LocalReference.Append(pointer, method);
            operations.Add(ReadOperation(template, key, method, item, shared, pathParameterNames, opPointer, LocalReference.Append(pointer, "parameters")));
        }

        return new OpenApiPathItem(template, key, operations);
    }

    private OpenApiOperation ReadOperation(string template, string key, string method, JsonObject pathItem, JsonNode? sharedParameters,
        IReadOnlyList<string> pathParameterNames, string pointer, string sharedPointer)
    {
        var operation = pathItem[method] as JsonObject ?? throw Error($"The {method} operation must be a mapping.", pointer);

        // Path-level parameters first, then operation-level ones replace those with the same location and name.
        var raw = new Dictionary<string, (JsonObject Parameter, string Pointer)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (parameter, parameterPointer) in ParameterList(sharedParameters, sharedPointer)
            .Concat(ParameterList(operation["parameters"], LocalReference.Append(pointer, "parameters"))))
        {
            var name = Text(parameter["name"]) ?? throw Error("A parameter needs a 'name'.", parameterPointer);
            var location = Text(parameter["in"]) ?? throw Error($"The parameter '{name}' needs 'in'.", parameterPointer);
            var rawKey = location + "\n" + (location == "header" ? name.ToLowerInvariant() : name);
            if (!raw.ContainsKey(rawKey))
            {
                order.Add(rawKey);
            }

            raw[rawKey] = (parameter, parameterPointer);
        }

        var parameters = new List<OpenApiParameter>();
        var formFields = new List<(JsonObject Parameter, string Pointer)>();
        OpenApiRequestBody? body = null;
        foreach (var rawKey in order)
        {
            var (parameter, parameterPointer) = raw[rawKey];
            var location = Text(parameter["in"])!;
            switch (location)
            {
                case "body" when _version == OpenApiVersion.Swagger20:
                    body = new OpenApiRequestBody(Flag(parameter["required"]),
                        [.. Consumes(operation).Select(m => new OpenApiMediaType(m, parameter["schema"]))]);
                    break;
                case "formData" when _version == OpenApiVersion.Swagger20:
                    formFields.Add((parameter, parameterPointer));
                    break;
                case "path" or "query" or "header" or "cookie":
                    parameters.Add(ReadParameter(parameter, location, pathParameterNames, parameterPointer));
                    break;
                default:
                    throw Error($"The parameter '{Text(parameter["name"])}' has an unknown location 'in: {location}'.", parameterPointer);
            }
        }

        if (formFields.Count > 0)
        {
            body = FormBody(operation, formFields);
        }
        else if (_version != OpenApiVersion.Swagger20 && operation["requestBody"] is { } requestBody)
        {
            var bodyPointer = LocalReference.Append(pointer, "requestBody");
            var resolved = ResolveObject(requestBody, bodyPointer, "request body");
            body = new OpenApiRequestBody(Flag(resolved["required"]), ReadContent(resolved["content"], LocalReference.Append(bodyPointer, "content")));
        }

        parameters.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var unmodelled = new JsonObject();
        foreach (var part in new[] { "callbacks", "servers" })
        {
            if (operation[part] is { } value)
            {
                unmodelled[part] = value.DeepClone();
            }
        }

        if (pathItem["servers"] is { } pathServers)
        {
            unmodelled["path servers"] = pathServers.DeepClone();
        }

        return new OpenApiOperation
        {
            Method = method.ToUpperInvariant(),
            PathTemplate = template,
            PathKey = key,
            Pointer = pointer,
            OperationId = Text(operation["operationId"]),
            Summary = Text(operation["summary"]),
            Description = Text(operation["description"]),
            Tags = operation["tags"] is JsonArray tags ? [.. tags.Select(Text).OfType<string>()] : [],
            Deprecated = Flag(operation["deprecated"]),
            Parameters = parameters,
            RequestBody = body,
            Responses = ReadResponses(operation, LocalReference.Append(pointer, "responses")),
            Security = ReadSecurity(operation.ContainsKey("security") ? operation["security"] : _root["security"]),
            Unmodelled = unmodelled,
        };
    }

    private IEnumerable<(JsonObject Parameter, string Pointer)> ParameterList(JsonNode? node, string pointer)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonArray array)
        {
            throw Error("'parameters' must be a list.", pointer);
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPointer = LocalReference.Append(pointer, i);
            yield return (ResolveObject(array[i], itemPointer, "parameter"), itemPointer);
        }
    }

    private OpenApiParameter ReadParameter(JsonObject parameter, string location, IReadOnlyList<string> pathParameterNames, string pointer)
    {
        var name = Text(parameter["name"])!;
        string key;
        if (location == "path")
        {
            var index = pathParameterNames.ToList().IndexOf(name);
            // Path parameters are matched by their position in the template, so renaming {id} to {userId} is no change.
            key = index >= 0 ? "path\n#" + index.ToString("D3", CultureInfo.InvariantCulture) : "path\n" + name;
        }
        else
        {
            key = location + "\n" + (location == "header" ? name.ToLowerInvariant() : name);
        }

        JsonNode? schema;
        string style;
        bool explode;
        if (_version == OpenApiVersion.Swagger20)
        {
            schema = InlineSchema(parameter);
            (style, explode) = CollectionFormat(Text(parameter["collectionFormat"]), location);
        }
        else
        {
            schema = parameter["schema"] ?? FirstContentSchema(parameter["content"]);
            style = Text(parameter["style"]) ?? (location is "query" or "cookie" ? "form" : "simple");
            explode = parameter["explode"] is { } e ? Flag(e) : style == "form";
        }

        if (!IsComposite(schema))
        {
            // Explode only changes how arrays and objects are written; normalise it away for scalars.
            explode = style == "form";
        }

        return new OpenApiParameter(location, name, key, location == "path" || Flag(parameter["required"]), Flag(parameter["deprecated"]),
            schema, style, explode, Flag(parameter["allowReserved"]), Flag(parameter["allowEmptyValue"]));
    }

    private static (string Style, bool Explode) CollectionFormat(string? format, string location) => format switch
    {
        "ssv" => ("spaceDelimited", false),
        "pipes" => ("pipeDelimited", false),
        "tsv" => ("tabDelimited", false),
        "multi" => ("form", true),
        _ => (location is "query" or "formData" ? "form" : "simple", false),
    };

    private static readonly string[] InlineSchemaKeywords =
    [
        "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf",
    ];

    /// <summary>A Swagger 2.0 non-body parameter or header carries its type inline; lift it into a schema.</summary>
    private static JsonObject InlineSchema(JsonObject parameter)
    {
        var schema = new JsonObject();
        foreach (var keyword in InlineSchemaKeywords)
        {
            if (parameter[keyword] is { } value)
            {
                schema[keyword] = value.DeepClone();
            }
        }

        if (Text(schema["type"]) == "file")
        {
            schema["type"] = "string";
            schema["format"] = "binary";
        }

        return schema;
    }

    private bool IsComposite(JsonNode? schema)
    {
        var resolved = schema;
        for (var hops = 0; hops < MaxReferenceHops && resolved is JsonObject o && Text(o["$ref"]) is { } reference; hops++)
        {
            resolved = LocalReference.Resolve(_root, reference);
        }

        return (resolved as JsonObject)?["type"] switch
        {
            JsonValue v => Text(v) is "array" or "object",
            JsonArray types => types.Select(Text).Any(t => t is "array" or "object"),
            _ => false,
        };
    }

    private OpenApiRequestBody FormBody(JsonObject operation, List<(JsonObject Parameter, string Pointer)> fields)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var hasFile = false;
        foreach (var (field, _) in fields)
        {
            var name = Text(field["name"])!;
            hasFile |= Text(field["type"]) == "file";
            properties[name] = InlineSchema(field);
            if (Flag(field["required"]))
            {
                required.Add(name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        var mediaTypes = Consumes(operation).Where(m => m is "application/x-www-form-urlencoded" or "multipart/form-data").ToList();
        if (mediaTypes.Count == 0)
        {
            mediaTypes.Add(hasFile ? "multipart/form-data" : "application/x-www-form-urlencoded");
        }

        return new OpenApiRequestBody(required.Count > 0, [.. mediaTypes.Select(m => new OpenApiMediaType(m, schema))]);
    }

    private IReadOnlyList<string> Consumes(JsonObject operation) => MediaTypeList(operation["consumes"] ?? _root["consumes"]);

    private IReadOnlyList<string> Produces(JsonObject operation) => MediaTypeList(operation["produces"] ?? _root["produces"]);

    private static IReadOnlyList<string> MediaTypeList(JsonNode? node)
    {
        var list = node is JsonArray array
            ? array.Select(Text).OfType<string>().Select(m => m.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
        return list.Count > 0 ? list : ["application/json"];
    }

    private IReadOnlyList<OpenApiMediaType> ReadContent(JsonNode? content, string pointer)
    {
        if (content is null)
        {
            return [];
        }

        if (content is not JsonObject map)
        {
            throw Error("'content' must be a mapping of media types.", pointer);
        }

        var result = new List<OpenApiMediaType>();
        foreach (var (mediaType, media) in map)
        {
            var mediaPointer = LocalReference.Append(pointer, mediaType);
            if (media is not null and not JsonObject)
            {
                throw Error($"The media type '{mediaType}' must be a mapping.", mediaPointer);
            }

            result.Add(new OpenApiMediaType(mediaType.Trim().ToLowerInvariant(), media?["schema"]));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private static JsonNode? FirstContentSchema(JsonNode? content) =>
        content is JsonObject map && map.Count > 0 ? map.First().Value?["schema"] : null;

    private IReadOnlyList<OpenApiResponse> ReadResponses(JsonObject operation, string pointer)
    {
        var node = operation["responses"];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonObject responses)
        {
            throw Error("'responses' must be a mapping of status codes.", pointer);
        }

        var result = new List<OpenApiResponse>();
        foreach (var (code, value) in responses)
        {
            if (code.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            var status = code.Trim().ToUpperInvariant() is var upper && upper == "DEFAULT" ? "default" : code.Trim().ToUpperInvariant();
            var responsePointer = LocalReference.Append(pointer, code);
            if (status != "default" && !(status.Length == 3 && char.IsAsciiDigit(status[0])
                && status.Skip(1).All(c => char.IsAsciiDigit(c) || c == 'X')))
            {
                throw Error($"'{code}' is not a status code (expected e.g. 200, 2XX or default).", responsePointer);
            }

            var response = ResolveObject(value, responsePointer, "response");
            IReadOnlyList<OpenApiMediaType> content;
            if (_version == OpenApiVersion.Swagger20)
            {
                content = response["schema"] is { } schema ? [.. Produces(operation).Select(m => new OpenApiMediaType(m, schema))] : [];
            }
            else
            {
                content = ReadContent(response["content"], LocalReference.Append(responsePointer, "content"));
            }

            result.Add(new OpenApiResponse(status, Text(response["description"]), content, ReadHeaders(response["headers"], LocalReference.Append(responsePointer, "headers"))));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Status, b.Status));
        return result;
    }

    private IReadOnlyList<OpenApiHeader> ReadHeaders(JsonNode? node, string pointer)
    {
        if (node is not JsonObject headers)
        {
            return [];
        }

        var result = new List<OpenApiHeader>();
        foreach (var (name, value) in headers)
        {
            var header = ResolveObject(value, LocalReference.Append(pointer, name), "header");
            var schema = _version == OpenApiVersion.Swagger20 ? InlineSchema(header) : header["schema"] ?? FirstContentSchema(header["content"]);
            result.Add(new OpenApiHeader(name, name.ToLowerInvariant(), Flag(header["required"]), schema));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    /// <summary>The effective requirement: alternatives (OR) of scheme sets (AND). None declared = anonymous.</summary>
    private static IReadOnlyList<SecurityAlternative> ReadSecurity(JsonNode? node)
    {
        var alternatives = new SortedDictionary<string, SecurityAlternative>(StringComparer.Ordinal);
        foreach (var requirement in (node as JsonArray ?? []).OfType<JsonObject>())
        {
            var schemes = requirement
                .Select(kv => (Scheme: kv.Key, Scopes: (IReadOnlyList<string>)[.. (kv.Value as JsonArray ?? []).Select(Text).OfType<string>().Distinct().Order(StringComparer.Ordinal)]))
                .OrderBy(s => s.Scheme, StringComparer.Ordinal)
                .ToList();
            var alternative = new SecurityAlternative(schemes);
            alternatives.TryAdd(alternative.Canonical, alternative);
        }

        return alternatives.Count == 0 ? [new SecurityAlternative([])] : [.. alternatives.Values];
    }

    private IReadOnlyList<string> ReadServers()
    {
        if (_version == OpenApiVersion.Swagger20)
        {
            var host = Text(_root["host"]);
            var basePath = Text(_root["basePath"]);
            if (host is null && basePath is null)
            {
                return [];
            }

            var schemes = _root["schemes"] is JsonArray list ? list.Select(Text).OfType<string>().ToList() : [];
            var path = basePath ?? "";
            if (host is null)
            {
                return [path];
            }

            return schemes.Count == 0
                ? ["//" + host + path]
                : [.. schemes.Select(s => s + "://" + host + path).Order(StringComparer.Ordinal)];
        }

        return _root["servers"] is JsonArray servers
            ? [.. servers.Select(s => Text(s?["url"])).OfType<string>().Distinct().Order(StringComparer.Ordinal)]
            : [];
    }

    private IReadOnlyDictionary<string, JsonNode?> ReadSecuritySchemes()
    {
        var node = _version == OpenApiVersion.Swagger20 ? _root["securityDefinitions"] : _root["components"]?["securitySchemes"];
        var result = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (node is JsonObject schemes)
        {
            foreach (var (name, value) in schemes)
            {
                result[name] = value is JsonObject o && Text(o["$ref"]) is { } reference ? LocalReference.Resolve(_root, reference) : value;
            }
        }

        return result;
    }

    /// <summary>Follows a chain of <c>$ref</c>s to an object (parameters, responses, ... — not schemas).</summary>
    private JsonObject ResolveObject(JsonNode? node, string pointer, string what)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = node;
        var where = pointer;
        while (current is JsonObject obj && Text(obj["$ref"]) is { } reference)
        {
            if (!visited.Add(reference) || visited.Count > MaxReferenceHops)
            {
                throw Error($"The {what} reference '{reference}' is circular.", where);
            }

            current = LocalReference.Resolve(_root, reference) ?? throw Error($"The $ref '{reference}' does not resolve.", where);
            where = reference;
        }

        return current as JsonObject ?? throw Error($"The {what} must be a mapping.", where);
    }

    /// <summary>Checks every <c>$ref</c> in the document is a local pointer that resolves (iteratively, no recursion).</summary>
    private void CheckReferences()
    {
        var stack = new Stack<(JsonNode Node, string Pointer, bool NameMap)>();
        stack.Push((_root, "#", false));
        while (stack.Count > 0)
        {
            var (node, pointer, nameMap) = stack.Pop();
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (child is null)
                        {
                            continue;
                        }

                        if (!nameMap && key == "$ref" && child is JsonValue)
                        {
                            var reference = Text(child) ?? throw Error("A $ref must be a string.", pointer);
                            if (!LocalReference.IsLocalPointer(reference))
                            {
                                throw Error($"The $ref '{reference}' is not a local reference (#/...); bundle external files into one document first.", pointer);
                            }

                            if (LocalReference.Resolve(_root, reference) is null)
                            {
                                throw Error($"The $ref '{reference}' does not resolve.", pointer);
                            }

                            continue;
                        }

                        if (!nameMap && (DataKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal)))
                        {
                            continue;
                        }

                        if (child is JsonObject or JsonArray)
                        {
                            stack.Push((child, LocalReference.Append(pointer, key), !nameMap && NameMaps.Contains(key)));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject or JsonArray)
                        {
                            stack.Push((array[i]!, LocalReference.Append(pointer, i), false));
                        }
                    }

                    break;
            }
        }
    }

    private SchemaParseException Error(string message, string pointer) => new(message, new SourceLocation(_source, Pointer: pointer));

    internal static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    internal static bool Flag(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;
}
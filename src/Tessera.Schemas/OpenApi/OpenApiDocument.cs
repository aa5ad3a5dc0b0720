using System.Text.Json.Nodes;

namespace Tessera.Schemas.OpenApi;

/// <summary>Which specification a document was written against. All three map to the same model.</summary>
public enum OpenApiVersion
{
    Swagger20,
    OpenApi30,
    OpenApi31,
}

/// <summary>
/// A parsed OpenAPI (or Swagger 2.0) document: the original tree, kept whole so that every <c>$ref</c> can be
/// followed against it, and our operation model built from it.
/// </summary>
public sealed class OpenApiDocument : SchemaDocument
{
    internal OpenApiDocument(SchemaSource source, JsonObject root, OpenApiVersion version, string title, string apiVersion,
        IReadOnlyList<OpenApiPathItem> paths, IReadOnlyList<string> servers,
        IReadOnlyDictionary<string, JsonNode?> securitySchemes, JsonNode? webhooks)
        : base(source)
    {
        Root = root;
        Version = version;
        Title = title;
        ApiVersion = apiVersion;
        Paths = paths;
        Servers = servers;
        SecuritySchemes = securitySchemes;
        Webhooks = webhooks;
    }

    public override SchemaFormat Format => SchemaFormat.OpenApi;

    /// <summary>The document as written (YAML read into the same tree as JSON). <c>$ref</c>s resolve against it.</summary>
    public JsonObject Root { get; }

    public OpenApiVersion Version { get; }

    /// <summary><c>info.title</c>, or "Untitled API".</summary>
    public string Title { get; }

    /// <summary><c>info.version</c>, or "1.0.0".</summary>
    public string ApiVersion { get; }

    /// <summary>Path items ordered by their normalised template.</summary>
    public IReadOnlyList<OpenApiPathItem> Paths { get; }

    /// <summary>Every operation, ordered by normalised path then method.</summary>
    public IEnumerable<OpenApiOperation> Operations => Paths.SelectMany(p => p.Operations);

    /// <summary>Base URLs: 3.x <c>servers[*].url</c>, or 2.0 <c>schemes</c> × <c>host</c> + <c>basePath</c>.</summary>
    public IReadOnlyList<string> Servers { get; }

    /// <summary>3.x <c>components.securitySchemes</c> or 2.0 <c>securityDefinitions</c>, by name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> SecuritySchemes { get; }

    /// <summary>The 3.1 <c>webhooks</c> object (not modelled; changes to it are reported as unknown).</summary>
    public JsonNode? Webhooks { get; }

    /// <summary>
    /// The document cut down to one operation, named by its <see cref="OpenApiOperation.DisplayName"/>
    /// (<c>GET /users/{id}</c>): the same tree (so every <c>$ref</c> still resolves), servers and security schemes,
    /// and only that operation. Webhooks belong to no operation and are left out.
    /// </summary>
    public OpenApiDocument Select(string selector)
    {
        foreach (var path in Paths)
        {
            if (path.Operations.FirstOrDefault(o => o.DisplayName == selector) is { } operation)
            {
                return new OpenApiDocument(Source, Root, Version, Title, ApiVersion, [path with { Operations = [operation] }], Servers, SecuritySchemes, null);
            }
        }

        throw new SchemaParseException($"The OpenAPI document has no operation '{selector}'.");
    }
}

/// <summary>One entry of <c>paths</c>.</summary>
/// <param name="Template">The path template as written, e.g. <c>/users/{userId}</c>.</param>
/// <param name="Key">The template with parameter names erased (<c>/users/{}</c>): how paths are matched.</param>
public sealed record OpenApiPathItem(string Template, string Key, IReadOnlyList<OpenApiOperation> Operations);

/// <summary>One operation (method on a path), with path-level parameters merged in.</summary>
public sealed record OpenApiOperation
{
    /// <summary>Upper-case HTTP method.</summary>
    public required string Method { get; init; }

    public required string PathTemplate { get; init; }

    public required string PathKey { get; init; }

    /// <summary>JSON pointer of the operation object in the document.</summary>
    public required string Pointer { get; init; }

    public string? OperationId { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Deprecated { get; init; }

    /// <summary>Parameters by location and name, operation-level ones overriding path-level ones.</summary>
    public IReadOnlyList<OpenApiParameter> Parameters { get; init; } = [];

    public OpenApiRequestBody? RequestBody { get; init; }

    /// <summary>Responses by status code (<c>200</c>, <c>2XX</c>, <c>default</c>, ...), in code order.</summary>
    public IReadOnlyList<OpenApiResponse> Responses { get; init; } = [];

    /// <summary>The effective security requirement: alternatives, each a set of schemes with scopes.</summary>
    public IReadOnlyList<SecurityAlternative> Security { get; init; } = [];

    /// <summary>Operation-level <c>servers</c>, <c>callbacks</c> and similar parts that are not modelled.</summary>
    public JsonObject Unmodelled { get; init; } = [];

    /// <summary><c>GET /users/{}</c>: how operations are matched across versions.</summary>
    public string Key => Method + " " + PathKey;

    /// <summary><c>GET /users/{id}</c>: how findings name the operation.</summary>
    public string DisplayName => Method + " " + PathTemplate;
}

/// <summary>A parameter. <paramref name="Key"/> matches parameters across versions (path ones by position).</summary>
public sealed record OpenApiParameter(
    string In,
    string Name,
    string Key,
    bool Required,
    bool Deprecated,
    JsonNode? Schema,
    string Style,
    bool Explode,
    bool AllowReserved,
    bool AllowEmptyValue)
{
    /// <summary><c>query.limit</c>.</summary>
    public string DisplayName => In + "." + Name;
}

public sealed record OpenApiRequestBody(bool Required, IReadOnlyList<OpenApiMediaType> Content);

/// <summary>A media type (lower case) with its schema, which may be absent.</summary>
public sealed record OpenApiMediaType(string Name, JsonNode? Schema);

public sealed record OpenApiResponse(string Status, string? Description, IReadOnlyList<OpenApiMediaType> Content, IReadOnlyList<OpenApiHeader> Headers)
{
    /// <summary>1xx–3xx codes (and ranges) count as success; 4xx, 5xx and <c>default</c> as errors.</summary>
    public bool IsSuccess => Status.Length == 3 && Status[0] is '1' or '2' or '3';
}

/// <summary>A response header; <paramref name="Key"/> is the lower-case name (headers are case-insensitive).</summary>
public sealed record OpenApiHeader(string Name, string Key, bool Required, JsonNode? Schema);

/// <summary>One alternative of a security requirement: every named scheme (with its scopes) must be satisfied.</summary>
public sealed record SecurityAlternative(IReadOnlyList<(string Scheme, IReadOnlyList<string> Scopes)> Schemes)
{
    /// <summary>A client holding this alternative's credentials also satisfies <paramref name="other"/>.</summary>
    public bool Satisfies(SecurityAlternative other) =>
        other.Schemes.All(o => Schemes.Any(s => s.Scheme == o.Scheme && o.Scopes.All(scope => s.Scopes.Contains(scope))));

    public string Canonical => Schemes.Count == 0
        ? "(anonymous)"
        : string.Join(" + ", Schemes.Select(s => s.Scopes.Count == 0 ? s.Scheme : $"{s.Scheme}[{string.Join(",", s.Scopes)}]"));

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (scheme, scopes) in Schemes)
        {
            json[scheme] = new JsonArray([.. scopes.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        return json;
    }
}
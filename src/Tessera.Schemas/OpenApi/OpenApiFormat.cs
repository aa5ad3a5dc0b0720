using System.Text.Json.Nodes;

namespace Tessera.Schemas.OpenApi;

/// <summary>
/// OpenAPI 3.0 and 3.1 and Swagger 2.0, YAML or JSON, judged per operation and by direction (DECISIONS §5.1).
/// </summary>
/// <remarks>
/// We read the text with <see cref="Text.StructuredText"/> and build our own operation model rather than using
/// Microsoft.OpenApi's object model: we keep the document exactly as written and follow every <c>$ref</c> JSON
/// pointer ourselves, so schemas can be compared (and turned into <c>$defs</c>) against the original tree.
/// </remarks>
public sealed class OpenApiFormat : ISchemaFormat, ISelectableFormat
{
    public SchemaFormat Format => SchemaFormat.OpenApi;

    public IReadOnlyList<Rule> Rules => OpenApiRules.All;

    /// <summary>None: OpenAPI shares .json/.yaml with JSON Schema, so it is recognised by content.</summary>
    public IReadOnlyList<string> Extensions => [];

    public int Detect(SchemaSource source, JsonNode? tree)
    {
        if (tree is not JsonObject root)
        {
            return 0;
        }

        var versioned = root.ContainsKey("openapi") || root["swagger"] is not null;
        if (!versioned)
        {
            return 0;
        }

        return root.ContainsKey("paths") || root.ContainsKey("info") ? 100 : 80;
    }

    public SchemaDocument Parse(SchemaSource source, SchemaLimits limits) => OpenApiReader.Read(source, limits);

    public IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits) =>
        OpenApiComparer.Compare(AsOpenApi(oldDocument), AsOpenApi(newDocument), limits);

    public JsonObject ToJsonSchema(SchemaDocument document) => OpenApiJsonSchemaView.Document(AsOpenApi(document));

    /// <summary>One operation, named <c>GET /users/{id}</c>; see <see cref="OpenApiDocument.Select"/>.</summary>
    public SchemaDocument Select(SchemaDocument document, string selector) => AsOpenApi(document).Select(selector);

    private static OpenApiDocument AsOpenApi(SchemaDocument document) =>
        document as OpenApiDocument ?? throw new ArgumentException($"Expected an OpenAPI document, got {document.Format.ToWire()}.", nameof(document));
}
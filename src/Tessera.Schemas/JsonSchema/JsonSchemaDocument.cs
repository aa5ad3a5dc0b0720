using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>A parsed JSON Schema document: the tree as written (an object or a boolean).</summary>
public sealed class JsonSchemaDocument : SchemaDocument
{
    public JsonSchemaDocument(SchemaSource source, JsonNode root)
        : base(source) => Root = root;

    public override SchemaFormat Format => SchemaFormat.JsonSchema;

    /// <summary>The schema as written: a <see cref="JsonObject"/> or a boolean <see cref="JsonValue"/>.</summary>
    public JsonNode Root { get; }
}
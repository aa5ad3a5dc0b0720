using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Avro;

/// <summary>
/// Apache Avro schemas (<c>.avsc</c>), judged by the Avro specification's schema-resolution rules
/// (DECISIONS §5.1): backward = the new schema reads data written with the old, forward = the reverse.
/// </summary>
public sealed class AvroFormat : ISchemaFormat, ISelectableFormat
{
    private static readonly IReadOnlySet<string> ComplexKinds =
        new HashSet<string>(StringComparer.Ordinal) { "record", "error", "enum", "fixed", "array", "map" };

    public SchemaFormat Format => SchemaFormat.Avro;

    public IReadOnlyList<Rule> Rules => AvroRules.All;

    public IReadOnlyList<string> Extensions { get; } = [".avsc"];

    public int Detect(SchemaSource source, JsonNode? tree)
    {
        switch (tree)
        {
            case JsonObject obj when TypeName(obj) is { } type && obj["name"] is JsonValue:
                return type switch
                {
                    "record" or "error" when obj["fields"] is JsonArray => 90,
                    "enum" when obj["symbols"] is JsonArray => 90,
                    "fixed" when obj["size"] is JsonValue => 90,
                    _ => 0,
                };
            case JsonArray array when array.Count > 0 && array.All(IsAvroBranch) && array.Any(b => b is JsonObject):
                return 70;
            case JsonArray array when array.Count > 0 && array.All(IsAvroBranch):
                return 40;
            default:
                return 0;
        }
    }

    public SchemaDocument Parse(SchemaSource source, SchemaLimits limits) => AvroParser.Parse(source, limits);

    public IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits) =>
        AvroComparer.Compare(Expect(oldDocument), Expect(newDocument), limits);

    public JsonObject ToJsonSchema(SchemaDocument document) => AvroJsonSchemaWriter.Write(Expect(document));

    /// <summary>An <c>.avsc</c> holds one contract, its top-level named type: the selector must be that type's full name.</summary>
    public SchemaDocument Select(SchemaDocument document, string selector)
    {
        var avro = Expect(document);
        return avro.Root is AvroNamedSchema named && named.FullName == selector
            ? avro
            : throw new SchemaParseException($"The Avro document's top-level type is not '{selector}'.");
    }

    private static AvroDocument Expect(SchemaDocument document) =>
        document as AvroDocument
        ?? throw new SchemaParseException($"Expected an Avro document, got a {document.Format.ToWire()} document.");

    private static string? TypeName(JsonObject obj) =>
        obj["type"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool IsAvroBranch(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => AvroPrimitive.Names.Contains(v.GetValue<string>()),
        JsonObject obj => TypeName(obj) is { } type && (ComplexKinds.Contains(type) || AvroPrimitive.Names.Contains(type))
            && (type is not ("record" or "error" or "enum" or "fixed") || obj["name"] is JsonValue),
        _ => false,
    };
}
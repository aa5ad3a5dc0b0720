using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tessera.Schemas.Protobuf;

/// <summary>Protobuf / gRPC: <c>.proto</c> text with its imports, judged by field number, wire type and JSON name.</summary>
public sealed partial class ProtobufFormat : ISchemaFormat, ISelectableFormat
{
    public SchemaFormat Format => SchemaFormat.Protobuf;

    public IReadOnlyList<Rule> Rules => ProtobufRules.All;

    public IReadOnlyList<string> Extensions { get; } = [".proto"];

    public int Detect(SchemaSource source, JsonNode? tree)
    {
        if (tree is not null)
        {
            return 0;
        }

        try
        {
            var content = source.Content;
            if (SyntaxLine().IsMatch(content))
            {
                return 95;
            }

            return Declaration().IsMatch(content) ? 70 : 0;
        }
        catch (RegexMatchTimeoutException)
        {
            return 0;
        }
    }

    public SchemaDocument Parse(SchemaSource source, SchemaLimits limits) => ProtobufParser.Parse(source, limits);

    public IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits) =>
        ProtobufComparer.Compare(AsProtobuf(oldDocument), AsProtobuf(newDocument));

    public JsonObject ToJsonSchema(SchemaDocument document) => ProtobufJsonSchema.ForDocument(AsProtobuf(document));

    /// <summary>One RPC, named <c>pkg.Service/Method</c>, with the types it reaches.</summary>
    public SchemaDocument Select(SchemaDocument document, string selector) => ProtobufSelection.Select(AsProtobuf(document), selector);

    private static ProtobufDocument AsProtobuf(SchemaDocument document) =>
        document as ProtobufDocument
            ?? throw new SchemaParseException($"Expected a protobuf document, got {document.Format.ToWire()}.");

    [GeneratedRegex("""^\s*(syntax\s*=\s*["']proto[23]["']|edition\s*=\s*["'][0-9]+["'])\s*;""", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SyntaxLine();

    [GeneratedRegex("""^\s*(message|service|enum)\s+[A-Za-z_][A-Za-z0-9_]*\s*\{""", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Declaration();
}
using System.Text.Json.Nodes;

namespace Tessera.Schemas;

/// <summary>
/// One contract format: parse → model → compare → classify. Implementations are stateless and thread-safe;
/// <see cref="SchemaEngine"/> discovers every implementation in this assembly.
/// </summary>
public interface ISchemaFormat
{
    SchemaFormat Format { get; }

    /// <summary>Every rule this format's comparer can emit.</summary>
    IReadOnlyList<Rule> Rules { get; }

    /// <summary>File extensions (with the dot, lower case) that name this format, e.g. <c>.proto</c>.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// How sure the format is that <paramref name="source"/> is one of its documents: 0 (no) to 100 (certain).
    /// <paramref name="tree"/> is the text already read as JSON/YAML when it is structured text, else null.
    /// </summary>
    int Detect(SchemaSource source, JsonNode? tree);

    /// <summary>Parses a document. Throws <see cref="SchemaParseException"/> naming the place on bad input.</summary>
    SchemaDocument Parse(SchemaSource source, SchemaLimits limits);

    /// <summary>All changes from <paramref name="oldDocument"/> to <paramref name="newDocument"/> (any order).</summary>
    IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits);

    /// <summary>The JSON Schema view of a document (what the API stores and returns as <c>schema_def</c>).</summary>
    JsonObject ToJsonSchema(SchemaDocument document);
}
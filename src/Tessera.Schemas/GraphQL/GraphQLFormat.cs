using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.GraphQL;

/// <summary>GraphQL schemas, as SDL or as an introspection result, judged by input and output direction.</summary>
public sealed partial class GraphQLFormat : ISchemaFormat, ISelectableFormat
{
    public SchemaFormat Format => SchemaFormat.GraphQL;

    public IReadOnlyList<Rule> Rules => GraphQLRules.All;

    public IReadOnlyList<string> Extensions { get; } = [".graphql", ".gql", ".graphqls"];

    public int Detect(SchemaSource source, JsonNode? tree)
    {
        if (tree is not null)
        {
            return GraphQLIntrospectionReader.FindSchema(tree) is not null ? 95 : 0;
        }

        var content = source.Content;
        if (ProtobufMarker().IsMatch(content))
        {
            return 0;
        }

        if (StrongSdl().IsMatch(content))
        {
            return 80;
        }

        return WeakSdl().IsMatch(content) ? 40 : 0;
    }

    public SchemaDocument Parse(SchemaSource source, SchemaLimits limits)
    {
        StructuredText.CheckSize(source.Content, limits, source.Name);
        var extension = Path.GetExtension(source.Name ?? "").ToLowerInvariant();
        var trimmed = source.Content.AsSpan().TrimStart();
        if (trimmed.StartsWith("{") || extension is ".json" or ".yaml" or ".yml")
        {
            var tree = StructuredText.Parse(source.Content, limits, source.Name);
            return GraphQLIntrospectionReader.Read(source, tree, limits);
        }

        if (trimmed.IsEmpty)
        {
            throw new SchemaParseException("The GraphQL document is empty.", new SourceLocation(source.DisplayName));
        }

        return GraphQLSdlReader.Read(source, limits);
    }

    public IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits) =>
        GraphQLComparer.Compare(Cast(oldDocument), Cast(newDocument), limits);

    public JsonObject ToJsonSchema(SchemaDocument document) => GraphQLJsonSchemaWriter.Write(Cast(document));

    /// <summary>One root field, named <c>Query.user</c>, with the types it reaches.</summary>
    public SchemaDocument Select(SchemaDocument document, string selector) => GraphQLSelection.Select(Cast(document), selector);

    private static GraphQLSchemaDocument Cast(SchemaDocument document) =>
        document as GraphQLSchemaDocument
        ?? throw new SchemaParseException($"Expected a GraphQL document, got a {document.Format.ToWire()} document.");

    [GeneratedRegex(@"^\s*(?:(?:extend\s+)?(?:type|interface|input)\s+[_A-Za-z][_0-9A-Za-z]*\b[^{\n]*\{|(?:extend\s+)?schema\s*(?:@[^{]*)?\{|directive\s+@)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StrongSdl();

    [GeneratedRegex(@"^\s*(?:enum\s+[_A-Za-z][_0-9A-Za-z]*\s*\{|scalar\s+[_A-Za-z]|union\s+[_A-Za-z][_0-9A-Za-z]*\s*=)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WeakSdl();

    [GeneratedRegex(@"^\s*(?:syntax\s*=|message\s+[_A-Za-z]|package\s+[_A-Za-z][\w.]*\s*;)", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ProtobufMarker();
}
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// dbt <c>manifest.json</c>: models, seeds, snapshots and sources compared node by node, columns and their types
/// through a normalised type map, tests as guarantees (compatibility.md §2, §4.5).
/// </summary>
public sealed class DbtFormat : ISchemaFormat, ISelectableFormat
{
    public SchemaFormat Format => SchemaFormat.Dbt;

    public IReadOnlyList<Rule> Rules => DbtRules.All;

    /// <summary>Manifests are plain <c>.json</c>; detection relies on the content.</summary>
    public IReadOnlyList<string> Extensions { get; } = [];

    public int Detect(SchemaSource source, JsonNode? tree)
    {
        if (!DbtManifestReader.LooksLikeManifest(tree, out var certain))
        {
            return 0;
        }

        return certain ? 95 : 80;
    }

    public SchemaDocument Parse(SchemaSource source, SchemaLimits limits) => DbtManifestReader.Read(source, limits);

    public IReadOnlyList<Finding> Compare(SchemaDocument oldDocument, SchemaDocument newDocument, SchemaLimits limits) =>
        new DbtComparer(limits).Compare(AsManifest(oldDocument), AsManifest(newDocument));

    /// <summary>The whole manifest: <c>{"type":"object","properties":{&lt;fqn&gt;: &lt;node schema&gt;}}</c>.</summary>
    public JsonObject ToJsonSchema(SchemaDocument document) => DbtJsonSchema.ForManifest(AsManifest(document));

    /// <summary>One node by its unique_id (see <see cref="DbtManifest.Select"/>).</summary>
    public SchemaDocument Select(SchemaDocument document, string selector) => AsManifest(document).Select(selector);

    private static DbtManifest AsManifest(SchemaDocument document) =>
        document as DbtManifest ?? throw new ArgumentException($"Expected a dbt manifest, got a {document.Format.ToWire()} document.", nameof(document));
}
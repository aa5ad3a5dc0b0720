using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>The kinds of dbt node that are data contracts (compatibility.md §4.5); tests become guarantees.</summary>
public enum DbtResourceType
{
    Model,
    Seed,
    Snapshot,
    Source,
}

public static class DbtResourceTypes
{
    public static string ToWire(this DbtResourceType type) => type switch
    {
        DbtResourceType.Model => "model",
        DbtResourceType.Seed => "seed",
        DbtResourceType.Snapshot => "snapshot",
        DbtResourceType.Source => "source",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>A parsed dbt <c>manifest.json</c>: every model, seed, snapshot and source, keyed by <c>unique_id</c>.</summary>
public sealed class DbtManifest : SchemaDocument
{
    internal DbtManifest(SchemaSource source, string? schemaVersion, IReadOnlyList<DbtNode> nodes)
        : base(source)
    {
        SchemaVersion = schemaVersion;
        Nodes = nodes;
        var byId = new Dictionary<string, DbtNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byId[node.UniqueId] = node;
        }

        ById = byId;
    }

    public override SchemaFormat Format => SchemaFormat.Dbt;

    /// <summary><c>metadata.dbt_schema_version</c>, e.g. <c>https://schemas.getdbt.com/dbt/manifest/v12.json</c>.</summary>
    public string? SchemaVersion { get; }

    /// <summary>The contract nodes in ordinal <c>unique_id</c> order.</summary>
    public IReadOnlyList<DbtNode> Nodes { get; }

    public IReadOnlyDictionary<string, DbtNode> ById { get; }

    /// <summary>
    /// The manifest cut down to one node (a dbt asset's contract: the node, its columns and the guarantees of its tests),
    /// judged on its own. Throws <see cref="SchemaParseException"/> when the manifest has no such node.
    /// </summary>
    public DbtManifest Select(string uniqueId) =>
        ById.TryGetValue(uniqueId, out var node)
            ? new DbtManifest(Source, SchemaVersion, [node])
            : throw new SchemaParseException($"The manifest has no model, seed, snapshot or source '{uniqueId}'.");
}

/// <summary>One model, seed, snapshot or source of a manifest, with the guarantees its tests give.</summary>
public sealed class DbtNode
{
    public required string UniqueId { get; init; }

    public required DbtResourceType ResourceType { get; init; }

    /// <summary>The dbt package the node belongs to (<c>package_name</c>; for sources, <c>source_name</c> is separate).</summary>
    public string? PackageName { get; init; }

    public required string Name { get; init; }

    public string? Database { get; init; }

    public string? Schema { get; init; }

    /// <summary>The relation name in the warehouse: <c>alias</c> (models, seeds, snapshots) or <c>identifier</c> (sources).</summary>
    public string? Alias { get; init; }

    /// <summary>For sources, the source block's name (<c>source_name</c>).</summary>
    public string? SourceName { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Documented columns in manifest order.</summary>
    public required IReadOnlyList<DbtColumn> Columns { get; init; }

    /// <summary><c>config.materialized</c> (null for sources).</summary>
    public string? Materialized { get; init; }

    /// <summary><c>config.contract.enforced</c>.</summary>
    public bool ContractEnforced { get; init; }

    /// <summary>The model version (<c>version</c>) of a versioned model, as text.</summary>
    public string? Version { get; init; }

    /// <summary><c>latest_version</c> of a versioned model, as text.</summary>
    public string? LatestVersion { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The node's own dbt FQN (<c>fqn</c>: package, folders, name).</summary>
    public IReadOnlyList<string> DbtFqn { get; init; } = [];

    /// <summary><c>original_file_path</c>.</summary>
    public string? Path { get; init; }

    /// <summary><c>depends_on.nodes</c>.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary><c>meta.tessera</c> (or <c>config.meta.tessera</c>): owner, consumers, freshness, volume, mode.</summary>
    public JsonObject? Tessera { get; init; }

    /// <summary><c>meta.tags</c> when the node has no <c>tags</c>.</summary>
    public IReadOnlyList<string> MetaTags { get; init; } = [];

    public required DbtGuarantees Guarantees { get; init; }

    /// <summary>The JSON pointer of the node in the manifest (<c>/nodes/…</c> or <c>/sources/…</c>).</summary>
    public required string Pointer { get; init; }

    /// <summary>
    /// The asset FQN of §4.5: <c>&lt;database&gt;.&lt;schema&gt;.&lt;name&gt;</c>, lower case, missing parts empty. A
    /// versioned model's name carries its version (<c>orders_v2</c>, dbt's default alias) so versions do not collide.
    /// </summary>
    public string Fqn => $"{Database ?? ""}.{Schema ?? ""}.{(Version is null ? Name : $"{Name}_v{Version}")}".ToLowerInvariant();

    /// <summary>The relation in the warehouse, <c>&lt;database&gt;.&lt;schema&gt;.&lt;alias or identifier or name&gt;</c>, lower case.</summary>
    public string Relation =>
        $"{Database ?? ""}.{Schema ?? ""}.{(string.IsNullOrEmpty(Alias) ? (Version is null ? Name : $"{Name}_v{Version}") : Alias)}".ToLowerInvariant();

    /// <summary>Looks a column up by name, ignoring case (warehouses fold unquoted identifiers).</summary>
    public DbtColumn? FindColumn(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Key, name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    /// <summary>The JSON Schema of this node (§4.5): columns as properties, not-null columns required.</summary>
    public JsonObject ToJsonSchema() => DbtJsonSchema.ForNode(this);

    /// <summary>The asset metadata of §4.5 (<c>dbt_node_id</c>/<c>dbt_source_id</c>, columns, guarantees, …).</summary>
    public JsonObject ToMetadata() => DbtJsonSchema.Metadata(this);
}

/// <summary>A documented column.</summary>
/// <param name="Name">The name as written in the manifest.</param>
/// <param name="DataType">The declared <c>data_type</c>, or null when none is declared.</param>
/// <param name="Description">The column description ("" when none).</param>
public sealed record DbtColumn(string Name, string? DataType, string Description)
{
    /// <summary>The column's own tags: <c>meta.tags</c>, else <c>meta.tessera.tags</c>, else <c>tags</c> (empty when none).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The lower-case name columns and tests are matched by.</summary>
    public string Key { get; } = Name.ToLowerInvariant();

    /// <summary>The normalised type, or null when no type is declared.</summary>
    public DbtType? Type { get; } = string.IsNullOrWhiteSpace(DataType) ? null : DbtType.Parse(DataType);
}
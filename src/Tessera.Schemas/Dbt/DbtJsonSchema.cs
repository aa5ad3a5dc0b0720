using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// The JSON Schema view of dbt nodes (compatibility.md §4.5, with the §8.22 type gaps filled) and the asset
/// metadata an importer stores. <c>required</c> is always derived from the not-null guarantees, so every path
/// (import, impact, diff) produces the same schema for the same manifest (§8.22).
/// </summary>
public static class DbtJsonSchema
{
    /// <summary>
    /// <c>{"type":"object","properties":{col:{type, format?, description?}},"required":[…]}</c>. <c>required</c> is
    /// always present: the columns whose <c>nullability</c> guarantee is <c>"never"</c>, sorted; not-null entries
    /// for columns that are not documented, and other nullability values, are ignored.
    /// </summary>
    public static JsonObject ForColumns(IEnumerable<DbtColumn> columns, JsonObject? guarantees)
    {
        var properties = new JsonObject();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!names.TryAdd(column.Key, column.Name))
            {
                continue;
            }

            var property = DbtType.ToJsonSchema(column.DataType);
            if (!string.IsNullOrEmpty(column.Description))
            {
                property["description"] = column.Description;
            }

            properties[column.Name] = property;
        }

        var required = new SortedSet<string>(StringComparer.Ordinal);
        if (guarantees?["nullability"] is JsonObject nullability)
        {
            foreach (var (column, value) in nullability)
            {
                if (DbtJson.StringOf(value) == "never" && names.TryGetValue(column.ToLowerInvariant(), out var name))
                {
                    required.Add(name);
                }
            }
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
        };
    }

    /// <summary>The schema of one node, with <c>required</c> from its not-null tests and constraints.</summary>
    public static JsonObject ForNode(DbtNode node) => ForColumns(node.Columns, node.Guarantees.ToJson());

    /// <summary>
    /// The whole manifest: <c>{"type":"object","properties":{&lt;fqn&gt;: &lt;node schema&gt;}}</c>. When two nodes share an
    /// FQN, the first by <c>unique_id</c> is kept.
    /// </summary>
    public static JsonObject ForManifest(DbtManifest manifest)
    {
        var properties = new JsonObject();
        foreach (var node in manifest.Nodes.OrderBy(n => n.Fqn, StringComparer.Ordinal).ThenBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            if (!properties.ContainsKey(node.Fqn))
            {
                properties[node.Fqn] = ForNode(node);
            }
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    /// <summary>
    /// The asset metadata of §4.5: <c>dbt_node_id</c> (or <c>dbt_source_id</c>), <c>resource_type</c>,
    /// <c>description</c>, for non-sources <c>tags</c>, <c>dbt_fqn</c>, <c>path</c> and <c>depends_on</c> (FQNs when
    /// <paramref name="manifest"/> can resolve them), <c>columns</c>, <c>guarantees</c> and <c>tessera_consumers</c>.
    /// </summary>
    public static JsonObject Metadata(DbtNode node, DbtManifest? manifest = null)
    {
        var metadata = new JsonObject
        {
            [node.ResourceType == DbtResourceType.Source ? "dbt_source_id" : "dbt_node_id"] = node.UniqueId,
            ["resource_type"] = node.ResourceType.ToWire(),
            ["description"] = node.Description,
        };
        if (node.ResourceType != DbtResourceType.Source)
        {
            metadata["tags"] = new JsonArray([.. AssetTags(node).Select(t => (JsonNode)t)]);
            metadata["dbt_fqn"] = new JsonArray([.. node.DbtFqn.Select(t => (JsonNode)t)]);
            metadata["path"] = node.Path;
            metadata["depends_on"] = new JsonArray([.. node.DependsOn
                .Select(id => manifest is not null && manifest.ById.TryGetValue(id, out var target) ? target.Fqn : id)
                .Select(t => (JsonNode)t)]);
        }

        var columns = new JsonObject();
        foreach (var column in node.Columns)
        {
            if (!columns.ContainsKey(column.Name))
            {
                columns[column.Name] = new JsonObject { ["description"] = column.Description, ["data_type"] = column.DataType };
            }
        }

        metadata["columns"] = columns;
        metadata["guarantees"] = node.Guarantees.ToJson();
        metadata["tessera_consumers"] = node.Tessera?["consumers"]?.DeepClone() ?? new JsonArray();
        return metadata;
    }

    /// <summary>The node's <c>tags</c>, or else <c>meta.tags</c> (§4.5).</summary>
    public static IReadOnlyList<string> AssetTags(DbtNode node) => node.Tags.Count > 0 ? node.Tags : node.MetaTags;
}
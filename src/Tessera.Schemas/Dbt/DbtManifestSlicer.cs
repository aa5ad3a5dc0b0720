using System.Text.Json.Nodes;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// Cuts a manifest into one-node manifests: each model, seed, snapshot or source with the tests attached to it,
/// keeping only the fields <see cref="DbtManifestReader"/> reads (no compiled SQL, macros, docs or maps). Reading
/// a slice gives the same node as reading the whole manifest, so a slice is a self-contained, natively comparable
/// contract document for one node (a dbt asset's contract), a few kilobytes instead of the whole manifest.
/// </summary>
public static class DbtManifestSlicer
{
    private static readonly string[] NodeFields =
    [
        "resource_type", "name", "package_name", "database", "schema", "alias", "identifier", "source_name", "description",
        "constraints", "meta", "version", "latest_version", "tags", "fqn", "original_file_path", "path",
    ];

    private static readonly string[] ColumnFields = ["name", "data_type", "description", "constraints", "meta", "tags"];

    private static readonly string[] ConfigFields = ["materialized", "contract", "meta"];

    private static readonly string[] TestFields = ["resource_type", "name", "description", "column_name", "test_metadata"];

    /// <summary>Every node of <paramref name="manifest"/> as a one-node manifest, keyed by unique_id.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Slice(DbtManifest manifest, SchemaLimits limits)
    {
        var root = manifest.Tree ?? StructuredText.Parse(manifest.Source.Content, limits, manifest.Source.Name) as JsonObject
            ?? throw new SchemaParseException("A dbt manifest is a JSON object; this document is not.", new SourceLocation(manifest.Source.DisplayName, Pointer: "/"));
        var nodes = root["nodes"] as JsonObject ?? [];
        var sources = root["sources"] as JsonObject ?? [];
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var node in manifest.Nodes)
        {
            var isSource = node.ResourceType == DbtResourceType.Source;
            var raw = (isSource ? sources[node.UniqueId] : nodes[node.UniqueId]) as JsonObject ?? [];
            var sliceNodes = new JsonObject();
            var sliceSources = new JsonObject();
            (isSource ? sliceSources : sliceNodes)[node.UniqueId] = PruneNode(raw);
            foreach (var testId in node.TestIds)
            {
                if (nodes[testId] is JsonObject test)
                {
                    sliceNodes[testId] = PruneTest(test, node.UniqueId);
                }
            }

            var slice = new JsonObject();
            if (manifest.SchemaVersion is not null)
            {
                slice["metadata"] = new JsonObject { ["dbt_schema_version"] = manifest.SchemaVersion };
            }

            slice["nodes"] = sliceNodes;
            slice["sources"] = sliceSources;
            result[node.UniqueId] = slice;
        }

        return result;
    }

    private static JsonObject PruneNode(JsonObject node)
    {
        var pruned = Copy(node, NodeFields);
        if (node["config"] is JsonObject config)
        {
            pruned["config"] = Copy(config, ConfigFields);
        }

        if (node["columns"] is JsonObject columns)
        {
            var kept = new JsonObject();
            foreach (var (name, column) in columns)
            {
                kept[name] = column is JsonObject c ? Copy(c, ColumnFields) : column?.DeepClone();
            }

            pruned["columns"] = kept;
        }

        if (node["depends_on"] is JsonObject dependsOn && dependsOn["nodes"] is { } dependencies)
        {
            pruned["depends_on"] = new JsonObject { ["nodes"] = dependencies.DeepClone() };
        }

        return pruned;
    }

    /// <summary>The test as the reader sees it, attached to <paramref name="target"/> only (as it was in the whole manifest).</summary>
    private static JsonObject PruneTest(JsonObject test, string target)
    {
        var pruned = Copy(test, TestFields);
        if (test["test_metadata"] is null)
        {
            // A singular test: the reader keeps the first of these as its SQL.
            foreach (var key in new[] { "raw_code", "raw_sql", "compiled_code" })
            {
                if (test[key] is { } sql)
                {
                    pruned[key] = sql.DeepClone();
                    break;
                }
            }
        }

        pruned["attached_node"] = target;
        pruned["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(target) };
        return pruned;
    }

    private static JsonObject Copy(JsonObject source, string[] keys)
    {
        var copy = new JsonObject();
        foreach (var key in keys)
        {
            if (source.TryGetPropertyValue(key, out var value) && value is not null)
            {
                copy[key] = value.DeepClone();
            }
        }

        return copy;
    }
}
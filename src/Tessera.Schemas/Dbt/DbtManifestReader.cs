using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// Reads a dbt <c>manifest.json</c> into a <see cref="DbtManifest"/>: models, seeds and snapshots from <c>nodes</c>,
/// sources from <c>sources</c>, and every test node turned into a guarantee of the nodes it is attached to.
/// Fields that are judged must have the right JSON kind (a clear error with a JSON pointer otherwise); fields
/// only passed through (tags, paths) are skipped when malformed.
/// </summary>
internal static partial class DbtManifestReader
{
    public static DbtManifest Read(SchemaSource source, SchemaLimits limits)
    {
        var root = StructuredText.Parse(source.Content, limits, source.Name);
        var reader = new Reader(source.DisplayName);
        return reader.Read(source, root);
    }

    /// <summary>True when the tree looks like a dbt manifest (used by detection and parsing).</summary>
    public static bool LooksLikeManifest(JsonNode? tree, out bool certain)
    {
        certain = false;
        if (tree is not JsonObject root)
        {
            return false;
        }

        if (root["metadata"] is JsonObject metadata && DbtJson.StringOf(metadata["dbt_schema_version"]) is not null)
        {
            certain = true;
            return true;
        }

        return root["nodes"] is JsonObject && root["sources"] is JsonObject;
    }

    [GeneratedRegex(@"\bref\(\s*['""](?:[^'""]+['""]\s*,\s*['""])?(?<name>[^'""]+)['""](?:\s*,\s*(?:v|version)\s*=\s*['""]?(?<version>[^'""\s)]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex RefTarget();

    [GeneratedRegex(@"\bsource\(\s*['""](?<source>[^'""]+)['""]\s*,\s*['""](?<name>[^'""]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex SourceTarget();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    private sealed class Reader(string sourceName)
    {
        public DbtManifest Read(SchemaSource source, JsonNode root)
        {
            if (root is not JsonObject manifest)
            {
                throw Error("A dbt manifest is a JSON object; this document is not.", "");
            }

            string? schemaVersion = null;
            if (manifest["metadata"] is JsonObject metadata)
            {
                schemaVersion = DbtJson.StringOf(metadata["dbt_schema_version"]);
            }

            if (!manifest.ContainsKey("nodes") && schemaVersion is null)
            {
                throw Error("This is not a dbt manifest: it has neither 'nodes' nor 'metadata.dbt_schema_version'.", "");
            }

            var nodes = OptionalObject(manifest["nodes"], "/nodes");
            var sources = OptionalObject(manifest["sources"], "/sources");

            var drafts = new SortedDictionary<string, DbtNode>(StringComparer.Ordinal);
            var tests = new List<(string Id, JsonObject Node, string Pointer)>();
            foreach (var (id, value) in nodes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var pointer = "/nodes/" + DbtJson.Escape(id);
                var node = RequireObject(value, pointer, "A node");
                var resourceType = OptionalString(node, "resource_type", pointer) ?? id.Split('.')[0];
                switch (resourceType)
                {
                    case "model":
                        drafts[id] = ReadNode(id, node, pointer, DbtResourceType.Model);
                        break;
                    case "seed":
                        drafts[id] = ReadNode(id, node, pointer, DbtResourceType.Seed);
                        break;
                    case "snapshot":
                        drafts[id] = ReadNode(id, node, pointer, DbtResourceType.Snapshot);
                        break;
                    case "test":
                        tests.Add((id, node, pointer));
                        break;
                    default:
                        // analyses, operations, macros and the like are not data contracts.
                        break;
                }
            }

            foreach (var (id, value) in sources.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var pointer = "/sources/" + DbtJson.Escape(id);
                drafts[id] = ReadNode(id, RequireObject(value, pointer, "A source"), pointer, DbtResourceType.Source);
            }

            foreach (var (id, node, pointer) in tests)
            {
                AttachTest(id, node, pointer, drafts);
            }

            return new DbtManifest(source, schemaVersion, [.. drafts.Values]);
        }

        private DbtNode ReadNode(string id, JsonObject node, string pointer, DbtResourceType type)
        {
            var name = OptionalString(node, "name", pointer)
                ?? throw Error("The node has no 'name'.", pointer + "/name");
            var config = OptionalObject(node["config"], pointer + "/config");
            var contract = OptionalObject(config["contract"], pointer + "/config/contract");
            var enforced = contract["enforced"] switch
            {
                null => false,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                _ => throw Error("'enforced' must be true or false.", pointer + "/config/contract/enforced"),
            };

            var guarantees = new DbtGuarantees();
            var columns = new List<DbtColumn>();
            var columnsObject = OptionalObject(node["columns"], pointer + "/columns");
            foreach (var (key, value) in columnsObject)
            {
                var columnPointer = pointer + "/columns/" + DbtJson.Escape(key);
                var column = RequireObject(value, columnPointer, "A column");
                var columnName = OptionalString(column, "name", columnPointer) ?? key;
                var dataType = OptionalString(column, "data_type", columnPointer);
                var description = OptionalString(column, "description", columnPointer) ?? "";
                var columnMeta = column["meta"] as JsonObject;
                var tags = Strings(columnMeta?["tags"]) is { Count: > 0 } metaTags ? metaTags
                    : Strings((columnMeta?["tessera"] as JsonObject)?["tags"]) is { Count: > 0 } tesseraTags ? tesseraTags
                    : Strings(column["tags"]);
                var parsed = new DbtColumn(columnName, dataType, description) { Tags = tags };
                columns.Add(parsed);
                ReadConstraints(column["constraints"], columnPointer + "/constraints", parsed.Key, guarantees);
            }

            ReadConstraints(node["constraints"], pointer + "/constraints", null, guarantees);
            var tessera = ReadTesseraMeta(node, config, pointer);
            if (tessera is not null)
            {
                guarantees.Freshness = OptionalObjectOrNull(tessera["freshness"], pointer + "/meta/tessera/freshness");
                guarantees.Volume = OptionalObjectOrNull(tessera["volume"], pointer + "/meta/tessera/volume");
            }

            var meta = node["meta"] as JsonObject ?? config["meta"] as JsonObject;
            return new DbtNode
            {
                UniqueId = id,
                ResourceType = type,
                PackageName = OptionalString(node, "package_name", pointer),
                Name = name,
                Database = OptionalString(node, "database", pointer),
                Schema = OptionalString(node, "schema", pointer),
                Alias = type == DbtResourceType.Source ? OptionalString(node, "identifier", pointer) : OptionalString(node, "alias", pointer),
                SourceName = type == DbtResourceType.Source ? OptionalString(node, "source_name", pointer) : null,
                Description = OptionalString(node, "description", pointer) ?? "",
                Columns = columns,
                Materialized = type == DbtResourceType.Source ? null : OptionalString(config, "materialized", pointer + "/config"),
                ContractEnforced = enforced,
                Version = VersionText(node["version"], pointer + "/version"),
                LatestVersion = VersionText(node["latest_version"], pointer + "/latest_version"),
                Tags = Strings(node["tags"]),
                MetaTags = Strings(meta?["tags"]),
                DbtFqn = Strings(node["fqn"]),
                Path = DbtJson.StringOf(node["original_file_path"]) ?? DbtJson.StringOf(node["path"]),
                DependsOn = node["depends_on"] is JsonObject dependsOn ? Strings(dependsOn["nodes"]) : [],
                Tessera = tessera,
                Guarantees = guarantees,
                Pointer = pointer,
            };
        }

        private JsonObject? ReadTesseraMeta(JsonObject node, JsonObject config, string pointer)
        {
            foreach (var (meta, metaPointer) in new[] { (node["meta"], pointer + "/meta"), (config["meta"], pointer + "/config/meta") })
            {
                var metaObject = OptionalObject(meta, metaPointer);
                if (metaObject["tessera"] is { } tessera)
                {
                    return RequireObject(tessera, metaPointer + "/tessera", "'meta.tessera'");
                }
            }

            return null;
        }

        /// <summary>
        /// Constraints of enforced contracts (dbt ≥ 1.5) are guarantees as much as tests are: on a column
        /// (<paramref name="columnKey"/> set) or on the model with a <c>columns</c> list.
        /// </summary>
        private void ReadConstraints(JsonNode? node, string pointer, string? columnKey, DbtGuarantees guarantees)
        {
            if (node is null)
            {
                return;
            }

            if (node is not JsonArray constraints)
            {
                throw Error("'constraints' must be an array.", pointer);
            }

            for (var i = 0; i < constraints.Count; i++)
            {
                var constraintPointer = $"{pointer}/{i}";
                var constraint = RequireObject(constraints[i], constraintPointer, "A constraint");
                var kind = OptionalString(constraint, "type", constraintPointer)
                    ?? throw Error("The constraint has no 'type'.", constraintPointer + "/type");
                IReadOnlyList<string> columns = columnKey is not null
                    ? [columnKey]
                    : [.. Strings(constraint["columns"]).Select(c => ColumnKey(c)).OfType<string>().Distinct(StringComparer.Ordinal)];
                var to = OptionalString(constraint, "to", constraintPointer) ?? OptionalString(constraint, "expression", constraintPointer);
                switch (kind)
                {
                    case "not_null" when columns.Count > 0:
                        foreach (var column in columns)
                        {
                            guarantees.AddNotNull(column);
                        }

                        break;
                    case "primary_key" or "unique" when columns.Count > 0:
                        foreach (var column in kind == "primary_key" ? columns : [])
                        {
                            guarantees.AddNotNull(column);
                        }

                        if (columns.Count == 1)
                        {
                            guarantees.AddUnique(columns[0]);
                        }
                        else
                        {
                            // Only the combination is unique: that is not a per-column uniqueness guarantee.
                            AddConstraint(guarantees, kind, columns, constraint);
                        }

                        break;
                    case "foreign_key" when columns.Count == 1 && to is not null:
                        var field = constraint["to_columns"] is JsonArray toColumns && toColumns.Count > 0 ? DbtJson.StringOf(toColumns[0]) : null;
                        guarantees.AddRelationship(columns[0], new JsonObject { ["to"] = NormalizeCode(to), ["field"] = field?.ToLowerInvariant() });
                        break;
                    default:
                        AddConstraint(guarantees, kind, columns, constraint);
                        break;
                }
            }
        }

        private static void AddConstraint(DbtGuarantees guarantees, string kind, IReadOnlyList<string> columns, JsonObject constraint)
        {
            var entry = new JsonObject { ["type"] = "constraint." + kind };
            string key;
            if (columns.Count == 1)
            {
                entry["column"] = columns[0];
                key = $"constraint.{kind}.{columns[0]}";
            }
            else
            {
                key = columns.Count == 0 ? $"constraint.{kind}" : $"constraint.{kind}({string.Join(",", columns)})";
            }

            entry["kwargs"] = DbtJson.Sorted(Without(constraint, "type", "name", "warn_unenforced", "warn_unsupported"));
            guarantees.AddCustom(key, entry);
        }

        private void AttachTest(string id, JsonObject test, string pointer, SortedDictionary<string, DbtNode> nodes)
        {
            var dependsOn = OptionalObject(test["depends_on"], pointer + "/depends_on");
            var targets = new List<string>();
            if (OptionalString(test, "attached_node", pointer) is { } attached)
            {
                targets.Add(attached);
            }
            else if (dependsOn["nodes"] is not null)
            {
                if (dependsOn["nodes"] is not JsonArray dependencies)
                {
                    throw Error("'depends_on.nodes' must be an array of node ids.", pointer + "/depends_on/nodes");
                }

                for (var i = 0; i < dependencies.Count; i++)
                {
                    targets.Add(DbtJson.StringOf(dependencies[i])
                        ?? throw Error("A node id must be a string.", $"{pointer}/depends_on/nodes/{i}"));
                }
            }

            targets = [.. targets.Where(nodes.ContainsKey).Distinct(StringComparer.Ordinal)];
            if (targets.Count == 0)
            {
                return;
            }

            if (test["test_metadata"] is null)
            {
                AttachSingular(id, test, pointer, targets, nodes);
                return;
            }

            var metadata = RequireObject(test["test_metadata"], pointer + "/test_metadata", "'test_metadata'");
            var name = OptionalString(metadata, "name", pointer + "/test_metadata")
                ?? throw Error("The test has no 'test_metadata.name'.", pointer + "/test_metadata/name");
            var ns = OptionalString(metadata, "namespace", pointer + "/test_metadata");
            var kwargs = OptionalObject(metadata["kwargs"], pointer + "/test_metadata/kwargs");
            var column = ColumnKey(DbtJson.StringOf(kwargs["column_name"]) ?? OptionalString(test, "column_name", pointer));

            if (targets.Count > 1 && test["attached_node"] is null)
            {
                // Without attached_node, the tested node is the one in kwargs.model ({{ get_where_subquery(ref('x')) }});
                // a relationships test also depends on the node it points to, which it guarantees nothing about.
                var tested = Referenced(DbtJson.StringOf(kwargs["model"]), nodes, anchored: false);
                var referenced = name == "relationships" ? Referenced(DbtJson.StringOf(kwargs["to"]), nodes, anchored: true) : null;
                if (tested is not null && targets.Contains(tested))
                {
                    targets = [tested];
                }
                else if (referenced is not null && targets.Any(t => t != referenced))
                {
                    targets = [.. targets.Where(t => t != referenced)];
                }
            }

            foreach (var target in targets)
            {
                var guarantees = nodes[target].Guarantees;
                switch (ns is null or "dbt" ? name : null)
                {
                    case "not_null" when column is not null:
                        guarantees.AddNotNull(column);
                        break;
                    case "unique" when column is not null:
                        guarantees.AddUnique(column);
                        break;
                    case "accepted_values" when column is not null && AcceptedValues(kwargs["values"]) is { Count: > 0 } values:
                        guarantees.AddAcceptedValues(column, values);
                        break;
                    case "relationships" when column is not null && DbtJson.StringOf(kwargs["to"]) is { } to:
                        guarantees.AddRelationship(column, new JsonObject
                        {
                            ["to"] = NormalizeCode(to),
                            ["field"] = DbtJson.StringOf(kwargs["field"])?.ToLowerInvariant(),
                        });
                        break;
                    default:
                        {
                            var type = ns is null or "dbt" ? name : $"{ns}.{name}";
                            var entry = new JsonObject { ["type"] = type };
                            if (column is not null)
                            {
                                entry["column"] = column;
                            }

                            entry["kwargs"] = DbtJson.Sorted(Without(kwargs, "model", "column_name"));
                            guarantees.AddCustom(column is null ? type : $"{type}.{column}", entry);
                            break;
                        }
                }
            }
        }

        private void AttachSingular(string id, JsonObject test, string pointer, List<string> targets, SortedDictionary<string, DbtNode> nodes)
        {
            var name = OptionalString(test, "name", pointer) ?? id.Split('.')[^1];
            var sql = OptionalString(test, "raw_code", pointer) ?? OptionalString(test, "raw_sql", pointer)
                ?? OptionalString(test, "compiled_code", pointer) ?? "";
            foreach (var target in targets)
            {
                nodes[target].Guarantees.AddCustom("singular." + name, new JsonObject
                {
                    ["type"] = "singular",
                    ["name"] = name,
                    ["description"] = OptionalString(test, "description", pointer) ?? "",
                    ["sql"] = Whitespace().Replace(sql, " ").Trim(),
                });
            }
        }

        /// <summary>The node a <c>ref('x')</c> / <c>ref('pkg', 'x')</c> / <c>source('s', 't')</c> call names, if the manifest has it.</summary>
        private static string? Referenced(string? code, SortedDictionary<string, DbtNode> nodes, bool anchored)
        {
            if (code is null)
            {
                return null;
            }

            var reference = RefTarget().Match(code);
            if (reference.Success && (!anchored || code[..reference.Index].Trim().Length == 0))
            {
                var name = reference.Groups["name"].Value;
                var version = reference.Groups["version"].Success ? reference.Groups["version"].Value : null;
                var candidates = nodes.Values.Where(n => n.ResourceType != DbtResourceType.Source && n.Name == name).ToList();
                return (candidates.FirstOrDefault(n => version is null ? n.Version is null || n.Version == n.LatestVersion : n.Version == version)
                    ?? (candidates.Count == 1 ? candidates[0] : null))?.UniqueId;
            }

            var source = SourceTarget().Match(code);
            return source.Success && (!anchored || code[..source.Index].Trim().Length == 0)
                ? nodes.Values.FirstOrDefault(n => n.ResourceType == DbtResourceType.Source
                    && n.SourceName == source.Groups["source"].Value && n.Name == source.Groups["name"].Value)?.UniqueId
                : null;
        }

        private static List<string>? AcceptedValues(JsonNode? values)
        {
            if (values is not JsonArray array)
            {
                return null;
            }

            var result = new List<string>();
            foreach (var value in array)
            {
                if (DbtJson.ScalarText(value) is not { } text)
                {
                    return null;
                }

                result.Add(text);
            }

            return result;
        }

        private static string? ColumnKey(string? column)
        {
            if (string.IsNullOrWhiteSpace(column))
            {
                return null;
            }

            var trimmed = column.Trim();
            if (trimmed.Length >= 2 && trimmed[0] == trimmed[^1] && trimmed[0] is '"' or '`')
            {
                trimmed = trimmed[1..^1];
            }

            return trimmed.ToLowerInvariant();
        }

        private static string NormalizeCode(string code) => Whitespace().Replace(code, "").Replace('"', '\'');

        private static JsonObject Without(JsonObject obj, params string[] keys)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in obj)
            {
                if (!keys.Contains(key, StringComparer.Ordinal))
                {
                    copy[key] = value?.DeepClone();
                }
            }

            return copy;
        }

        private static IReadOnlyList<string> Strings(JsonNode? node) =>
            node is JsonArray array ? [.. array.Select(DbtJson.StringOf).OfType<string>()] : [];

        private string? VersionText(JsonNode? node, string pointer) => node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => throw Error("A model version must be a string or a number.", pointer),
        };

        private string? OptionalString(JsonObject obj, string key, string pointer) => obj[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Error($"'{key}' must be a string.", pointer + "/" + DbtJson.Escape(key)),
        };

        private JsonObject OptionalObject(JsonNode? node, string pointer) => node switch
        {
            null => [],
            JsonObject obj => obj,
            _ => throw Error("This must be an object.", pointer),
        };

        private JsonObject? OptionalObjectOrNull(JsonNode? node, string pointer) => node switch
        {
            null => null,
            JsonObject obj => obj.Count == 0 ? null : obj,
            _ => throw Error("This must be an object.", pointer),
        };

        private JsonObject RequireObject(JsonNode? node, string pointer, string what) =>
            node as JsonObject ?? throw Error($"{what} must be an object.", pointer);

        private SchemaParseException Error(string message, string pointer) =>
            new(message, new SourceLocation(sourceName, Pointer: pointer.Length == 0 ? "/" : pointer));
    }
}
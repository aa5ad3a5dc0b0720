using System.Text.Json.Nodes;

namespace Tessera.Core.Impact;

/// <summary>
/// Suggests how to ship a breaking JSON Schema change without breaking anyone (compatibility.md §6, with the fix
/// of §8.27: paths are the engine's real paths, so <c>….required</c>, <c>….type</c>, <c>….enum</c> and
/// <c>….const</c> findings are understood). Rules: a removed property comes back deprecated; newly required
/// fields become optional with a default; a changed type keeps the old field (deprecated) next to a new
/// <c>&lt;name&gt;_v2</c>; removed enum values come back; a tightened constraint is restored. Non-overlapping fixes
/// are composed into one suggestion; overlapping ones stand alone. Inputs are never changed.
/// </summary>
public static class MigrationSuggester
{
    private static readonly HashSet<string> ConstraintKeywords = new(StringComparer.Ordinal)
    {
        "maxLength", "minLength", "maxItems", "minItems", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "pattern", "format",
        "minProperties", "maxProperties", "multipleOf", "uniqueItems", "additionalProperties", "minContains", "maxContains",
    };

    private enum Confidence { Low, Medium, High }

    private sealed record Fix(string Strategy, Confidence Confidence, string Description, string Path, Func<JsonObject, bool> Apply);

    /// <summary>Suggestions for the blocking <paramref name="breaking"/> changes (wire findings) from <paramref name="oldSchema"/> to <paramref name="newSchema"/>.</summary>
    public static JsonArray Suggest(JsonObject oldSchema, JsonObject newSchema, JsonArray breaking)
    {
        // Broader fixes first (a kept old property already undoes a tightened keyword inside it); stable otherwise.
        var fixes = breaking.OfType<JsonObject>().Select(f => Plan(oldSchema, newSchema, f)).OfType<Fix>()
            .OrderBy(f => f.Path.Length == 0 ? 0 : f.Path.Count(c => c == '.') + 1).ToList();
        if (fixes.Count == 0)
        {
            return [];
        }

        var composed = (JsonObject)newSchema.DeepClone();
        var used = new List<Fix>();
        var standalone = new List<(Fix Fix, JsonObject Schema)>();
        foreach (var fix in fixes)
        {
            if (used.Any(u => Overlaps(u.Path, fix.Path)))
            {
                var alone = (JsonObject)newSchema.DeepClone();
                if (fix.Apply(alone))
                {
                    standalone.Add((fix, alone));
                }

                continue;
            }

            if (fix.Apply(composed))
            {
                used.Add(fix);
            }
        }

        var result = new JsonArray();
        if (used.Count > 0)
        {
            var strategies = used.Select(u => u.Strategy).Distinct().ToList();
            result.Add(Suggestion(strategies.Count == 1 ? strategies[0] : "mixed", used.Min(u => u.Confidence),
                used.Count == 1 ? used[0].Description : "Composed migration: " + string.Join("; ", used.Select(u => u.Description)), composed,
                used.Select(u => u.Description)));
        }

        foreach (var (fix, schema) in standalone)
        {
            result.Add(Suggestion(fix.Strategy, fix.Confidence, fix.Description, schema, [fix.Description]));
        }

        return result;
    }

    private static JsonObject Suggestion(string strategy, Confidence confidence, string description, JsonObject schema, IEnumerable<string> changes) => new()
    {
        ["strategy"] = strategy,
        ["description"] = description,
        ["confidence"] = confidence.ToString().ToLowerInvariant(),
        ["suggested_schema"] = schema.DeepClone(),
        ["changes_made"] = new JsonArray([.. changes.Select(c => (JsonNode)c)]),
    };

    private static Fix? Plan(JsonObject oldSchema, JsonObject newSchema, JsonObject finding)
    {
        var type = (string?)finding["type"];
        var path = (string?)finding["path"] ?? "";
        var segments = path.Length == 0 ? [] : path.Split('.');
        switch (type)
        {
            case "property_removed" when IsProperty(segments):
                {
                    var name = segments[^1];
                    var old = Navigate(oldSchema, segments) as JsonObject;
                    if (old is null)
                    {
                        return null;
                    }

                    var parent = segments[..^2];
                    var wasRequired = (Navigate(oldSchema, parent) as JsonObject)?["required"] is JsonArray r && r.Any(n => Text(n) == name);
                    return new Fix("deprecate", Confidence.High, $"Re-add '{name}' marked deprecated instead of removing it", path, schema =>
                    {
                        if (Navigate(schema, [.. parent, "properties"], create: true) is not JsonObject properties)
                        {
                            return false;
                        }

                        var restored = (JsonObject)old.DeepClone();
                        restored["deprecated"] = true;
                        restored["description"] = "Deprecated: " + (Text(old["description"]) ?? "scheduled for removal in a later major version.");
                        properties[name] = restored;
                        if (wasRequired && Navigate(schema, parent) is JsonObject owner)
                        {
                            AddRequired(owner, name);
                        }

                        return true;
                    });
                }

            case "required_added" when segments.Length == 0 || segments[^1] == "required":
                {
                    var owner = segments.Length == 0 ? [] : segments[..^1];
                    var oldNames = Names(finding["old_value"]);
                    var added = Names(finding["new_value"]).Where(n => !oldNames.Contains(n)).ToList();
                    if (added.Count == 0)
                    {
                        return null;
                    }

                    var node = Navigate(newSchema, owner) as JsonObject;
                    var defaulted = added.All(n => DefaultFor((node?["properties"] as JsonObject)?[n] as JsonObject) is not null);
                    return new Fix("default", defaulted ? Confidence.High : Confidence.Medium,
                        $"Keep {string.Join(", ", added.Select(n => $"'{n}'"))} optional with a default", string.Join('.', [.. owner, "required"]), schema =>
                        {
                            if (Navigate(schema, owner) is not JsonObject target || target["required"] is not JsonArray required)
                            {
                                return false;
                            }

                            foreach (var item in required.Where(n => added.Contains(Text(n) ?? "")).ToList())
                            {
                                required.Remove(item);
                            }

                            if (required.Count == 0)
                            {
                                target.Remove("required");
                            }

                            foreach (var name in added)
                            {
                                if ((target["properties"] as JsonObject)?[name] is JsonObject property && !property.ContainsKey("default")
                                    && DefaultFor(property) is { } value)
                                {
                                    property["default"] = value;
                                }
                            }

                            return true;
                        });
                }

            case "type_changed" or "type_narrowed" when segments.Length >= 3 && segments[^1] == "type" && IsProperty(segments[..^1]):
                {
                    var property = segments[..^1];
                    var name = property[^1];
                    var old = Navigate(oldSchema, property) as JsonObject;
                    var updated = Navigate(newSchema, property) as JsonObject;
                    if (old is null || updated is null)
                    {
                        return null;
                    }

                    return new Fix("additive", Confidence.Medium, $"Keep '{name}' with its old type (deprecated) and add '{name}_v2' with the new type",
                        string.Join('.', property), schema =>
                        {
                            if (Navigate(schema, property[..^1]) is not JsonObject properties)
                            {
                                return false;
                            }

                            var kept = (JsonObject)old.DeepClone();
                            kept["deprecated"] = true;
                            kept["description"] = $"Deprecated: use {name}_v2. " + (Text(old["description"]) ?? "");
                            properties[name] = kept;
                            properties[name + "_v2"] = updated.DeepClone();
                            return true;
                        });
                }

            case "enum_values_removed" when segments.Length >= 1 && segments[^1] is "enum" or "const":
                {
                    var owner = segments[..^1];
                    var oldNode = Navigate(oldSchema, owner) as JsonObject;
                    var oldValues = Values(oldNode);
                    var newValues = Values(Navigate(newSchema, owner) as JsonObject);
                    var removed = oldValues.Where(o => !newValues.Any(n => JsonNode.DeepEquals(o, n))).ToList();
                    if (removed.Count == 0)
                    {
                        return null;
                    }

                    return new Fix("deprecate", Confidence.High, $"Keep the removed value(s) {string.Join(", ", removed.Select(v => v?.ToJsonString()))} as deprecated",
                        string.Join('.', [.. owner, "enum"]), schema =>
                        {
                            if (Navigate(schema, owner) is not JsonObject target)
                            {
                                return false;
                            }

                            var values = new JsonArray([.. Values(target).Concat(removed).Select(v => v?.DeepClone())]);
                            target.Remove("const");
                            target["enum"] = values;
                            var note = "Deprecated values: " + string.Join(", ", removed.Select(v => v?.ToJsonString())) + ".";
                            target["description"] = Text(target["description"]) is { Length: > 0 } d ? d + " " + note : note;
                            return true;
                        });
                }

            case "constraint_tightened" when segments.Length >= 1 && ConstraintKeywords.Contains(segments[^1]):
                {
                    var owner = segments[..^1];
                    var keyword = segments[^1];
                    var oldOwner = Navigate(oldSchema, owner) as JsonObject;
                    var oldValue = oldOwner?[keyword]?.DeepClone();
                    var had = oldOwner?.ContainsKey(keyword) == true;
                    return new Fix("keep_constraint", Confidence.High,
                        had ? $"Keep {keyword} at {oldValue?.ToJsonString() ?? "null"} on '{Describe(owner)}'" : $"Do not add {keyword} to '{Describe(owner)}'", path, schema =>
                        {
                            if (Navigate(schema, owner) is not JsonObject target)
                            {
                                return false;
                            }

                            if (had)
                            {
                                target[keyword] = oldValue?.DeepClone();
                            }
                            else
                            {
                                target.Remove(keyword);
                            }

                            return true;
                        });
                }

            default:
                return null;
        }
    }

    private static bool IsProperty(string[] segments) => segments.Length >= 2 && segments[^2] == "properties";

    private static string Describe(string[] segments) => segments.Length == 0 ? "(root)" : string.Join('.', segments);

    /// <summary>True when one path equals the other or contains it on a <c>.</c> boundary.</summary>
    private static bool Overlaps(string a, string b) =>
        a == b || a.Length == 0 || b.Length == 0 || a.StartsWith(b + ".", StringComparison.Ordinal) || b.StartsWith(a + ".", StringComparison.Ordinal);

    private static JsonNode? Navigate(JsonObject root, IReadOnlyList<string> segments, bool create = false)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            if (node is not JsonObject obj)
            {
                return null;
            }

            if (!obj.TryGetPropertyValue(segment, out var next) || next is null)
            {
                if (!create)
                {
                    return null;
                }

                next = new JsonObject();
                obj[segment] = next;
            }

            node = next;
        }

        return node;
    }

    private static void AddRequired(JsonObject owner, string name)
    {
        if (owner["required"] is not JsonArray required)
        {
            required = [];
            owner["required"] = required;
        }

        if (!required.Any(n => Text(n) == name))
        {
            required.Add(name);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<string> Names(JsonNode? node) => node is JsonArray array ? [.. array.Select(Text).OfType<string>()] : [];

    private static List<JsonNode?> Values(JsonObject? node) => node switch
    {
        null => [],
        _ when node["enum"] is JsonArray values => [.. values],
        _ when node.ContainsKey("const") => [node["const"]],
        _ => [],
    };

    private static JsonNode? DefaultFor(JsonObject? property) => Text(property?["type"]) switch
    {
        "string" => "",
        "integer" or "number" => 0,
        "boolean" => false,
        "array" => new JsonArray(),
        "object" => new JsonObject(),
        _ => null,
    };
}
using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Schemas;

namespace Tessera.Core.Ingestion;

/// <summary>What a format reader made of a request: the items to import, non-fatal problems, and the document's header fields.</summary>
/// <param name="Items">One per operation, root field, RPC or named type, in document order.</param>
/// <param name="ParseErrors">Problems that did not stop the document from being read (each also reported on its item).</param>
/// <param name="Info">Header fields the wire response carries (<c>api_title</c>, <c>package</c>, ...).</param>
public sealed record ImportSet(IReadOnlyList<ImportItem> Items, IReadOnlyList<string> ParseErrors, JsonObject Info);

/// <summary>Helpers the format readers share.</summary>
internal static class ImportJson
{
    /// <summary>The node a local <c>#/...</c> pointer names, or null.</summary>
    public static JsonNode? Resolve(JsonNode root, string pointer)
    {
        if (pointer == "#" || pointer.Length == 0)
        {
            return root;
        }

        if (!pointer.StartsWith("#/", StringComparison.Ordinal) && !pointer.StartsWith('/'))
        {
            return null;
        }

        var current = root;
        foreach (var raw in pointer.TrimStart('#')[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Follows <c>$ref</c> hops (at most 32) from <paramref name="node"/>.</summary>
    public static JsonNode? Deref(JsonNode root, JsonNode? node)
    {
        for (var hops = 0; hops < 32 && node is JsonObject obj && obj["$ref"] is JsonValue value && value.GetValueKind() == JsonValueKind.String; hops++)
        {
            node = Resolve(root, value.GetValue<string>());
        }

        return node;
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// Merges guarantee objects in order: <c>nullability</c> and <c>accepted_values</c> maps key by key, <c>custom</c> lists
    /// appended, anything else replaced (compatibility.md §4.1). Null when the result is empty.
    /// </summary>
    public static JsonObject? MergeGuarantees(params JsonObject?[] parts)
    {
        var merged = new JsonObject();
        foreach (var part in parts)
        {
            if (part is null)
            {
                continue;
            }

            foreach (var (key, value) in part)
            {
                if (key is "nullability" or "accepted_values" && value is JsonObject map)
                {
                    if (merged[key] is not JsonObject target)
                    {
                        merged[key] = target = [];
                    }

                    foreach (var (member, memberValue) in map)
                    {
                        target[member] = memberValue?.DeepClone();
                    }
                }
                else if (key == "custom" && value is JsonArray list && merged[key] is JsonArray existing)
                {
                    foreach (var entry in list)
                    {
                        existing.Add(entry?.DeepClone());
                    }
                }
                else
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }

        return merged.Count == 0 ? null : merged;
    }

    /// <summary>A parse failure as a 400 with the engine's message (and its location) in <c>details.errors</c>.</summary>
    public static DomainException Invalid(string code, string what, SchemaParseException e)
    {
        var details = new Dictionary<string, object?> { ["errors"] = new JsonArray(e.Message) };
        if (e.Location is { } location)
        {
            details["location"] = location.ToString();
        }

        return DomainException.Bad(code, $"{what}: {e.Message}", details);
    }

    public static string Write(JsonNode node) => StoredJson.Write(node);
}
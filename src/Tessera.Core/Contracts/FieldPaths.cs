using System.Text.Json.Nodes;

namespace Tessera.Core.Contracts;

/// <summary>
/// JSON paths of the fields of a JSON Schema (<c>$.properties.a</c>, <c>$.properties.a.properties.b</c>,
/// <c>….items.properties.c</c>, branches of allOf/anyOf/oneOf merged), used to carry field descriptions and
/// tags forward to a new version for the fields that still exist. Iterative and bounded.
/// </summary>
public static class FieldPaths
{
    private const int MaxPaths = 100_000;

    public static HashSet<string> Collect(JsonNode? schema)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(JsonNode Node, string Prefix)>();
        if (schema is not null)
        {
            stack.Push((schema, "$"));
        }

        while (stack.Count > 0 && paths.Count < MaxPaths)
        {
            var (node, prefix) = stack.Pop();
            if (node is not JsonObject obj)
            {
                continue;
            }

            if (obj["properties"] is JsonObject props)
            {
                foreach (var (name, child) in props)
                {
                    var path = $"{prefix}.properties.{name}";
                    paths.Add(path);
                    if (child is not null)
                    {
                        stack.Push((child, path));
                    }
                }
            }

            if (obj["items"] is JsonObject items)
            {
                stack.Push((items, prefix + ".items"));
            }

            foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
            {
                if (obj[keyword] is JsonArray branches)
                {
                    foreach (var branch in branches.OfType<JsonObject>())
                    {
                        stack.Push((branch, prefix));
                    }
                }
            }
        }

        return paths;
    }

    /// <summary>Old entries for paths that still exist, overridden by <paramref name="supplied"/>.</summary>
    public static JsonObject CarryForward(JsonObject previous, JsonObject supplied, string newSchemaJson)
    {
        var paths = Collect(JsonNode.Parse(newSchemaJson));
        var result = new JsonObject();
        foreach (var (path, value) in previous)
        {
            if (paths.Contains(path))
            {
                result[path] = value?.DeepClone();
            }
        }

        foreach (var (path, value) in supplied)
        {
            result[path] = value?.DeepClone();
        }

        return result;
    }
}
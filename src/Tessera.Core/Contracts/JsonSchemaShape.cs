using System.Text.Json.Nodes;

namespace Tessera.Core.Contracts;

/// <summary>
/// The structural rules of the JSON Schema meta-schema that matter for judging a contract: keyword values of the
/// right kind (<c>type</c> a known type name or a list of them, <c>properties</c> an object of schemas,
/// <c>required</c> a list of strings, …). Returns the problems as <c>"&lt;path&gt;: &lt;message&gt;"</c>. Iterative.
/// </summary>
public static class JsonSchemaShape
{
    private static readonly HashSet<string> Types = ["string", "number", "integer", "boolean", "object", "array", "null"];

    public static IReadOnlyList<string> Check(JsonObject root)
    {
        var errors = new List<string>();
        var stack = new Stack<(JsonNode? Node, string Path)>();
        stack.Push((root, "$"));
        while (stack.Count > 0 && errors.Count < 20)
        {
            var (node, path) = stack.Pop();
            if (node is JsonValue value && value.TryGetValue<bool>(out _))
            {
                continue;
            }

            if (node is not JsonObject schema)
            {
                errors.Add($"{path}: a schema must be an object or a boolean");
                continue;
            }

            if (schema["type"] is { } type && !ValidType(type))
            {
                errors.Add($"{path}.type: must be one of {string.Join(", ", Types.Order())} or a list of them");
            }

            if (schema["required"] is { } required && (required is not JsonArray list || list.Any(r => r is not JsonValue v || !v.TryGetValue<string>(out _))))
            {
                errors.Add($"{path}.required: must be a list of property names");
            }

            if (schema["enum"] is { } e && e is not JsonArray)
            {
                errors.Add($"{path}.enum: must be a list");
            }

            foreach (var keyword in new[] { "properties", "patternProperties", "$defs", "definitions" })
            {
                if (schema[keyword] is null)
                {
                    continue;
                }

                if (schema[keyword] is not JsonObject members)
                {
                    errors.Add($"{path}.{keyword}: must be an object of schemas");
                    continue;
                }

                foreach (var (name, child) in members)
                {
                    stack.Push((child, $"{path}.{keyword}.{name}"));
                }
            }

            foreach (var keyword in new[] { "items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "additionalItems" })
            {
                if (schema[keyword] is { } child)
                {
                    if (keyword == "items" && child is JsonArray tuple)
                    {
                        for (var i = 0; i < tuple.Count; i++)
                        {
                            stack.Push((tuple[i], $"{path}.items[{i}]"));
                        }
                    }
                    else
                    {
                        stack.Push((child, $"{path}.{keyword}"));
                    }
                }
            }

            foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
            {
                if (schema[keyword] is null)
                {
                    continue;
                }

                if (schema[keyword] is not JsonArray branches || branches.Count == 0)
                {
                    errors.Add($"{path}.{keyword}: must be a non-empty list of schemas");
                    continue;
                }

                for (var i = 0; i < branches.Count; i++)
                {
                    stack.Push((branches[i], $"{path}.{keyword}[{i}]"));
                }
            }

            foreach (var keyword in new[] { "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" })
            {
                if (schema[keyword] is { } n && (n is not JsonValue nv || !nv.TryGetValue<long>(out var count) || count < 0))
                {
                    errors.Add($"{path}.{keyword}: must be a non-negative integer");
                }
            }
        }

        return errors;
    }

    private static bool ValidType(JsonNode type) => type switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => Types.Contains(s),
        JsonArray a => a.Count > 0 && a.All(t => t is JsonValue v && v.TryGetValue<string>(out var s) && Types.Contains(s)),
        _ => false,
    };
}
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>Small JSON conveniences the dbt reader and comparer share.</summary>
internal static class DbtJson
{
    /// <summary>Compact JSON with object keys sorted, so equal values give equal text whatever their key order.</summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        return sb.ToString();
    }

    /// <summary>A copy of <paramref name="node"/> with object keys sorted (for stable output).</summary>
    public static JsonNode? Sorted(JsonNode? node) =>
        node is null ? null : JsonNode.Parse(Canonical(node), documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth + 2 });

    /// <summary>Deepest value <see cref="Canonical"/> writes out; deeper parts become null (parsing already bounds depth).</summary>
    private const int MaxDepth = 512;

    /// <summary>A JSON scalar as text: strings as they are, numbers and booleans as written; null for objects and arrays.</summary>
    public static string? ScalarText(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A JSON pointer segment (RFC 6901).</summary>
    public static string Escape(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        // The parser already bounded the depth (SchemaLimits.MaxDepth); this guard only keeps that promise local.
        if (depth > MaxDepth)
        {
            sb.Append("null");
            return;
        }

        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(JsonValue.Create(key).ToJsonString()).Append(':');
                    Write(sb, value, depth + 1);
                }

                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, array[i], depth + 1);
                }

                sb.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                // 1 and 1.0 are the same number (compatibility.md §8.30).
                sb.Append(double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? d.ToString("R", CultureInfo.InvariantCulture)
                    : value.ToJsonString());
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
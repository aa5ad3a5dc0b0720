using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>
/// Value semantics the comparer uses: numbers are equal when numerically equal (<c>10</c> = <c>10.0</c>),
/// booleans are never equal to numbers (a deliberate deviation from the Python original, compatibility.md §8.30),
/// strings compare ordinally, arrays in order and objects by key set.
/// </summary>
internal static class JsonValues
{
    /// <summary>The JSON Schema type name of a value: null, boolean, integer, number, string, array or object.</summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => TryNumber(value, out var d) && d == Math.Floor(d) ? "integer" : "number",
            JsonValueKind.Null => "null",
            _ => "unknown",
        },
        _ => "unknown",
    };

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    public static bool TryNumber(JsonNode? node, out decimal number)
    {
        number = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = value.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        // Beyond decimal's range: clamp through double so comparisons still order correctly.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d))
        {
            number = d > 0 ? decimal.MaxValue : decimal.MinValue;
            return true;
        }

        return false;
    }

    public static bool TryBool(JsonNode? node, out bool value)
    {
        value = false;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValueKind() == JsonValueKind.True;
            return true;
        }

        return false;
    }

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool Equal(JsonNode? a, JsonNode? b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>A canonical text of a value: equal values give equal text (numbers normalised, object keys sorted).</summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        return sb.ToString();
    }

    /// <summary>Deepest value <see cref="Canonical"/> writes (parsed documents are bounded far below by SchemaLimits.MaxDepth).</summary>
    public const int MaxCanonicalDepth = 512;

    private static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        if (depth > MaxCanonicalDepth)
        {
            // A hand-built tree is not bounded by the parser.
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), MaxCanonicalDepth, "The nesting depth of a compared value");
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
                    sb.Append(JsonSerializer.Serialize(key)).Append(':');
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
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.Number:
                        sb.Append(TryNumber(value, out var d) ? NumberText(d) : value.ToJsonString());
                        break;
                    case JsonValueKind.String:
                        sb.Append(JsonSerializer.Serialize(value.GetValue<string>()));
                        break;
                    default:
                        sb.Append(value.ToJsonString());
                        break;
                }

                break;
        }
    }

    private static string NumberText(decimal d)
    {
        var text = d.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>A copy of the values sorted by their canonical text (deterministic old/new lists).</summary>
    public static JsonArray SortedArray(IEnumerable<JsonNode?> values) =>
        new([.. values.Select(v => (Text: Canonical(v), Node: v)).OrderBy(x => x.Text, StringComparer.Ordinal).Select(x => x.Node?.DeepClone())]);

    public static JsonArray StringArray(IEnumerable<string> values) =>
        new([.. values.OrderBy(v => v, StringComparer.Ordinal).Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>A short text of a value for messages.</summary>
    public static string Show(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        var text = node.ToJsonString();
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
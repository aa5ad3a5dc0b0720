using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.OpenApi;

/// <summary>Local <c>$ref</c> values (<c>#/components/schemas/User</c>) and JSON pointers into one document.</summary>
internal static class LocalReference
{
    /// <summary>True when <paramref name="reference"/> points into the same document (<c>#</c> or <c>#/...</c>).</summary>
    public static bool IsLocalPointer(string reference) => reference == "#" || reference.StartsWith("#/", StringComparison.Ordinal);

    /// <summary>The node a local reference points at, or null when it does not resolve.</summary>
    public static JsonNode? Resolve(JsonNode root, string reference)
    {
        if (!IsLocalPointer(reference))
        {
            return null;
        }

        JsonNode? current = root;
        foreach (var token in Tokens(reference))
        {
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    current = child;
                    break;
                case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    current = array[index];
                    break;
                default:
                    return null;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The decoded reference tokens of a local reference (<c>~1</c> → <c>/</c>, <c>~0</c> → <c>~</c>, percent-decoding).</summary>
    public static IReadOnlyList<string> Tokens(string reference)
    {
        var pointer = reference.Length > 1 ? reference[2..] : "";
        if (pointer.Length == 0 && reference.Length <= 2)
        {
            return reference == "#/" ? [""] : [];
        }

        return [.. pointer.Split('/').Select(t => Uri.UnescapeDataString(t).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    /// <summary>Appends one token to a JSON pointer, escaping <c>~</c> and <c>/</c>.</summary>
    public static string Append(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A readable name for a reference target, used for synthetic <c>$defs</c> names.</summary>
    public static string Slug(string reference)
    {
        var sb = new StringBuilder();
        foreach (var token in Tokens(reference))
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            sb.Append(token);
        }

        return sb.Length == 0 ? "root" : sb.ToString();
    }
}
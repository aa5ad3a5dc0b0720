using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>Resolves a local <c>$ref</c> (<c>#</c> followed by a JSON pointer, RFC 6901) inside one document.</summary>
internal static class JsonPointer
{
    /// <summary>
    /// Finds the node <paramref name="reference"/> points at. The fragment is URI-decoded, then each token has
    /// <c>~1</c> → <c>/</c> and <c>~0</c> → <c>~</c> decoded; array tokens are indices. False when it points nowhere.
    /// </summary>
    public static bool TryResolve(JsonNode? root, string reference, out JsonNode? target)
    {
        target = null;
        if (root is null || !reference.StartsWith('#'))
        {
            return false;
        }

        string fragment;
        try
        {
            fragment = Uri.UnescapeDataString(reference[1..]);
        }
        catch (UriFormatException)
        {
            return false;
        }

        if (fragment.Length == 0)
        {
            target = root;
            return true;
        }

        if (!fragment.StartsWith('/'))
        {
            return false; // plain-name anchors (#foo) are not resolved
        }

        var current = root;
        foreach (var raw in fragment[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    current = child;
                    break;
                case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < array.Count:
                    current = array[index];
                    break;
                default:
                    return false;
            }

            if (current is null)
            {
                return false;
            }
        }

        target = current;
        return true;
    }
}
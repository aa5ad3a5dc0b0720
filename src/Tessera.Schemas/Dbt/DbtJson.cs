using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Schemas.JsonSchema;

namespace Tessera.Schemas.Dbt;

/// <summary>Small JSON conveniences the dbt reader and comparer share.</summary>
internal static class DbtJson
{
    /// <summary>Compact JSON with object keys sorted and numbers normalised (the engine's one canonical form).</summary>
    public static string Canonical(JsonNode? node) => JsonValues.Canonical(node);

    /// <summary>A copy of <paramref name="node"/> with object keys sorted (for stable output).</summary>
    public static JsonNode? Sorted(JsonNode? node) =>
        node is null ? null : JsonNode.Parse(Canonical(node), documentOptions: new JsonDocumentOptions { MaxDepth = JsonValues.MaxCanonicalDepth + 2 });

    /// <summary>A JSON scalar as text: strings as they are, numbers and booleans as written; null for objects and arrays.</summary>
    public static string? ScalarText(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public static string? StringOf(JsonNode? node) => JsonValues.AsString(node);

    /// <summary>A JSON pointer segment (RFC 6901).</summary>
    public static string Escape(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
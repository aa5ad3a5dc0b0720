using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Core.Common;

/// <summary>JSON text as stored in the database (metadata, schemas, lists), parsed and written one way everywhere.</summary>
public static class StoredJson
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string Write(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static string WriteObject(JsonObject? node) => node is null ? "{}" : node.ToJsonString(Compact);

    public static string WriteList(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray(), Compact);

    public static JsonNode? Read(string? text) => string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);

    public static JsonObject ReadObject(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];

    public static JsonArray ReadArray(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text) as JsonArray ?? [];

    public static IReadOnlyList<string> ReadList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonSerializer.Deserialize<string[]>(text) ?? [];

    /// <summary>Canonical form (object keys sorted) so that equal documents give equal text.</summary>
    public static string Canonical(JsonNode? node)
    {
        return Write(Sort(node));

        static JsonNode? Sort(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Sort)]),
            null => null,
            _ => n.DeepClone(),
        };
    }
}
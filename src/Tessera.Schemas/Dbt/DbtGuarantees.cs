using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// What a node's tests, column constraints and <c>meta.tessera</c> promise about its data, in the categories of
/// compatibility.md §2. Every category is a map keyed by column (or by test type and column for
/// <see cref="Custom"/>), never a bare list (§8.22, §8.25), so two versions can be compared key by key.
/// </summary>
public sealed class DbtGuarantees
{
    private readonly SortedDictionary<string, string> _nullability = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _uniqueness = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IReadOnlyList<string>> _acceptedValues = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonObject> _relationships = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, List<JsonObject>> _custom = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, JsonObject>? _customView;

    /// <summary>Not-null columns (lower case) → <c>"never"</c>.</summary>
    public IReadOnlyDictionary<string, string> Nullability => _nullability;

    /// <summary>Columns (lower case) that hold no duplicates.</summary>
    public IReadOnlySet<string> Uniqueness => _uniqueness;

    /// <summary>Column → the only values it may hold (sorted, as text).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AcceptedValues => _acceptedValues;

    /// <summary>Column → <c>{to, field}</c>: every value exists in another relation.</summary>
    public IReadOnlyDictionary<string, JsonObject> Relationships => _relationships;

    /// <summary>
    /// Every other test, keyed <c>&lt;type&gt;.&lt;column&gt;</c> (or <c>&lt;type&gt;</c> without a column, or
    /// <c>singular.&lt;name&gt;</c>): <c>{type, column?, kwargs}</c> or <c>{type:"singular", name, description, sql}</c>.
    /// </summary>
    public IReadOnlyDictionary<string, JsonObject> Custom => _customView ??= BuildCustom();

    private SortedDictionary<string, JsonObject> BuildCustom()
    {
        var result = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (key, entries) in _custom)
        {
            if (entries.Count == 1)
            {
                result[key] = entries[0];
                continue;
            }

            // Several tests of one type on one column: each keeps its own key, told apart by its arguments.
            foreach (var entry in entries)
            {
                result.TryAdd($"{key}[{DbtJson.Canonical(entry["kwargs"])}]", entry);
            }
        }

        return result;
    }

    /// <summary><c>meta.tessera.freshness</c> (null when absent or null).</summary>
    public JsonObject? Freshness { get; internal set; }

    /// <summary><c>meta.tessera.volume</c> (null when absent or null).</summary>
    public JsonObject? Volume { get; internal set; }

    internal void AddNotNull(string column) => _nullability[column] = "never";

    internal void AddUnique(string column) => _uniqueness.Add(column);

    internal void AddAcceptedValues(string column, IReadOnlyList<string> values)
    {
        if (_acceptedValues.TryGetValue(column, out var existing))
        {
            // Two accepted_values tests on one column: only values both accept can occur.
            values = [.. existing.Intersect(values, StringComparer.Ordinal)];
        }

        _acceptedValues[column] = [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    internal void AddRelationship(string column, JsonObject target) => _relationships.TryAdd(column, target);

    internal void AddCustom(string key, JsonObject entry)
    {
        _customView = null;
        if (!_custom.TryGetValue(key, out var entries))
        {
            entries = [];
            _custom[key] = entries;
        }

        var text = DbtJson.Canonical(entry);
        if (!entries.Any(e => DbtJson.Canonical(e) == text))
        {
            entries.Add(entry);
            entries.Sort((a, b) => string.CompareOrdinal(DbtJson.Canonical(a), DbtJson.Canonical(b)));
        }
    }

    /// <summary>The keyed guarantees object (categories with nothing in them are left out).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (_nullability.Count > 0)
        {
            json["nullability"] = new JsonObject(_nullability.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        if (_uniqueness.Count > 0)
        {
            json["uniqueness"] = new JsonObject(_uniqueness.Select(c => KeyValuePair.Create(c, (JsonNode?)true)));
        }

        if (_acceptedValues.Count > 0)
        {
            json["accepted_values"] = new JsonObject(_acceptedValues.Select(p =>
                KeyValuePair.Create(p.Key, (JsonNode?)new JsonArray([.. p.Value.Select(v => (JsonNode)v)]))));
        }

        if (_relationships.Count > 0)
        {
            json["relationships"] = new JsonObject(_relationships.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone())));
        }

        var custom = Custom;
        if (custom.Count > 0)
        {
            json["custom"] = new JsonObject(custom.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone())));
        }

        if (Freshness is not null)
        {
            json["freshness"] = Freshness.DeepClone();
        }

        if (Volume is not null)
        {
            json["volume"] = Volume.DeepClone();
        }

        return json;
    }
}
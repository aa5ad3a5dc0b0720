using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Guarantees;

/// <summary>
/// Compares two versions' guarantees (compatibility.md §2, with the fixes of §8.25): an explicit null, an empty
/// object or an empty list is the same as an absent category; <c>custom</c> may be a map or a list (items keyed by
/// <c>name</c>, else <c>type[column]</c>); value changes of nullability and relationships are reported; a scalar
/// accepted-values entry is a one-value list; adding a <c>min_rows</c>/<c>max_rows</c> bound is a tightening;
/// <c>error_after</c> counts when <c>warn_after</c> is missing or equal; unknown categories that change are reported.
/// </summary>
public static class GuaranteeDiff
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "nullability", "uniqueness", "accepted_values", "relationships", "expressions", "freshness", "volume", "custom",
    };

    /// <summary>Diffs <paramref name="oldGuarantees"/> → <paramref name="newGuarantees"/> and applies <paramref name="mode"/>.</summary>
    /// <exception cref="SchemaParseException">A category has a shape no guarantee can have (e.g. a number for <c>nullability</c>).</exception>
    public static GuaranteeReport Compare(JsonObject? oldGuarantees, JsonObject? newGuarantees, GuaranteeMode mode = GuaranteeMode.Notify)
    {
        if (mode == GuaranteeMode.Ignore)
        {
            return new GuaranteeReport(mode, []);
        }

        var findings = new List<Finding>();
        KeySet("nullability", oldGuarantees, newGuarantees, GuaranteeRules.NotNullAdded, GuaranteeRules.NotNullRemoved, GuaranteeRules.NotNullChanged, findings);
        KeySet("uniqueness", oldGuarantees, newGuarantees, GuaranteeRules.UniqueAdded, GuaranteeRules.UniqueRemoved, null, findings);
        AcceptedValues(oldGuarantees, newGuarantees, findings);
        KeySet("relationships", oldGuarantees, newGuarantees, GuaranteeRules.RelationshipAdded, GuaranteeRules.RelationshipRemoved, GuaranteeRules.RelationshipChanged, findings);
        KeySet("expressions", oldGuarantees, newGuarantees, GuaranteeRules.ExpressionAdded, GuaranteeRules.ExpressionRemoved, GuaranteeRules.ExpressionChanged, findings);
        Freshness(Category(oldGuarantees, "freshness"), Category(newGuarantees, "freshness"), findings);
        Volume(Category(oldGuarantees, "volume"), Category(newGuarantees, "volume"), findings);
        Custom(oldGuarantees, newGuarantees, findings);
        Others(oldGuarantees, newGuarantees, findings);

        if (mode == GuaranteeMode.Strict)
        {
            findings = [.. findings.Select(f => GuaranteeRules.IsRelaxation(f.Rule)
                ? Finding.Create(f.Rule, f.Path, f.Message, f.Direction, Severity.Breaking, Severity.Breaking, f.OldValue, f.NewValue)
                : f)];
        }

        findings.Sort(Finding.Order);
        return new GuaranteeReport(mode, findings);
    }

    /// <summary>A category's value, or null when it is absent, JSON null, <c>{}</c> or <c>[]</c>.</summary>
    private static JsonNode? Category(JsonObject? guarantees, string key) =>
        guarantees?[key] switch
        {
            null => null,
            JsonObject { Count: 0 } => null,
            JsonArray { Count: 0 } => null,
            var node => node,
        };

    /// <summary>A map category as column → value; a list of names is a map to <c>true</c>.</summary>
    private static SortedDictionary<string, JsonNode?> Entries(JsonObject? guarantees, string key)
    {
        var map = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        switch (Category(guarantees, key))
        {
            case null:
                break;
            case JsonObject obj:
                foreach (var (column, value) in obj)
                {
                    if (value is not null)
                    {
                        map[column] = value;
                    }
                }

                break;
            case JsonArray array when array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                foreach (var item in array)
                {
                    map[item!.GetValue<string>()] = JsonValue.Create(true);
                }

                break;
            default:
                throw new SchemaParseException($"The '{key}' guarantee must be an object (column → value).", new SourceLocation("guarantees", Pointer: "/" + key));
        }

        return map;
    }

    private static void KeySet(string category, JsonObject? oldGuarantees, JsonObject? newGuarantees, Rule added, Rule removed, Rule? changed, List<Finding> findings)
    {
        var before = Entries(oldGuarantees, category);
        var after = Entries(newGuarantees, category);
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var path = $"{category}.{key}";
            var inOld = before.TryGetValue(key, out var oldValue);
            var inNew = after.TryGetValue(key, out var newValue);
            if (!inOld)
            {
                findings.Add(added.At(path, $"'{key}' gained a {category} guarantee.", ChangeDirection.Data, ValueOrKey(category, key, null), ValueOrKey(category, key, newValue)));
            }
            else if (!inNew)
            {
                findings.Add(removed.At(path, $"'{key}' lost its {category} guarantee.", ChangeDirection.Data, ValueOrKey(category, key, oldValue), null));
            }
            else if (changed is not null && Canonical(oldValue) != Canonical(newValue))
            {
                findings.Add(changed.At(path, $"The {category} guarantee of '{key}' changed.", ChangeDirection.Data, oldValue, newValue));
            }
        }
    }

    /// <summary>Nullability and uniqueness report the column name as the value (§2); the others their value.</summary>
    private static JsonNode? ValueOrKey(string category, string key, JsonNode? value) =>
        category is "nullability" or "uniqueness" ? (value is null ? null : JsonValue.Create(key)) : value;

    private static void AcceptedValues(JsonObject? oldGuarantees, JsonObject? newGuarantees, List<Finding> findings)
    {
        var before = Entries(oldGuarantees, "accepted_values");
        var after = Entries(newGuarantees, "accepted_values");
        foreach (var column in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var path = $"accepted_values.{column}";
            before.TryGetValue(column, out var oldValue);
            after.TryGetValue(column, out var newValue);
            if (oldValue is null)
            {
                findings.Add(GuaranteeRules.AcceptedValuesAdded.At(path, $"'{column}' gained an accepted-values list.", ChangeDirection.Data, null, newValue));
                continue;
            }

            if (newValue is null)
            {
                findings.Add(GuaranteeRules.AcceptedValuesRemoved.At(path, $"'{column}' lost its accepted-values list.", ChangeDirection.Data, oldValue, null));
                continue;
            }

            var oldSet = ValueSet(oldValue);
            var newSet = ValueSet(newValue);
            var removed = oldSet.Keys.Where(k => !newSet.ContainsKey(k)).ToList();
            var added = newSet.Keys.Where(k => !oldSet.ContainsKey(k)).ToList();
            if (removed.Count > 0)
            {
                findings.Add(GuaranteeRules.AcceptedValuesContracted.At(path,
                    $"'{column}' no longer accepts {string.Join(", ", removed.Select(k => oldSet[k]))}.", ChangeDirection.Data, oldValue, newValue));
            }

            if (added.Count > 0)
            {
                findings.Add(GuaranteeRules.AcceptedValuesExpanded.At(path,
                    $"'{column}' now also accepts {string.Join(", ", added.Select(k => newSet[k]))}.", ChangeDirection.Data, oldValue, newValue));
            }
        }
    }

    /// <summary>The values as a set keyed by their canonical JSON (a scalar is a one-value list).</summary>
    private static Dictionary<string, string> ValueSet(JsonNode value)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<JsonNode?> items = value is JsonArray array ? array : new[] { value };
        foreach (var item in items)
        {
            var canonical = Canonical(item);
            set.TryAdd(canonical, item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : canonical);
        }

        return set;
    }

    private static void Freshness(JsonNode? before, JsonNode? after, List<Finding> findings)
    {
        if (before is null && after is null)
        {
            return;
        }

        if (before is null)
        {
            findings.Add(GuaranteeRules.FreshnessAdded.At("freshness", "A freshness guarantee was added.", ChangeDirection.Data, null, after));
            return;
        }

        if (after is null)
        {
            findings.Add(GuaranteeRules.FreshnessRemoved.At("freshness", "The freshness guarantee was removed.", ChangeDirection.Data, before, null));
            return;
        }

        if (Canonical(before) == Canonical(after))
        {
            return;
        }

        var verdict = CompareDurations(PrimaryDuration(before), PrimaryDuration(after));
        if (verdict == 0)
        {
            verdict = CompareOptionalDurations(Bound(before, "error_after"), Bound(after, "error_after"));
        }

        if (verdict > 0)
        {
            findings.Add(GuaranteeRules.FreshnessRelaxed.At("freshness", "Data may now be staler than before.", ChangeDirection.Data, before, after));
        }
        else if (verdict < 0)
        {
            findings.Add(GuaranteeRules.FreshnessTightened.At("freshness", "Data is promised to be fresher than before.", ChangeDirection.Data, before, after));
        }
    }

    /// <summary>1 = relaxed (longer or unreadable), -1 = tightened, 0 = the same duration.</summary>
    private static int CompareDurations(double? before, double? after) =>
        before is null || after is null ? 1 : Math.Sign(after.Value - before.Value);

    /// <summary>As <see cref="CompareDurations"/>, for a bound that may be missing on either side.</summary>
    private static int CompareOptionalDurations(JsonNode? before, JsonNode? after) => (before, after) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ when Canonical(before) == Canonical(after) => 0,
        _ => CompareDurations(Duration(before), Duration(after)),
    };

    private static JsonNode? Bound(JsonNode freshness, string key) => freshness is JsonObject o ? o[key] : null;

    /// <summary>
    /// <c>warn_after</c> (units, or count + period), else <c>max_staleness_minutes</c>, else <c>error_after</c>; in seconds.
    /// </summary>
    private static double? PrimaryDuration(JsonNode freshness)
    {
        if (freshness is not JsonObject o)
        {
            return null;
        }

        if (Duration(o["warn_after"]) is { } warn)
        {
            return warn;
        }

        if (Number(o["max_staleness_minutes"]) is { } minutes)
        {
            return minutes * 60;
        }

        return Duration(o["error_after"]);
    }

    /// <summary>A <c>{days, hours, minutes, seconds}</c> or <c>{count, period}</c> object in seconds; null when unreadable.</summary>
    private static double? Duration(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return null;
        }

        (string Key, double Seconds)[] units = [("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1)];
        if (units.Any(u => o.ContainsKey(u.Key)))
        {
            double total = 0;
            foreach (var (key, seconds) in units)
            {
                if (o.ContainsKey(key))
                {
                    if (Number(o[key]) is not { } amount)
                    {
                        return null;
                    }

                    total += amount * seconds;
                }
            }

            return total;
        }

        if (Number(o["count"]) is { } count && o["period"] is JsonValue p && p.GetValueKind() == JsonValueKind.String)
        {
            var period = p.GetValue<string>().Trim().ToLowerInvariant();
            if (period.EndsWith('s'))
            {
                period = period[..^1];
            }

            double? unit = period switch
            {
                "day" => 86400,
                "hour" => 3600,
                "minute" => 60,
                "second" => 1,
                _ => null,
            };
            return unit is null ? null : count * unit;
        }

        return null;
    }

    private static void Volume(JsonNode? before, JsonNode? after, List<Finding> findings)
    {
        if (before is null && after is null)
        {
            return;
        }

        if (before is null)
        {
            findings.Add(GuaranteeRules.VolumeAdded.At("volume", "A volume guarantee was added.", ChangeDirection.Data, null, after));
            return;
        }

        if (after is null)
        {
            findings.Add(GuaranteeRules.VolumeRemoved.At("volume", "The volume guarantee was removed.", ChangeDirection.Data, before, null));
            return;
        }

        if (Canonical(before) == Canonical(after))
        {
            return;
        }

        if (before is not JsonObject oldVolume || after is not JsonObject newVolume)
        {
            findings.Add(GuaranteeRules.VolumeRelaxed.At("volume", "The volume guarantee changed in a way the engine cannot compare.", ChangeDirection.Data, before, after));
            return;
        }

        foreach (var key in oldVolume.Select(p => p.Key).Union(newVolume.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var oldValue = oldVolume[key];
            var newValue = newVolume[key];
            if (Canonical(oldValue) == Canonical(newValue))
            {
                continue;
            }

            var oldNumber = Number(oldValue);
            var newNumber = Number(newValue);
            bool tightened = key switch
            {
                "min_rows" when oldValue is null && newNumber is not null => true,
                "max_rows" when oldValue is null && newNumber is not null => true,
                "min_rows" when oldNumber is not null && newNumber is not null => newNumber > oldNumber,
                "max_rows" when oldNumber is not null && newNumber is not null => newNumber < oldNumber,
                _ => false,
            };
            var rule = tightened ? GuaranteeRules.VolumeTightened : GuaranteeRules.VolumeRelaxed;
            findings.Add(rule.At($"volume.{key}", $"volume {key} {(tightened ? "tightened" : "relaxed")}: {Canonical(oldValue)} → {Canonical(newValue)}.",
                ChangeDirection.Data, oldValue, newValue));
        }
    }

    private static void Custom(JsonObject? oldGuarantees, JsonObject? newGuarantees, List<Finding> findings)
    {
        var before = CustomEntries(Category(oldGuarantees, "custom"));
        var after = CustomEntries(Category(newGuarantees, "custom"));
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var path = $"custom.{key}";
            var inOld = before.TryGetValue(key, out var oldValue);
            var inNew = after.TryGetValue(key, out var newValue);
            if (!inOld)
            {
                findings.Add(GuaranteeRules.CustomAdded.At(path, $"Custom guarantee '{key}' was added.", ChangeDirection.Data, null, newValue));
            }
            else if (!inNew)
            {
                findings.Add(GuaranteeRules.CustomRemoved.At(path, $"Custom guarantee '{key}' was removed.", ChangeDirection.Data, oldValue, null));
            }
            else if (Canonical(oldValue) != Canonical(newValue))
            {
                findings.Add(GuaranteeRules.CustomChanged.At(path, $"Custom guarantee '{key}' changed.", ChangeDirection.Data, oldValue, newValue));
            }
        }
    }

    /// <summary>A map as is; a list keyed by each item's <c>name</c>, else <c>type[column]</c>, else its JSON.</summary>
    private static SortedDictionary<string, JsonNode?> CustomEntries(JsonNode? custom)
    {
        var map = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        switch (custom)
        {
            case null:
                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        map[key] = value;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is null)
                    {
                        continue;
                    }

                    var key = CustomKey(item);
                    var unique = key;
                    for (var n = 2; map.ContainsKey(unique); n++)
                    {
                        unique = $"{key}#{n}";
                    }

                    map[unique] = item;
                }

                break;
            default:
                throw new SchemaParseException("The 'custom' guarantee must be an object or a list.", new SourceLocation("guarantees", Pointer: "/custom"));
        }

        return map;
    }

    private static string CustomKey(JsonNode item)
    {
        if (item is JsonObject o)
        {
            if (Text(o["name"]) is { Length: > 0 } name)
            {
                return name;
            }

            if (Text(o["type"]) is { Length: > 0 } type)
            {
                return Text(o["column"]) is { Length: > 0 } column ? $"{type}[{column}]" : type;
            }
        }

        return Text(item) ?? Canonical(item);
    }

    private static void Others(JsonObject? oldGuarantees, JsonObject? newGuarantees, List<Finding> findings)
    {
        var keys = (oldGuarantees?.Select(p => p.Key) ?? []).Union(newGuarantees?.Select(p => p.Key) ?? []).Where(k => !Known.Contains(k));
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            var before = Category(oldGuarantees, key);
            var after = Category(newGuarantees, key);
            if (Canonical(before) != Canonical(after))
            {
                findings.Add(GuaranteeRules.OtherChanged.At(key, $"The '{key}' guarantee changed.", ChangeDirection.Data, before, after));
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Canonical JSON for equality: numbers by value (1 = 1.0), booleans distinct from numbers (§8.30).</summary>
    internal static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Number(v)!.Value.ToString("R", CultureInfo.InvariantCulture),
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };
}

/// <summary>The guarantee changes between two versions under one <see cref="GuaranteeMode"/>.</summary>
public sealed record GuaranteeReport(GuaranteeMode Mode, IReadOnlyList<Finding> Findings)
{
    public bool HasChanges => Findings.Count > 0;

    /// <summary>The findings that block: relaxations in strict mode; none otherwise.</summary>
    public IReadOnlyList<Finding> Breaking => [.. Findings.Where(f => f.Backward.IsBlocking())];

    public bool IsBreaking => Breaking.Count > 0;

    public bool IsCompatible => !IsBreaking;

    /// <summary>Relaxations (upstream <c>guarantee_warnings</c>).</summary>
    public int Warnings => Findings.Count(f => GuaranteeRules.IsRelaxation(f.Rule));

    /// <summary>Tightenings (upstream <c>guarantee_info</c>).</summary>
    public int Info => Findings.Count(f => !GuaranteeRules.IsRelaxation(f.Rule));
}

/// <summary>A schema diff and a guarantee diff of the same pair of contract versions.</summary>
public sealed record ContractDiff(DiffResult Schema, GuaranteeReport Guarantees)
{
    public bool HasChanges => Schema.HasChanges || Guarantees.HasChanges;

    /// <summary>Compatible when the schema is compatible under <paramref name="mode"/> and no guarantee change blocks.</summary>
    public bool IsCompatible(CompatibilityMode mode) => Schema.IsCompatible(mode) && Guarantees.IsCompatible;
}
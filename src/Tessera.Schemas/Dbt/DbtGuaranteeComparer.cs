using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// Compares the guarantees of one node in two versions, with the kinds and directions of compatibility.md §2 and
/// its §8.25 fixes: a null category is absent (so freshness/volume added and removed are reported as such),
/// <c>custom</c> is keyed, relationship value changes count, a volume bound that appears is a tightening, and
/// <c>error_after</c> decides when <c>warn_after</c> is equal.
/// </summary>
internal sealed class DbtGuaranteeComparer(string id, Action<Finding> add)
{
    public void Compare(DbtGuarantees oldGuarantees, DbtGuarantees newGuarantees)
    {
        CompareKeys(oldGuarantees.Nullability.Keys, newGuarantees.Nullability.Keys, "not_null", DbtRules.NotNullAdded, DbtRules.NotNullRemoved);
        CompareKeys(oldGuarantees.Uniqueness, newGuarantees.Uniqueness, "unique", DbtRules.UniqueAdded, DbtRules.UniqueRemoved);
        CompareAcceptedValues(oldGuarantees.AcceptedValues, newGuarantees.AcceptedValues);
        CompareRelationships(oldGuarantees.Relationships, newGuarantees.Relationships);
        CompareCustom(oldGuarantees.Custom, newGuarantees.Custom);
        CompareFreshness(oldGuarantees.Freshness, newGuarantees.Freshness);
        CompareVolume(oldGuarantees.Volume, newGuarantees.Volume);
    }

    private string ColumnPath(string column, string test) => $"{id}.{column} tests.{test}";

    private void CompareKeys(IEnumerable<string> oldKeys, IEnumerable<string> newKeys, string test, Rule addedRule, Rule removedRule)
    {
        var before = new SortedSet<string>(oldKeys, StringComparer.Ordinal);
        var after = new SortedSet<string>(newKeys, StringComparer.Ordinal);
        foreach (var column in before.Except(after))
        {
            add(removedRule.At(ColumnPath(column, test), $"{id}.{column} lost its {test} guarantee.", oldValue: column));
        }

        foreach (var column in after.Except(before))
        {
            add(addedRule.At(ColumnPath(column, test), $"{id}.{column} gained a {test} guarantee.", newValue: column));
        }
    }

    private void CompareAcceptedValues(IReadOnlyDictionary<string, IReadOnlyList<string>> before, IReadOnlyDictionary<string, IReadOnlyList<string>> after)
    {
        foreach (var (column, oldValues) in before)
        {
            var path = ColumnPath(column, "accepted_values");
            if (!after.TryGetValue(column, out var newValues))
            {
                add(DbtRules.AcceptedValuesRemoved.At(path, $"{id}.{column} no longer restricts its values.", oldValue: List(oldValues)));
                continue;
            }

            var gained = newValues.Except(oldValues, StringComparer.Ordinal).ToList();
            var lost = oldValues.Except(newValues, StringComparer.Ordinal).ToList();
            if (lost.Count > 0)
            {
                add(DbtRules.AcceptedValuesContracted.At(path, $"{id}.{column} no longer accepts {string.Join(", ", lost)}.",
                    oldValue: List(oldValues), newValue: List(newValues)));
            }

            if (gained.Count > 0)
            {
                add(DbtRules.AcceptedValuesExpanded.At(path, $"{id}.{column} now also accepts {string.Join(", ", gained)}.",
                    oldValue: List(oldValues), newValue: List(newValues)));
            }
        }

        foreach (var (column, newValues) in after)
        {
            if (!before.ContainsKey(column))
            {
                add(DbtRules.AcceptedValuesAdded.At(ColumnPath(column, "accepted_values"), $"{id}.{column} now restricts its values.",
                    newValue: List(newValues)));
            }
        }
    }

    private void CompareRelationships(IReadOnlyDictionary<string, JsonObject> before, IReadOnlyDictionary<string, JsonObject> after)
    {
        foreach (var (column, oldTarget) in before)
        {
            var path = ColumnPath(column, "relationships");
            if (!after.TryGetValue(column, out var newTarget))
            {
                add(DbtRules.RelationshipRemoved.At(path, $"{id}.{column} lost its relationship to {oldTarget["to"]}.", oldValue: oldTarget));
            }
            else if (DbtJson.Canonical(oldTarget) != DbtJson.Canonical(newTarget))
            {
                add(DbtRules.RelationshipChanged.At(path, $"{id}.{column} now relates to {newTarget["to"]}.{newTarget["field"]} instead of {oldTarget["to"]}.{oldTarget["field"]}.",
                    oldValue: oldTarget, newValue: newTarget));
            }
        }

        foreach (var (column, newTarget) in after)
        {
            if (!before.ContainsKey(column))
            {
                add(DbtRules.RelationshipAdded.At(ColumnPath(column, "relationships"), $"{id}.{column} gained a relationship to {newTarget["to"]}.",
                    newValue: newTarget));
            }
        }
    }

    private void CompareCustom(IReadOnlyDictionary<string, JsonObject> before, IReadOnlyDictionary<string, JsonObject> after)
    {
        foreach (var (key, oldEntry) in before)
        {
            var path = CustomPath(key, oldEntry);
            if (!after.TryGetValue(key, out var newEntry))
            {
                add(DbtRules.CustomGuaranteeRemoved.At(path, $"The test {key} of {id} was removed.", oldValue: oldEntry));
            }
            else if (DbtJson.Canonical(oldEntry) != DbtJson.Canonical(newEntry))
            {
                add(DbtRules.CustomGuaranteeChanged.At(path, $"The test {key} of {id} changed.", oldValue: oldEntry, newValue: newEntry));
            }
        }

        foreach (var (key, newEntry) in after)
        {
            if (!before.ContainsKey(key))
            {
                add(DbtRules.CustomGuaranteeAdded.At(CustomPath(key, newEntry), $"The test {key} was added to {id}.", newValue: newEntry));
            }
        }
    }

    /// <summary><c>&lt;id&gt;.&lt;column&gt; tests.&lt;type&gt;</c> for column tests, <c>&lt;id&gt; tests.&lt;key&gt;</c> otherwise.</summary>
    private string CustomPath(string key, JsonObject entry)
    {
        if (DbtJson.StringOf(entry["column"]) is { } column && DbtJson.StringOf(entry["type"]) is { } type)
        {
            var prefix = $"{type}.{column}";
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return ColumnPath(column, type + key[prefix.Length..]);
            }
        }

        return $"{id} tests.{key}";
    }

    private void CompareFreshness(JsonObject? before, JsonObject? after)
    {
        var path = $"{id} freshness";
        switch (before, after)
        {
            case (null, null):
                return;
            case (null, not null):
                add(DbtRules.FreshnessAdded.At(path, $"{id} gained a freshness guarantee.", newValue: after));
                return;
            case (not null, null):
                add(DbtRules.FreshnessRemoved.At(path, $"{id} lost its freshness guarantee.", oldValue: before));
                return;
        }

        if (DbtJson.Canonical(before) == DbtJson.Canonical(after))
        {
            return;
        }

        var oldWarn = WarnSeconds(before);
        var newWarn = WarnSeconds(after);
        var warn = Order(oldWarn, newWarn);
        var verdict = warn ?? 1;
        if (warn == 0 || (oldWarn is null && newWarn is null))
        {
            // Same warning window: the error window decides (a window that appears is tighter than none).
            var oldError = Seconds(before["error_after"]);
            var newError = Seconds(after["error_after"]);
            verdict = (oldError, newError) switch
            {
                (null, null) => warn == 0 ? 0 : 1,
                (null, not null) => -1,
                (not null, null) => 1,
                _ => Math.Sign(newError.Value.CompareTo(oldError.Value)),
            };
        }

        if (verdict > 0)
        {
            add(DbtRules.FreshnessRelaxed.At(path, $"The freshness window of {id} got longer (or could not be read).", oldValue: before, newValue: after));
        }
        else if (verdict < 0)
        {
            add(DbtRules.FreshnessTightened.At(path, $"The freshness window of {id} got shorter.", oldValue: before, newValue: after));
        }
    }

    /// <summary>-1 shorter, 0 equal, 1 longer; null when either duration cannot be read.</summary>
    private static int? Order(double? before, double? after) =>
        before is null || after is null ? null : Math.Sign(after.Value.CompareTo(before.Value));

    private static double? WarnSeconds(JsonObject freshness)
    {
        if (Seconds(freshness["warn_after"]) is { } warn)
        {
            return warn;
        }

        return Number(freshness["max_staleness_minutes"]) is { } minutes ? minutes * 60 : null;
    }

    /// <summary>A duration object in seconds: <c>{days,hours,minutes,seconds}</c> or <c>{count, period}</c>.</summary>
    internal static double? Seconds(JsonNode? node)
    {
        if (node is not JsonObject duration)
        {
            return null;
        }

        var units = new (string Key, double Seconds)[] { ("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1) };
        if (units.Any(u => duration.ContainsKey(u.Key)))
        {
            double total = 0;
            foreach (var (key, seconds) in units)
            {
                if (duration[key] is null)
                {
                    continue;
                }

                if (Number(duration[key]) is not { } n)
                {
                    return null;
                }

                total += n * seconds;
            }

            return total;
        }

        if (Number(duration["count"]) is { } count && DbtJson.StringOf(duration["period"]) is { } period)
        {
            var unit = period.Trim().ToLowerInvariant().TrimEnd('s');
            return unit switch
            {
                "day" => count * 86400,
                "hour" => count * 3600,
                "minute" => count * 60,
                "second" => count,
                _ => null,
            };
        }

        return null;
    }

    private void CompareVolume(JsonObject? before, JsonObject? after)
    {
        var path = $"{id} volume";
        switch (before, after)
        {
            case (null, null):
                return;
            case (null, not null):
                add(DbtRules.VolumeAdded.At(path, $"{id} gained a volume guarantee.", newValue: after));
                return;
            case (not null, null):
                add(DbtRules.VolumeRemoved.At(path, $"{id} lost its volume guarantee.", oldValue: before));
                return;
        }

        var keys = new SortedSet<string>(before.Select(p => p.Key).Concat(after.Select(p => p.Key)), StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var oldValue = before[key];
            var newValue = after[key];
            if (DbtJson.Canonical(oldValue) == DbtJson.Canonical(newValue))
            {
                continue;
            }

            var oldNumber = Number(oldValue);
            var newNumber = Number(newValue);
            var tightened = (key, oldNumber, newNumber) switch
            {
                ("min_rows", { } o, { } n) => n > o,
                ("max_rows", { } o, { } n) => n < o,
                ("min_rows" or "max_rows", null, not null) when oldValue is null => true, // a bound appeared
                _ => false,
            };
            var rule = tightened ? DbtRules.VolumeTightened : DbtRules.VolumeRelaxed;
            add(rule.At($"{path}.{key}", $"{key} of {id} went from {oldValue?.ToJsonString() ?? "none"} to {newValue?.ToJsonString() ?? "none"}.",
                oldValue: oldValue, newValue: newValue));
        }
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : null;

    private static JsonArray List(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>The keyword-by-keyword comparison of two resolved nodes.</summary>
internal sealed partial class SchemaComparison
{
    private void CompareFlat(SchemaView o, SchemaView n, string path, int depth, bool skipNull, List<Finding> sink)
    {
        CompareProperties(o, n, path, depth, sink);
        CompareRequired(o, n, path, sink);
        CompareTypes(o, n, path, skipNull, sink);
        CompareBounds(o, n, path, sink);
        CompareTextConstraints(o, n, path, sink);
        CompareEnum(o, n, path, sink);
        CompareDefault(o, n, path, sink);
        CompareOpenness(o, n, "additionalProperties", path, depth, sink);
        CompareOpenness(o, n, "unevaluatedProperties", path, depth, sink);
        CompareOpenness(o, n, "unevaluatedItems", path, depth, sink);
        ComparePatternProperties(o, n, path, depth, sink);
        CompareSubschema(o, n, "propertyNames", path, depth, sink);
        CompareSubschema(o, n, "contains", path, depth, sink);
        CompareDependencies(o, n, path, depth, sink);
        CompareItems(o, n, path, depth, sink);
        CompareNot(o, n, path, sink);
        CompareConditional(o, n, path, depth, sink);
        CompareOthers(o, n, path, sink);
    }

    private static JsonNode? Get(SchemaView view, string keyword) => view.Keywords.GetValueOrDefault(keyword);

    private static bool Has(SchemaView view, string keyword) => view.Keywords.ContainsKey(keyword);

    private static string At(string path, string segment) => Join(path, segment);

    private void CompareProperties(SchemaView o, SchemaView n, string path, int depth, List<Finding> sink)
    {
        var names = o.Properties.Keys.Union(n.Properties.Keys).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var where = At(path, "properties." + name);
            var inOld = o.Properties.TryGetValue(name, out var oldSchema);
            var inNew = n.Properties.TryGetValue(name, out var newSchema);
            if (inOld && inNew)
            {
                CompareNodes(oldSchema, newSchema, where, depth + 1, skipNull: false, sink);
            }
            else if (IsFalse(inOld ? oldSchema : newSchema))
            {
                // A property declared `false` is forbidden: declaring it tightens, dropping the declaration relaxes.
                sink.Add(inOld
                    ? Make(JsonSchemaRules.ConstraintRelaxed, where, $"Property '{name}' is no longer forbidden.", oldSchema, null)
                    : Make(JsonSchemaRules.ConstraintTightened, where, $"Property '{name}' is now forbidden.", null, newSchema));
            }
            else if (inOld)
            {
                var closed = Get(n, "additionalProperties") is { } ap && JsonValues.TryBool(ap, out var open) && !open
                    || Get(n, "unevaluatedProperties") is { } up && JsonValues.TryBool(up, out var open2) && !open2;
                sink.Add(Make(JsonSchemaRules.PropertyRemoved, where, $"Property '{name}' was removed.", oldSchema, null,
                    removedOptional: !o.Required.Contains(name), closed: closed));
            }
            else
            {
                sink.Add(Make(JsonSchemaRules.PropertyAdded, where,
                    n.Required.Contains(name) ? $"Required property '{name}' was added." : $"Optional property '{name}' was added.",
                    null, newSchema));
            }
        }
    }

    private static bool IsFalse(JsonNode? schema) => JsonValues.TryBool(schema, out var b) && !b;

    private void CompareRequired(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        if (o.Required.SetEquals(n.Required))
        {
            return;
        }

        var where = At(path, "required");
        var oldList = JsonValues.StringArray(o.Required);
        var newList = JsonValues.StringArray(n.Required);
        foreach (var name in n.Required.Except(o.Required, StringComparer.Ordinal))
        {
            sink.Add(Make(JsonSchemaRules.RequiredAdded, where, $"Field '{name}' became required.", oldList, newList));
        }

        foreach (var name in o.Required.Except(n.Required, StringComparer.Ordinal))
        {
            sink.Add(Make(JsonSchemaRules.RequiredRemoved, where, $"Field '{name}' is no longer required.", oldList, newList));
        }
    }

    private static bool Covers(IReadOnlySet<string> set, string type) =>
        set.Contains(type) || (type == "integer" && set.Contains("number"));

    private static string ShowTypes(IReadOnlySet<string>? types, bool acceptsNull)
    {
        if (types is null)
        {
            return "any type";
        }

        var names = types.OrderBy(t => t, StringComparer.Ordinal).ToList();
        if (acceptsNull)
        {
            names.Add("null");
        }

        return names.Count == 0 ? "nothing" : string.Join(" | ", names);
    }

    private void CompareTypes(SchemaView o, SchemaView n, string path, bool skipNull, List<Finding> sink)
    {
        var where = At(path, "type");
        var oldTypes = o.Types(out var oldBad);
        var newTypes = n.Types(out var newBad);
        var oldType = Get(o, "type");
        var newType = Get(n, "type");
        if (oldBad || newBad)
        {
            if (!JsonValues.Equal(oldType, newType))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, where, "The type keyword is malformed (not a name or a list of names), so its change cannot be judged.", oldType, newType));
            }

            return;
        }

        var (oldNull, oldSource) = o.AcceptsNull();
        var (newNull, newSource) = n.AcceptsNull();
        if (oldType is null && newType is null)
        {
            // Neither side names a type: types inferred from enum values are judged by the enum comparison alone.
            oldTypes = newTypes = null;
        }

        if (oldTypes is null && newTypes is not null)
        {
            sink.Add(Make(JsonSchemaRules.TypeNarrowed, where, $"The type is now restricted to {ShowTypes(newTypes, newNull)} (any type was accepted before).", oldType, newType));
            return;
        }

        if (oldTypes is not null && newTypes is null)
        {
            sink.Add(Make(JsonSchemaRules.TypeWidened, where, $"The type restriction ({ShowTypes(oldTypes, oldNull)}) was removed: any type is accepted.", oldType, newType));
            return;
        }

        if (oldTypes is not null && newTypes is not null && (oldTypes.Count == 0 || newTypes.Count == 0)
            && !oldTypes.SetEquals(newTypes) && !skipNull && oldNull != newNull)
        {
            // `null` only on one side (e.g. type "null" → "string"): one type change, not a widening plus a null change.
            sink.Add(Make(JsonSchemaRules.TypeChanged, where, $"The type changed from {ShowTypes(oldTypes, oldNull)} to {ShowTypes(newTypes, newNull)}.", oldType, newType));
            return;
        }

        if (oldTypes is not null && newTypes is not null)
        {
            var widened = oldTypes.All(t => Covers(newTypes, t));
            var narrowed = newTypes.All(t => Covers(oldTypes, t));
            if (!(widened && narrowed))
            {
                var rule = widened ? JsonSchemaRules.TypeWidened : narrowed ? JsonSchemaRules.TypeNarrowed : JsonSchemaRules.TypeChanged;
                var verb = widened ? "widened" : narrowed ? "narrowed" : "changed";
                sink.Add(Make(rule, where, $"The type {verb} from {ShowTypes(oldTypes, false)} to {ShowTypes(newTypes, false)}.", oldType, newType));
            }
        }

        if (skipNull || oldNull == newNull)
        {
            return;
        }

        if (newNull)
        {
            sink.Add(Make(JsonSchemaRules.NullableAdded, At(path, newSource), "The value may now be null.",
                NullValue(o, newSource, false), NullValue(n, newSource, true)));
        }
        else
        {
            sink.Add(Make(JsonSchemaRules.NullableRemoved, At(path, oldSource), "The value may no longer be null.",
                NullValue(o, oldSource, true), NullValue(n, oldSource, false)));
        }
    }

    /// <summary>The old/new value shown for a nullability change: the raw type list when expressed by type, else the flag.</summary>
    private static JsonNode? NullValue(SchemaView view, string source, bool flag) =>
        source == "type" ? Get(view, "type")?.DeepClone() : JsonValue.Create(flag);

    private void CompareBounds(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        foreach (var keyword in UpperBounds)
        {
            CompareBound(o, n, keyword, path, upper: true, sink);
        }

        foreach (var keyword in LowerBounds)
        {
            CompareBound(o, n, keyword, path, upper: false, sink);
        }
    }

    private void CompareBound(SchemaView o, SchemaView n, string keyword, string path, bool upper, List<Finding> sink)
    {
        var oldValue = Get(o, keyword);
        var newValue = Get(n, keyword);
        var oldAbsent = JsonValues.IsNull(oldValue);
        var newAbsent = JsonValues.IsNull(newValue);
        if (oldAbsent && newAbsent)
        {
            return;
        }

        var where = At(path, keyword);
        // Draft 4 exclusiveMinimum/exclusiveMaximum are booleans (absent = false): true is the tighter one.
        if (keyword.StartsWith("exclusive", StringComparison.Ordinal)
            && (oldAbsent || JsonValues.TryBool(oldValue, out _)) && (newAbsent || JsonValues.TryBool(newValue, out _)))
        {
            var was = !oldAbsent && JsonValues.TryBool(oldValue, out var ob) && ob;
            var now = !newAbsent && JsonValues.TryBool(newValue, out var nb) && nb;
            if (was != now)
            {
                sink.Add(now
                    ? Make(JsonSchemaRules.ConstraintTightened, where, $"{keyword} became exclusive.", oldValue, newValue)
                    : Make(JsonSchemaRules.ConstraintRelaxed, where, $"{keyword} is no longer exclusive.", oldValue, newValue));
            }

            return;
        }

        if (oldAbsent)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, $"{keyword} {JsonValues.Show(newValue)} was added.", null, newValue));
            return;
        }

        if (newAbsent)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, $"{keyword} {JsonValues.Show(oldValue)} was removed.", oldValue, null));
            return;
        }

        if (!JsonValues.TryNumber(oldValue, out var a) || !JsonValues.TryNumber(newValue, out var b))
        {
            if (!JsonValues.Equal(oldValue, newValue))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, where,
                    $"{keyword} changed from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}, which are not both numbers; the change cannot be judged.",
                    oldValue, newValue));
            }

            return;
        }

        if (a == b)
        {
            return;
        }

        var tighter = upper ? b < a : b > a;
        var verb = b > a ? "raised" : "lowered";
        sink.Add(tighter
            ? Make(JsonSchemaRules.ConstraintTightened, where, $"{keyword} {verb} from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}.", oldValue, newValue)
            : Make(JsonSchemaRules.ConstraintRelaxed, where, $"{keyword} {verb} from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}.", oldValue, newValue));
    }

    private void CompareTextConstraints(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        // pattern and format: gained or changed → tightened (conservative), lost → relaxed.
        foreach (var keyword in new[] { "pattern", "format" })
        {
            var oldValue = Get(o, keyword);
            var newValue = Get(n, keyword);
            if (JsonValues.Equal(oldValue, newValue))
            {
                continue;
            }

            var where = At(path, keyword);
            if (JsonValues.IsNull(newValue))
            {
                sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, $"{keyword} {JsonValues.Show(oldValue)} was removed.", oldValue, null));
            }
            else if (JsonValues.IsNull(oldValue))
            {
                sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, $"{keyword} {JsonValues.Show(newValue)} was added.", null, newValue));
            }
            else
            {
                sink.Add(Make(JsonSchemaRules.ConstraintTightened, where,
                    $"{keyword} changed from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}; values valid before may be rejected.", oldValue, newValue));
            }
        }

        CompareMultipleOf(o, n, path, sink);

        var oldUnique = Get(o, "uniqueItems");
        var newUnique = Get(n, "uniqueItems");
        var wasUnique = JsonValues.TryBool(oldUnique, out var u1) && u1;
        var isUnique = JsonValues.TryBool(newUnique, out var u2) && u2;
        if (wasUnique != isUnique)
        {
            sink.Add(isUnique
                ? Make(JsonSchemaRules.ConstraintTightened, At(path, "uniqueItems"), "Array items must now be unique.", oldUnique, newUnique)
                : Make(JsonSchemaRules.ConstraintRelaxed, At(path, "uniqueItems"), "Array items no longer need to be unique.", oldUnique, newUnique));
        }
    }

    private void CompareMultipleOf(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        var oldValue = Get(o, "multipleOf");
        var newValue = Get(n, "multipleOf");
        if (JsonValues.Equal(oldValue, newValue))
        {
            return;
        }

        var where = At(path, "multipleOf");
        if (JsonValues.IsNull(oldValue))
        {
            sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, $"multipleOf {JsonValues.Show(newValue)} was added.", null, newValue));
        }
        else if (JsonValues.IsNull(newValue))
        {
            sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, $"multipleOf {JsonValues.Show(oldValue)} was removed.", oldValue, null));
        }
        else if (JsonValues.TryNumber(oldValue, out var a) && JsonValues.TryNumber(newValue, out var b) && a > 0 && b > 0)
        {
            var message = $"multipleOf changed from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}.";
            sink.Add(b % a == 0 ? Make(JsonSchemaRules.ConstraintTightened, where, message, oldValue, newValue)
                : a % b == 0 ? Make(JsonSchemaRules.ConstraintRelaxed, where, message, oldValue, newValue)
                : Make(JsonSchemaRules.ConstraintChanged, where, message + " Neither accepts all values of the other.", oldValue, newValue));
        }
        else
        {
            sink.Add(Make(JsonSchemaRules.Unknown, where, $"multipleOf changed from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}, which are not both positive numbers.", oldValue, newValue));
        }
    }

    private void CompareEnum(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        var oldEnum = Get(o, "enum") as JsonArray;
        var newEnum = Get(n, "enum") as JsonArray;
        if (oldEnum is null && newEnum is null)
        {
            return;
        }

        // Null in an enum is part of the "accepts null" flag (compared with the type), not an enum value here.
        var oldValues = oldEnum?.Where(v => !JsonValues.IsNull(v)).Select(JsonValues.Canonical).ToHashSet(StringComparer.Ordinal);
        var newValues = newEnum?.Where(v => !JsonValues.IsNull(v)).Select(JsonValues.Canonical).ToHashSet(StringComparer.Ordinal);
        var keyword = (oldEnum is null || o.EnumIsConst) && (newEnum is null || n.EnumIsConst) ? "const" : "enum";
        var where = At(path, keyword);
        var oldShown = oldEnum is null ? null : o.EnumIsConst ? Get(o, "const") ?? oldEnum.FirstOrDefault() : oldEnum;
        var newShown = newEnum is null ? null : n.EnumIsConst ? Get(n, "const") ?? newEnum.FirstOrDefault() : newEnum;
        if (oldValues is null)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, $"The values are now restricted to {JsonValues.Show(newShown)}.", null, newShown));
            return;
        }

        if (newValues is null)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, $"The restriction to {JsonValues.Show(oldShown)} was removed.", oldShown, null));
            return;
        }

        var added = newEnum!.Where(v => !JsonValues.IsNull(v) && !oldValues.Contains(JsonValues.Canonical(v))).ToList();
        var removed = oldEnum!.Where(v => !JsonValues.IsNull(v) && !newValues.Contains(JsonValues.Canonical(v))).ToList();
        if (added.Count > 0)
        {
            sink.Add(Make(JsonSchemaRules.EnumValuesAdded, where, $"Value(s) {string.Join(", ", added.Select(JsonValues.Show))} may now appear.", oldShown, newShown));
        }

        if (removed.Count > 0)
        {
            sink.Add(Make(JsonSchemaRules.EnumValuesRemoved, where, $"Value(s) {string.Join(", ", removed.Select(JsonValues.Show))} are no longer accepted.", oldShown, newShown));
        }
    }

    private void CompareDefault(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        var inOld = o.Keywords.TryGetValue("default", out var oldValue);
        var inNew = n.Keywords.TryGetValue("default", out var newValue);
        var where = At(path, "default");
        if (inOld && inNew)
        {
            if (!JsonValues.Equal(oldValue, newValue))
            {
                sink.Add(Make(JsonSchemaRules.DefaultChanged, where, $"The default changed from {JsonValues.Show(oldValue)} to {JsonValues.Show(newValue)}.", oldValue, newValue));
            }
        }
        else if (inOld)
        {
            sink.Add(Make(JsonSchemaRules.DefaultRemoved, where, $"The default {JsonValues.Show(oldValue)} was removed.", oldValue, null));
        }
        else if (inNew)
        {
            sink.Add(Make(JsonSchemaRules.DefaultAdded, where, $"A default {JsonValues.Show(newValue)} was added.", null, newValue));
        }
    }

    private enum Openness
    {
        Open,
        Closed,
        Schema,
        Malformed,
    }

    private static Openness OpennessOf(JsonNode? value)
    {
        if (value is null)
        {
            return Openness.Open;
        }

        if (JsonValues.TryBool(value, out var b))
        {
            return b ? Openness.Open : Openness.Closed;
        }

        if (value is JsonObject obj)
        {
            var meaningful = obj.Any(p => !SchemaView.Annotations.Contains(p.Key) && !p.Key.StartsWith("x-", StringComparison.Ordinal));
            return meaningful ? Openness.Schema : Openness.Open;
        }

        return Openness.Malformed;
    }

    /// <summary>additionalProperties-like keywords: absent = <c>{}</c> = true (open), false (closed), or a schema.</summary>
    private void CompareOpenness(SchemaView o, SchemaView n, string keyword, string path, int depth, List<Finding> sink)
    {
        var oldValue = Get(o, keyword);
        var newValue = Get(n, keyword);
        var was = OpennessOf(oldValue);
        var now = OpennessOf(newValue);
        var where = At(path, keyword);
        switch (was, now)
        {
            case (Openness.Open, Openness.Open) or (Openness.Closed, Openness.Closed):
                return;
            case (Openness.Schema, Openness.Schema):
                CompareNodes(oldValue, newValue, where, depth + 1, skipNull: false, sink);
                return;
            case (Openness.Malformed, _) or (_, Openness.Malformed):
                if (!JsonValues.Equal(oldValue, newValue))
                {
                    sink.Add(Make(JsonSchemaRules.Unknown, where, $"{keyword} must be a boolean or a schema; its change cannot be judged.", oldValue, newValue));
                }

                return;
            case (Openness.Open, _) or (Openness.Schema, Openness.Closed):
                sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, $"{keyword} now accepts fewer values ({Describe(was)} → {Describe(now)}).", oldValue, newValue));
                return;
            default:
                sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, $"{keyword} now accepts more values ({Describe(was)} → {Describe(now)}).", oldValue, newValue));
                return;
        }

        static string Describe(Openness openness) => openness switch
        {
            Openness.Open => "anything allowed",
            Openness.Closed => "nothing allowed",
            _ => "a schema",
        };
    }

    private void ComparePatternProperties(SchemaView o, SchemaView n, string path, int depth, List<Finding> sink)
    {
        var oldMap = Get(o, "patternProperties") as JsonObject;
        var newMap = Get(n, "patternProperties") as JsonObject;
        if (oldMap is null && newMap is null)
        {
            if (Has(o, "patternProperties") || Has(n, "patternProperties"))
            {
                ReportMalformed(o, n, "patternProperties", path, sink);
            }

            return;
        }

        // With additionalProperties: false a pattern admits extra properties (relaxes); otherwise it constrains them (tightens).
        var oldClosed = OpennessOf(Get(o, "additionalProperties")) == Openness.Closed;
        var newClosed = OpennessOf(Get(n, "additionalProperties")) == Openness.Closed;
        var keys = (oldMap?.Select(p => p.Key) ?? []).Union(newMap?.Select(p => p.Key) ?? []).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var where = At(path, "patternProperties." + key);
            JsonNode? oldSchema = null;
            JsonNode? newSchema = null;
            var inOld = oldMap is not null && oldMap.TryGetPropertyValue(key, out oldSchema);
            var inNew = newMap is not null && newMap.TryGetPropertyValue(key, out newSchema);
            if (inOld && inNew)
            {
                CompareNodes(oldSchema, newSchema, where, depth + 1, skipNull: false, sink);
            }
            else if (inNew)
            {
                sink.Add(newClosed
                    ? Make(JsonSchemaRules.ConstraintRelaxed, where, $"Properties matching '{key}' are now allowed.", null, newSchema)
                    : Make(JsonSchemaRules.ConstraintTightened, where, $"Properties matching '{key}' are now constrained.", null, newSchema));
            }
            else
            {
                sink.Add(oldClosed
                    ? Make(JsonSchemaRules.ConstraintTightened, where, $"Properties matching '{key}' are no longer allowed.", oldSchema, null)
                    : Make(JsonSchemaRules.ConstraintRelaxed, where, $"Properties matching '{key}' are no longer constrained.", oldSchema, null));
            }
        }
    }

    /// <summary>A keyword holding one sub-schema that constrains like the node does (narrower sub-schema = tighter).</summary>
    private void CompareSubschema(SchemaView o, SchemaView n, string keyword, string path, int depth, List<Finding> sink)
    {
        var inOld = o.Keywords.TryGetValue(keyword, out var oldValue);
        var inNew = n.Keywords.TryGetValue(keyword, out var newValue);
        CompareSubschemaValues(oldValue, newValue, inOld, inNew, keyword, At(path, keyword), depth, sink);
    }

    private void CompareSubschemaValues(JsonNode? oldValue, JsonNode? newValue, bool inOld, bool inNew, string keyword, string where, int depth,
        List<Finding> sink)
    {
        if (inOld && inNew)
        {
            CompareNodes(oldValue, newValue, where, depth + 1, skipNull: false, sink);
        }
        else if (inNew)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, $"{keyword} was added.", null, newValue));
        }
        else if (inOld)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, $"{keyword} was removed.", oldValue, null));
        }
    }

    private void CompareDependencies(SchemaView o, SchemaView n, string path, int depth, List<Finding> sink)
    {
        foreach (var keyword in new[] { "dependentRequired", "dependentSchemas", "dependencies" })
        {
            var oldMap = Get(o, keyword);
            var newMap = Get(n, keyword);
            if (oldMap is null && newMap is null)
            {
                continue;
            }

            if (oldMap is not (null or JsonObject) || newMap is not (null or JsonObject))
            {
                ReportMalformed(o, n, keyword, path, sink);
                continue;
            }

            var oldObj = oldMap as JsonObject;
            var newObj = newMap as JsonObject;
            var keys = (oldObj?.Select(p => p.Key) ?? []).Union(newObj?.Select(p => p.Key) ?? []).OrderBy(k => k, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var where = At(path, keyword + "." + key);
                JsonNode? oldValue = null;
                JsonNode? newValue = null;
                var inOld = oldObj is not null && oldObj.TryGetPropertyValue(key, out oldValue);
                var inNew = newObj is not null && newObj.TryGetPropertyValue(key, out newValue);
                var oldNames = Names(oldValue);
                var newNames = Names(newValue);
                if ((inOld && oldNames is not null) || (inNew && newNames is not null))
                {
                    if (inOld && inNew && (oldNames is null || newNames is null))
                    {
                        // A property-list dependency against a schema dependency: not comparable.
                        if (!JsonValues.Equal(oldValue, newValue))
                        {
                            sink.Add(Make(JsonSchemaRules.Unknown, where, $"The dependency of '{key}' changed form; it cannot be judged.", oldValue, newValue));
                        }

                        continue;
                    }

                    var gained = (newNames ?? []).Except(oldNames ?? [], StringComparer.Ordinal).OrderBy(x => x, StringComparer.Ordinal).ToList();
                    var lost = (oldNames ?? []).Except(newNames ?? [], StringComparer.Ordinal).OrderBy(x => x, StringComparer.Ordinal).ToList();
                    if (gained.Count > 0)
                    {
                        sink.Add(Make(JsonSchemaRules.ConstraintTightened, where,
                            $"When '{key}' is present, {string.Join(", ", gained.Select(g => $"'{g}'"))} must now be present too.", oldValue, newValue));
                    }

                    if (lost.Count > 0)
                    {
                        sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where,
                            $"When '{key}' is present, {string.Join(", ", lost.Select(g => $"'{g}'"))} no longer need to be present.", oldValue, newValue));
                    }

                    continue;
                }

                CompareSubschemaValues(oldValue, newValue, inOld, inNew, $"The dependent schema of '{key}'", where, depth, sink);
            }
        }

        static HashSet<string>? Names(JsonNode? value) =>
            value is JsonArray array && array.All(v => JsonValues.AsString(v) is not null)
                ? array.Select(v => JsonValues.AsString(v)!).ToHashSet(StringComparer.Ordinal)
                : null;
    }

    private static bool AllowsArrays(SchemaView view)
    {
        var types = view.Types(out var malformed);
        return malformed || types is null || types.Contains("array");
    }

    private void CompareItems(SchemaView o, SchemaView n, string path, int depth, List<Finding> sink)
    {
        if (!AllowsArrays(o) || !AllowsArrays(n))
        {
            return;
        }

        var (oldTuple, oldTupleKeyword, oldRest, oldRestKeyword) = Tuple(o);
        var (newTuple, newTupleKeyword, newRest, newRestKeyword) = Tuple(n);
        if (oldTuple is null && newTuple is null)
        {
            if (Has(o, "items") || Has(n, "items"))
            {
                CompareNodes(Get(o, "items"), Get(n, "items"), At(path, "items"), depth + 1, skipNull: false, sink);
            }

            return;
        }

        // Tuples compare position by position; a position missing on one side is governed by that side's rest schema.
        var count = Math.Max(oldTuple?.Count ?? 0, newTuple?.Count ?? 0);
        var tupleKeyword = newTupleKeyword ?? oldTupleKeyword!;
        for (var i = 0; i < count; i++)
        {
            var oldItem = oldTuple is not null && i < oldTuple.Count ? oldTuple[i] : oldRest;
            var newItem = newTuple is not null && i < newTuple.Count ? newTuple[i] : newRest;
            CompareNodes(oldItem, newItem, At(path, $"{tupleKeyword}.{i}"), depth + 1, skipNull: false, sink);
        }

        if (oldRest is not null || newRest is not null)
        {
            var restKeyword = newTuple is not null ? newRestKeyword : oldRestKeyword;
            var was = OpennessOf(oldRest);
            var now = OpennessOf(newRest);
            if (was == Openness.Schema && now == Openness.Schema)
            {
                CompareNodes(oldRest, newRest, At(path, restKeyword), depth + 1, skipNull: false, sink);
            }
            else if (was != now)
            {
                var tighter = was == Openness.Open || (was == Openness.Schema && now == Openness.Closed);
                sink.Add(tighter
                    ? Make(JsonSchemaRules.ConstraintTightened, At(path, restKeyword), "Items after the listed positions now accept fewer values.", oldRest, newRest)
                    : Make(JsonSchemaRules.ConstraintRelaxed, At(path, restKeyword), "Items after the listed positions now accept more values.", oldRest, newRest));
            }
        }
    }

    /// <summary>Positional items (2020-12 <c>prefixItems</c> or draft-4..7 array <c>items</c>) and the schema of the items after them.</summary>
    private static (JsonArray? Positions, string? TupleKeyword, JsonNode? RestSchema, string RestKeyword) Tuple(SchemaView view)
    {
        if (Get(view, "prefixItems") is JsonArray prefix)
        {
            return (prefix, "prefixItems", Get(view, "items"), "items");
        }

        if (Get(view, "items") is JsonArray items)
        {
            return (items, "items", Get(view, "additionalItems"), "additionalItems");
        }

        return (null, null, null, "items");
    }

    private void CompareNot(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        var inOld = o.Keywords.TryGetValue("not", out var oldValue);
        var inNew = n.Keywords.TryGetValue("not", out var newValue);
        var where = At(path, "not");
        if (inOld && inNew)
        {
            if (!JsonValues.Equal(oldValue, newValue))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, where, "The 'not' schema changed; a negated schema cannot be judged.", oldValue, newValue));
            }
        }
        else if (inNew)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, "A 'not' exclusion was added.", null, newValue));
        }
        else if (inOld)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, "The 'not' exclusion was removed.", oldValue, null));
        }
    }

    private void CompareConditional(SchemaView o, SchemaView n, string path, int depth, List<Finding> sink)
    {
        var inOld = o.Keywords.TryGetValue("if", out var oldIf);
        var inNew = n.Keywords.TryGetValue("if", out var newIf);
        if (!inOld && !inNew)
        {
            return;
        }

        var where = At(path, "if");
        if (inOld && inNew)
        {
            if (!JsonValues.Equal(oldIf, newIf))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, where, "The 'if' condition changed; conditional schemas cannot be judged.", oldIf, newIf));
                return;
            }

            CompareSubschema(o, n, "then", path, depth, sink);
            CompareSubschema(o, n, "else", path, depth, sink);
        }
        else if (inNew)
        {
            sink.Add(Make(JsonSchemaRules.ConstraintTightened, where, "A conditional (if/then/else) constraint was added.", null, newIf));
        }
        else
        {
            sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, where, "The conditional (if/then/else) constraint was removed.", oldIf, null));
        }
    }

    /// <summary>
    /// Standard keywords with validation meaning that the comparer does not model: a change gives <c>unknown</c>.
    /// Other unknown keywords are ignored, as validators ignore them (e.g. a <c>components</c> block next to the schema).
    /// </summary>
    private static readonly HashSet<string> Unjudged = new(StringComparer.Ordinal)
    {
        "$dynamicRef", "$recursiveRef", "$recursiveAnchor",
    };

    private void CompareOthers(SchemaView o, SchemaView n, string path, List<Finding> sink)
    {
        var keys = o.Keywords.Keys.Union(n.Keywords.Keys).Where(Unjudged.Contains).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var oldValue = Get(o, key);
            var newValue = Get(n, key);
            if (!JsonValues.Equal(oldValue, newValue) || o.Keywords.ContainsKey(key) != n.Keywords.ContainsKey(key))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, At(path, key), $"The keyword '{key}' changed and the engine cannot judge it.", oldValue, newValue));
            }
        }

        if (o.Residue.Count > 0 || n.Residue.Count > 0)
        {
            var oldResidue = new JsonArray([.. o.Residue.Select(r => r?.DeepClone())]);
            var newResidue = new JsonArray([.. n.Residue.Select(r => r?.DeepClone())]);
            if (!JsonValues.Equal(oldResidue, newResidue))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, At(path, "allOf"),
                    "allOf parts with conflicting keywords changed; they cannot be merged and the change cannot be judged.", oldResidue, newResidue));
            }
        }
    }

    private void ReportMalformed(SchemaView o, SchemaView n, string keyword, string path, List<Finding> sink)
    {
        var oldValue = Get(o, keyword);
        var newValue = Get(n, keyword);
        if (!JsonValues.Equal(oldValue, newValue))
        {
            sink.Add(Make(JsonSchemaRules.Unknown, At(path, keyword), $"{keyword} is malformed; its change cannot be judged.", oldValue, newValue));
        }
    }
}
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Avro;

/// <summary>
/// Walks two versions of an Avro schema side by side and reports each change with two verdicts taken from the
/// schema-resolution rules: backward (the new schema reads data written with the old) and forward (the old schema
/// reads data written with the new). Changes inside a named type are reported once, under its full name
/// (<c>com.acme.User.email</c>); array items add <c>[]</c>, map values <c>{}</c>.
/// </summary>
internal sealed class AvroComparer
{
    private const string RootPath = "$";

    private readonly SchemaLimits _limits;
    private readonly AvroResolution _resolution;
    private readonly List<Finding> _findings = [];
    private readonly HashSet<(AvroNamedSchema Old, AvroNamedSchema New)> _comparedNamed = new(NamedPairComparer.Instance);

    private AvroComparer(SchemaLimits limits)
    {
        _limits = limits;
        _resolution = new AvroResolution(limits);
    }

    public static IReadOnlyList<Finding> Compare(AvroDocument oldDocument, AvroDocument newDocument, SchemaLimits limits)
    {
        var comparer = new AvroComparer(limits);
        comparer.CompareTypes(oldDocument.Root, newDocument.Root, RootPath, 0);
        return comparer._findings;
    }

    private void CompareTypes(AvroSchema oldType, AvroSchema newType, string path, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            _findings.Add(AvroRules.Unknown.At(path,
                $"The schemas nest deeper than the limit MaxDepth = {_limits.MaxDepth} here; the rest was not compared."));
            return;
        }

        if (oldType is AvroUnion || newType is AvroUnion)
        {
            CompareUnions(oldType, newType, path, depth);
            return;
        }

        switch (oldType, newType)
        {
            case (AvroRecord o, AvroRecord n):
                CompareNamed(o, n, depth);
                return;
            case (AvroEnum o, AvroEnum n):
                CompareNamed(o, n, depth);
                return;
            case (AvroFixed o, AvroFixed n):
                CompareNamed(o, n, depth);
                return;
            case (AvroArray o, AvroArray n):
                CompareTypes(o.Items, n.Items, path + "[]", depth + 1);
                return;
            case (AvroMap o, AvroMap n):
                CompareTypes(o.Values, n.Values, path + "{}", depth + 1);
                return;
            case (AvroPrimitive o, AvroPrimitive n) when o.Kind == n.Kind:
                CompareLogicalTypes(o, n, path);
                return;
        }

        var backward = _resolution.CanRead(oldType, newType);
        var forward = _resolution.CanRead(newType, oldType);
        var oldText = AvroParser.Describe(oldType);
        var newText = AvroParser.Describe(newType);
        if (backward == Resolution.No && forward == Resolution.No)
        {
            _findings.Add(AvroRules.TypeChanged.At(path,
                $"The type changed from {oldText} to {newText}; neither can be read as the other.", ChangeDirection.Data, oldText, newText));
        }
        else
        {
            var backwardSeverity = AvroResolution.ToSeverity(backward);
            var forwardSeverity = AvroResolution.ToSeverity(forward);
            if (oldType is AvroPrimitive op && newType is AvroPrimitive np)
            {
                backwardSeverity = Lossy(backwardSeverity, op.Kind, np.Kind);
                forwardSeverity = Lossy(forwardSeverity, np.Kind, op.Kind);
            }

            var lossy = backwardSeverity == Severity.Dangerous || forwardSeverity == Severity.Dangerous ? " (large values may lose precision)" : "";
            _findings.Add(Finding.Create(AvroRules.TypePromoted, path,
                $"The type changed from {oldText} to {newText}: {Readable(backward, "new readers can read old data", "new readers cannot read old data")}; "
                + $"{Readable(forward, "old readers can read new data", "old readers cannot read new data")}{lossy}.",
                ChangeDirection.Data, backwardSeverity, forwardSeverity, oldText, newText));
        }

        if (oldType is AvroPrimitive && newType is AvroPrimitive)
        {
            CompareLogicalTypes(oldType, newType, path);
        }
    }

    private static Severity Lossy(Severity severity, string writer, string reader) =>
        severity == Severity.Safe && AvroResolution.LosesPrecision(writer, reader) ? Severity.Dangerous : severity;

    private static string Readable(Resolution resolution, string yes, string no) => resolution switch
    {
        Resolution.Yes => yes,
        Resolution.No => no,
        _ => no.Replace("cannot", "may not", StringComparison.Ordinal) + " (not judged)",
    };

    private void CompareLogicalTypes(AvroSchema oldType, AvroSchema newType, string path)
    {
        var o = oldType.LogicalType;
        var n = newType.LogicalType;
        if (o == n)
        {
            return;
        }

        if (o is { Name: "decimal" } && n is { Name: "decimal" })
        {
            _findings.Add(AvroRules.DecimalChanged.At(path,
                $"The decimal changed from precision {o.Precision}, scale {o.Scale} to precision {n.Precision}, scale {n.Scale}: "
                + (o.Scale != n.Scale
                    ? "the stored unscaled values would be read with another scale."
                    : "values of one precision do not fit the other."), ChangeDirection.Data, o.ToString(), n.ToString()));
            return;
        }

        var what = (o, n) switch
        {
            (null, _) => $"The logical type {n} was added to {oldType.Kind}",
            (_, null) => $"The logical type {o} was dropped from {newType.Kind}",
            _ => $"The logical type changed from {o} to {n}",
        };
        _findings.Add(AvroRules.LogicalTypeChanged.At(path, what + ": the data still resolves but its meaning changes.",
            ChangeDirection.Data, o?.ToString(), n?.ToString()));
    }

    private void CompareUnions(AvroSchema oldType, AvroSchema newType, string path, int depth)
    {
        var oldBranches = oldType is AvroUnion ou ? ou.Branches : [oldType];
        var newBranches = newType is AvroUnion nu ? nu.Branches : [newType];
        var pairs = new List<(AvroSchema Old, AvroSchema New)>();
        var unpairedOld = oldBranches.ToList();
        var unpairedNew = new List<AvroSchema>();
        foreach (var pass in new[] { 0, 1 })
        {
            var candidates = pass == 0 ? newBranches.ToList() : unpairedNew.ToList();
            unpairedNew.Clear();
            foreach (var branch in candidates)
            {
                var match = unpairedOld.FirstOrDefault(o => pass == 0 ? SameBranch(o, branch) : RelatedBranch(o, branch));
                if (match is null)
                {
                    unpairedNew.Add(branch);
                }
                else
                {
                    unpairedOld.Remove(match);
                    pairs.Add((match, branch));
                }
            }
        }

        // A branch replaced by one it promotes to or from (int by long): a change of that branch.
        foreach (var branch in unpairedNew.Where(b => b.Kind != "null").ToList())
        {
            var match = unpairedOld.FirstOrDefault(o => o.Kind != "null"
                && (_resolution.CanRead(o, branch) == Resolution.Yes || _resolution.CanRead(branch, o) == Resolution.Yes));
            if (match is not null)
            {
                unpairedOld.Remove(match);
                unpairedNew.Remove(branch);
                pairs.Add((match, branch));
            }
        }

        // One branch swapped for another (one record for another): a change of that branch.
        var oldRest = unpairedOld.Where(b => b.Kind != "null").ToList();
        var newRest = unpairedNew.Where(b => b.Kind != "null").ToList();
        if (oldRest.Count == 1 && newRest.Count == 1)
        {
            pairs.Add((oldRest[0], newRest[0]));
            unpairedOld.Remove(oldRest[0]);
            unpairedNew.Remove(newRest[0]);
        }

        foreach (var (o, n) in pairs)
        {
            CompareTypes(o, n, path, depth + 1);
        }

        foreach (var added in unpairedNew)
        {
            var forward = _resolution.CanRead(added, oldType);
            var text = AvroParser.Describe(added);
            var message = oldType is AvroUnion
                ? $"The union gained the branch {text}"
                : $"The type {AvroParser.Describe(oldType)} became the union {AvroParser.Describe(newType)}";
            _findings.Add(Finding.Create(AvroRules.UnionBranchAdded, path,
                message + $": {Readable(forward, "old readers can still read it", "old readers cannot read values of " + text)}.",
                ChangeDirection.Data, Severity.Safe, AvroResolution.ToSeverity(forward), null, text));
        }

        foreach (var removed in unpairedOld)
        {
            var backward = _resolution.CanRead(removed, newType);
            var text = AvroParser.Describe(removed);
            var message = newType is AvroUnion
                ? $"The union lost the branch {text}"
                : $"The union {AvroParser.Describe(oldType)} became the type {AvroParser.Describe(newType)}";
            _findings.Add(Finding.Create(AvroRules.UnionBranchRemoved, path,
                message + $": {Readable(backward, "old values still resolve to another branch", "new readers cannot read old values of " + text)}.",
                ChangeDirection.Data, AvroResolution.ToSeverity(backward), Severity.Safe, text, null));
        }
    }

    private static bool SameBranch(AvroSchema a, AvroSchema b) => (a, b) switch
    {
        (AvroNamedSchema x, AvroNamedSchema y) => x.Kind == y.Kind && x.FullName == y.FullName,
        _ => a is not AvroNamedSchema && b is not AvroNamedSchema && a.Kind == b.Kind,
    };

    private static bool RelatedBranch(AvroSchema a, AvroSchema b) =>
        a is AvroNamedSchema x && b is AvroNamedSchema y && x.Kind == y.Kind
        && (AvroResolution.NamesMatch(x, y) || AvroResolution.NamesMatch(y, x));

    private void CompareNamed(AvroNamedSchema oldType, AvroNamedSchema newType, int depth)
    {
        if (!_comparedNamed.Add((oldType, newType)))
        {
            return;
        }

        var path = newType.FullName;
        if (oldType.FullName != newType.FullName)
        {
            if (oldType.Name == newType.Name)
            {
                // Data resolves either way; an alias naming the other full name also keeps full-name lookups working.
                var backward = newType.Aliases.Contains(oldType.FullName, StringComparer.Ordinal) ? Severity.Safe : Severity.Dangerous;
                var forward = oldType.Aliases.Contains(newType.FullName, StringComparer.Ordinal) ? Severity.Safe : Severity.Dangerous;
                _findings.Add(Finding.Create(AvroRules.NamespaceChanged, path,
                    $"'{oldType.Name}' moved from namespace '{oldType.Namespace}' to '{newType.Namespace}'. Data still resolves "
                    + "(the specification matches unqualified names), but code generated from it and anything keyed by full name changes"
                    + (backward == Severity.Safe ? "; the new type keeps the old full name as an alias." : "."),
                    ChangeDirection.Data, backward, forward, oldType.FullName, newType.FullName));
            }
            else
            {
                var backward = newType.Aliases.Contains(oldType.FullName, StringComparer.Ordinal);
                var forward = oldType.Aliases.Contains(newType.FullName, StringComparer.Ordinal);
                _findings.Add(Finding.Create(AvroRules.NamedTypeRenamed, path,
                    $"The {newType.Kind} '{oldType.FullName}' was renamed to '{newType.FullName}'"
                    + (backward ? " with the old name as an alias, so new readers still match old data" : "; new readers do not match data written as the old name")
                    + (forward ? "; old readers list the new name as an alias." : "; old readers do not know the new name."),
                    ChangeDirection.Data, backward ? Severity.Safe : Severity.Breaking, forward ? Severity.Safe : Severity.Breaking,
                    oldType.FullName, newType.FullName));
            }
        }

        CompareAliases(oldType.Aliases, newType.Aliases, path, $"the {newType.Kind} '{newType.FullName}'");
        switch (oldType, newType)
        {
            case (AvroRecord o, AvroRecord n):
                CompareFields(o, n, path, depth);
                break;
            case (AvroEnum o, AvroEnum n):
                CompareEnums(o, n, path);
                break;
            case (AvroFixed o, AvroFixed n):
                if (o.Size != n.Size)
                {
                    _findings.Add(AvroRules.FixedSizeChanged.At(path,
                        $"The fixed type's size changed from {o.Size} to {n.Size} bytes; fixed types resolve only with equal sizes.",
                        ChangeDirection.Data, o.Size, n.Size));
                }

                CompareLogicalTypes(o, n, path);
                break;
        }
    }

    private void CompareAliases(IReadOnlyList<string> oldAliases, IReadOnlyList<string> newAliases, string path, string owner)
    {
        foreach (var alias in newAliases.Except(oldAliases, StringComparer.Ordinal))
        {
            _findings.Add(AvroRules.AliasAdded.At(path, $"The alias '{alias}' was added to {owner}.", ChangeDirection.Data, null, alias));
        }

        foreach (var alias in oldAliases.Except(newAliases, StringComparer.Ordinal))
        {
            _findings.Add(AvroRules.AliasRemoved.At(path,
                $"The alias '{alias}' was removed from {owner}: data written under that name no longer resolves.", ChangeDirection.Data, alias, null));
        }
    }

    private void CompareFields(AvroRecord oldRecord, AvroRecord newRecord, string path, int depth)
    {
        var unpairedOld = oldRecord.Fields.ToList();
        var pairs = new List<(AvroField Old, AvroField New)>();
        var added = new List<AvroField>();
        foreach (var field in newRecord.Fields)
        {
            var match = unpairedOld.FirstOrDefault(o => o.Name == field.Name);
            if (match is not null)
            {
                unpairedOld.Remove(match);
                pairs.Add((match, field));
            }
            else
            {
                added.Add(field);
            }
        }

        foreach (var field in added.ToList())
        {
            var match = unpairedOld.FirstOrDefault(o => field.Aliases.Contains(o.Name, StringComparer.Ordinal))
                ?? unpairedOld.FirstOrDefault(o => o.Aliases.Contains(field.Name, StringComparer.Ordinal));
            if (match is not null)
            {
                unpairedOld.Remove(match);
                added.Remove(field);
                pairs.Add((match, field));
            }
        }

        foreach (var (o, n) in pairs)
        {
            CompareField(o, n, path + "." + n.Name, depth);
        }

        foreach (var field in added)
        {
            var fieldPath = path + "." + field.Name;
            var type = AvroParser.Describe(field.Type);
            _findings.Add(field.HasDefault
                ? AvroRules.FieldAddedWithDefault.At(fieldPath,
                    $"The field '{field.Name}' ({type}) was added with a default: new readers fill it in for old data, old readers skip it.",
                    ChangeDirection.Data, null, type)
                : AvroRules.FieldAddedWithoutDefault.At(fieldPath,
                    $"The field '{field.Name}' ({type}) was added without a default: new readers cannot read old data, which lacks it.",
                    ChangeDirection.Data, null, type));
        }

        foreach (var field in unpairedOld)
        {
            var type = AvroParser.Describe(field.Type);
            _findings.Add(Finding.Create(AvroRules.FieldRemoved, path + "." + field.Name,
                $"The field '{field.Name}' ({type}) was removed: new readers skip it in old data, so consumers of the new schema no longer see it; "
                + (field.HasDefault ? "old readers fill in its default for new data." : "old readers cannot read new data, because the field had no default."),
                ChangeDirection.Data, Severity.Safe, field.HasDefault ? Severity.Safe : Severity.Breaking, type, null));
        }
    }

    private void CompareField(AvroField oldField, AvroField newField, string path, int depth)
    {
        if (oldField.Name != newField.Name)
        {
            // Backward: the new field finds the old one through its aliases; forward: the old field through its own.
            var backward = newField.Aliases.Contains(oldField.Name, StringComparer.Ordinal) ? Severity.Safe
                : newField.HasDefault ? Severity.Dangerous : Severity.Breaking;
            var forward = oldField.Aliases.Contains(newField.Name, StringComparer.Ordinal) ? Severity.Safe
                : oldField.HasDefault ? Severity.Dangerous : Severity.Breaking;
            _findings.Add(Finding.Create(AvroRules.FieldRenamed, path,
                $"The field '{oldField.Name}' was renamed to '{newField.Name}'"
                + (backward == Severity.Safe ? ", with the old name as an alias" : ", and no alias of the new field names the old one")
                + (forward == Severity.Safe ? "; the old field lists the new name as an alias." : "; old readers do not know the new name."),
                ChangeDirection.Data, backward, forward, oldField.Name, newField.Name));
        }

        CompareTypes(oldField.Type, newField.Type, path, depth + 1);

        if (oldField.HasDefault != newField.HasDefault || !JsonNode.DeepEquals(oldField.Default, newField.Default))
        {
            if (!oldField.HasDefault)
            {
                _findings.Add(Finding.Create(AvroRules.DefaultChanged, path,
                    $"The field '{newField.Name}' got a default: readers can now fill it in when data lacks it.",
                    ChangeDirection.Data, Severity.Safe, Severity.Safe, null, newField.Default));
            }
            else if (!newField.HasDefault)
            {
                _findings.Add(AvroRules.DefaultChanged.At(path,
                    $"The default of field '{newField.Name}' was removed: readers can no longer fill it in, so removing the field later breaks them.",
                    ChangeDirection.Data, oldField.Default, null));
            }
            else
            {
                _findings.Add(AvroRules.DefaultChanged.At(path,
                    $"The default of field '{newField.Name}' changed: readers fill in a different value for data that lacks the field.",
                    ChangeDirection.Data, oldField.Default, newField.Default));
            }
        }

        CompareAliases(oldField.Aliases, newField.Aliases, path, $"the field '{newField.Name}'");
        if (oldField.Order != newField.Order)
        {
            _findings.Add(AvroRules.SortOrderChanged.At(path,
                $"The sort order of field '{newField.Name}' changed from {oldField.Order} to {newField.Order}.",
                ChangeDirection.Data, oldField.Order, newField.Order));
        }
    }

    private void CompareEnums(AvroEnum oldEnum, AvroEnum newEnum, string path)
    {
        foreach (var symbol in newEnum.Symbols.Except(oldEnum.Symbols, StringComparer.Ordinal))
        {
            var forward = oldEnum.Default is null ? Severity.Breaking : Severity.Dangerous;
            _findings.Add(Finding.Create(AvroRules.EnumSymbolAdded, path,
                $"The symbol '{symbol}' was added to '{newEnum.FullName}': "
                + (oldEnum.Default is null ? "old readers cannot read it (their enum has no default)." : $"old readers read it as their default '{oldEnum.Default}'."),
                ChangeDirection.Data, Severity.Safe, forward, null, symbol));
        }

        foreach (var symbol in oldEnum.Symbols.Except(newEnum.Symbols, StringComparer.Ordinal))
        {
            var backward = newEnum.Default is null ? Severity.Breaking : Severity.Dangerous;
            _findings.Add(Finding.Create(AvroRules.EnumSymbolRemoved, path,
                $"The symbol '{symbol}' was removed from '{newEnum.FullName}': "
                + (newEnum.Default is null ? "new readers cannot read old data holding it (the enum has no default)." : $"new readers read it as the default '{newEnum.Default}'."),
                ChangeDirection.Data, backward, Severity.Safe, symbol, null));
        }

        if (oldEnum.Default != newEnum.Default)
        {
            var finding = (oldEnum.Default, newEnum.Default) switch
            {
                (null, _) => Finding.Create(AvroRules.EnumDefaultChanged, path,
                    $"The enum got the default '{newEnum.Default}': readers now map unknown symbols to it instead of failing.",
                    ChangeDirection.Data, Severity.Safe, Severity.Safe, null, newEnum.Default),
                (_, null) => AvroRules.EnumDefaultChanged.At(path,
                    $"The enum's default '{oldEnum.Default}' was removed: readers fail on unknown symbols instead of mapping them.",
                    ChangeDirection.Data, oldEnum.Default, null),
                _ => AvroRules.EnumDefaultChanged.At(path,
                    $"The enum's default changed from '{oldEnum.Default}' to '{newEnum.Default}': unknown symbols map to another value.",
                    ChangeDirection.Data, oldEnum.Default, newEnum.Default),
            };
            _findings.Add(finding);
        }
    }

    private sealed class NamedPairComparer : IEqualityComparer<(AvroNamedSchema Old, AvroNamedSchema New)>
    {
        public static readonly NamedPairComparer Instance = new();

        public bool Equals((AvroNamedSchema Old, AvroNamedSchema New) x, (AvroNamedSchema Old, AvroNamedSchema New) y) =>
            ReferenceEquals(x.Old, y.Old) && ReferenceEquals(x.New, y.New);

        public int GetHashCode((AvroNamedSchema Old, AvroNamedSchema New) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Old), RuntimeHelpers.GetHashCode(obj.New));
    }
}
using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Protobuf;

/// <summary>
/// Compares two protobuf documents by field number, wire type and JSON name. Every element is matched by its
/// full name (after undoing a package rename), fields by number, enum values by name and number.
/// </summary>
internal sealed class ProtobufComparer
{
    private const int MaxShapePairs = 10_000;

    private readonly ProtobufDocument _old;
    private readonly ProtobufDocument _new;
    private readonly List<Finding> _findings = [];
    private readonly HashSet<string> _newMainNames = new(StringComparer.Ordinal);
    private readonly string _oldPrefix;
    private readonly string _newPrefix;
    private readonly bool _packageChanged;
    private readonly HashSet<string> _inputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProtoMessage> _newMessages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProtoEnum> _newEnums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProtoService> _newServices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Owner, int Number)>> _oldFieldRefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Service, string Method)>> _oldRpcRefs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), bool> _shapes = [];
    private readonly HashSet<string> _newRpcs = new(StringComparer.Ordinal);

    private ProtobufComparer(ProtobufDocument oldDocument, ProtobufDocument newDocument)
    {
        _old = oldDocument;
        _new = newDocument;
        _packageChanged = !string.Equals(oldDocument.Package, newDocument.Package, StringComparison.Ordinal);
        _oldPrefix = oldDocument.Package.Length == 0 ? "" : oldDocument.Package + ".";
        _newPrefix = newDocument.Package.Length == 0 ? "" : newDocument.Package + ".";
        foreach (var m in newDocument.Messages.Values.Where(m => m.File == newDocument.MainFile))
        {
            _newMainNames.Add(m.FullName);
        }

        foreach (var e in newDocument.Enums.Values.Where(e => e.File == newDocument.MainFile))
        {
            _newMainNames.Add(e.FullName);
        }

        foreach (var s in newDocument.Services.Values.Where(s => s.File == newDocument.MainFile))
        {
            _newMainNames.Add(s.FullName);
        }

        foreach (var m in newDocument.Messages.Values)
        {
            _newMessages[Key(m.FullName)] = m;
        }

        foreach (var e in newDocument.Enums.Values)
        {
            _newEnums[Key(e.FullName)] = e;
        }

        foreach (var s in newDocument.Services.Values)
        {
            _newServices[Key(s.FullName)] = s;
            foreach (var method in s.Methods)
            {
                _newRpcs.Add(Key(s.FullName) + "/" + method.Name);
            }
        }

        CollectUsage(oldDocument, name => name);
        CollectUsage(newDocument, Key);
        IndexReferences(oldDocument);
    }

    private void IndexReferences(ProtobufDocument document)
    {
        foreach (var message in document.Messages.Values)
        {
            foreach (var field in message.Fields.Values)
            {
                foreach (var type in new[] { field.TypeName, field.MapValue?.TypeName })
                {
                    if (type is not null)
                    {
                        Bucket(_oldFieldRefs, type).Add((message.FullName, field.Number));
                    }
                }
            }
        }

        foreach (var service in document.Services.Values)
        {
            foreach (var method in service.Methods)
            {
                Bucket(_oldRpcRefs, method.InputType).Add((service.FullName, method.Name));
                Bucket(_oldRpcRefs, method.OutputType).Add((service.FullName, method.Name));
            }
        }
    }

    private static List<T> Bucket<T>(Dictionary<string, List<T>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }

    public static IReadOnlyList<Finding> Compare(ProtobufDocument oldDocument, ProtobufDocument newDocument)
    {
        var comparer = new ProtobufComparer(oldDocument, newDocument);
        comparer.Run();
        return comparer._findings;
    }

    /// <summary>The name a new-side element has in the old document's terms (undoes a package rename of the main file).</summary>
    private string Key(string newName)
    {
        if (!_packageChanged || !_newMainNames.Contains(newName) || !newName.StartsWith(_newPrefix, StringComparison.Ordinal))
        {
            return newName;
        }

        return _oldPrefix + newName[_newPrefix.Length..];
    }

    private string? KeyOrNull(string? newName) => newName is null ? null : Key(newName);

    private void Run()
    {
        if (_packageChanged)
        {
            Interface(ProtobufRules.PackageChanged, "package",
                $"The package changed from '{_old.Package}' to '{_new.Package}'.", _old.Package, _new.Package);
        }

        if (!string.Equals(_old.Syntax, _new.Syntax, StringComparison.Ordinal))
        {
            Emit(ProtobufRules.SyntaxChanged, "syntax", $"The syntax changed from {_old.Syntax} to {_new.Syntax}.", null, _old.Syntax, _new.Syntax);
        }

        CompareMessages();
        CompareEnums();
        CompareServices();
        CompareExtensions();
    }

    // ---------------------------------------------------------------- direction

    private void CollectUsage(ProtobufDocument document, Func<string, string> key)
    {
        foreach (var service in document.Services.Values)
        {
            foreach (var method in service.Methods)
            {
                Reach(document, method.InputType, _inputs, key);
                Reach(document, method.OutputType, _outputs, key);
            }
        }
    }

    private static void Reach(ProtobufDocument document, string start, HashSet<string> into, Func<string, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!seen.Add(name))
            {
                continue;
            }

            into.Add(key(name));
            if (!document.Messages.TryGetValue(name, out var message))
            {
                continue;
            }

            foreach (var field in message.Fields.Values)
            {
                foreach (var type in new[] { field.TypeName, field.MapValue?.TypeName })
                {
                    if (type is not null)
                    {
                        stack.Push(type);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Turns reader-side severities into the finding's backward/forward ones by where the owner type is used:
    /// responses are written by the new server and read by old clients, so their columns swap.
    /// </summary>
    private (ChangeDirection Direction, Severity Backward, Severity Forward) Orient(string? owner, Severity newReader, Severity oldReader)
    {
        var input = owner is not null && _inputs.Contains(owner);
        var output = owner is not null && _outputs.Contains(owner);
        if (input && output)
        {
            var worst = SeverityExtensions.Max(newReader, oldReader);
            return (ChangeDirection.Data, worst, worst);
        }

        return output
            ? (ChangeDirection.Output, oldReader, newReader)
            : (input ? ChangeDirection.Input : ChangeDirection.Data, newReader, oldReader);
    }

    private void Emit(Rule rule, string path, string message, string? owner, string? oldValue, string? newValue,
        Severity? newReader = null, Severity? oldReader = null)
    {
        var (direction, backward, forward) = Orient(owner, newReader ?? rule.Backward, oldReader ?? rule.Forward);
        Add(rule, path, message, direction, backward, forward, oldValue, newValue);
    }

    private void Interface(Rule rule, string path, string message, string? oldValue, string? newValue, Severity? severity = null) =>
        Add(rule, path, message, ChangeDirection.Interface, severity ?? rule.Backward, severity ?? rule.Forward, oldValue, newValue);

    private void Add(Rule rule, string path, string message, ChangeDirection direction, Severity backward, Severity forward,
        string? oldValue, string? newValue)
    {
        var finding = Finding.Create(rule, path, message, direction, backward, forward,
            oldValue is null ? null : JsonValue.Create(oldValue), newValue is null ? null : JsonValue.Create(newValue));
        if (!backward.IsBlocking() && finding.Level > ChangeType.Minor)
        {
            finding = finding with { Level = ChangeType.Minor }; // only a backward-blocking change is major
        }

        _findings.Add(finding);
    }

    // ---------------------------------------------------------------- messages

    private void CompareMessages()
    {
        var oldKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in _old.Messages.Values.Where(m => !m.IsLibrary && !m.IsMapEntry))
        {
            oldKeys.Add(message.FullName);
            if (_newMessages.TryGetValue(message.FullName, out var counterpart) && !counterpart.IsLibrary)
            {
                CompareMessage(message, counterpart);
                continue;
            }

            if (message.Parent is not null && !_newMessages.ContainsKey(message.Parent))
            {
                continue; // reported with its enclosing message
            }

            var referenced = IsMessageReferenced(message.FullName);
            Emit(ProtobufRules.MessageRemoved, message.FullName,
                referenced ? $"Message '{message.FullName}' was removed while an RPC or field that remains used it."
                           : $"Message '{message.FullName}' was removed; nothing else in the contract used it.",
                message.FullName, message.FullName, null,
                referenced ? Severity.Breaking : Severity.Dangerous, referenced ? Severity.Breaking : Severity.Dangerous);
        }

        foreach (var message in _new.Messages.Values.Where(m => !m.IsLibrary && !m.IsMapEntry))
        {
            var key = Key(message.FullName);
            if (oldKeys.Contains(key) || _old.Messages.ContainsKey(key))
            {
                continue;
            }

            if (message.Parent is not null && !_old.Messages.ContainsKey(Key(message.Parent)))
            {
                continue;
            }

            Emit(ProtobufRules.MessageAdded, key, $"Message '{message.FullName}' was added.", key, null, message.FullName);
        }
    }

    private bool IsMessageReferenced(string name) =>
        _oldRpcRefs.GetValueOrDefault(name)?.Any(r =>
            _newRpcs.Contains(r.Service + "/" + r.Method)) == true
        || IsTypeUsedByRemainingField(name);

    private bool IsTypeUsedByRemainingField(string name) =>
        _oldFieldRefs.GetValueOrDefault(name)?.Any(r =>
            r.Owner != name && _newMessages.TryGetValue(r.Owner, out var message) && message.Fields.ContainsKey(r.Number)) == true;

    private void CompareMessage(ProtoMessage o, ProtoMessage n)
    {
        var removed = CompareFields(o.FullName, o.Fields, n.Fields, o, n, o.FullName);
        CompareReserved(o.FullName, o.FullName, o.ReservedRanges, n.ReservedRanges, o.ReservedNames, n.ReservedNames,
            removed.Numbers, removed.Names, "field");
        CompareExtensionRanges(o, n);
    }

    private (HashSet<int> Numbers, HashSet<string> Names) CompareFields(string scope, IReadOnlyDictionary<int, ProtoField> oldFields,
        IReadOnlyDictionary<int, ProtoField> newFields, ProtoMessage? om, ProtoMessage? nm, string owner)
    {
        var removedNumbers = new HashSet<int>();
        var removedNames = new HashSet<string>(StringComparer.Ordinal);
        var oldByName = oldFields.Values.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var newByName = newFields.Values.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var oneofs = om is not null && nm is not null ? new OneofIndex(om, nm) : null;
        var oneofMap = oneofs is not null ? MapOneofs(scope, om!, nm!, owner, oneofs) : [];

        foreach (var o in oldFields.Values)
        {
            var path = scope + "." + o.Name;
            newFields.TryGetValue(o.Number, out var byNumber);
            newByName.TryGetValue(o.Name, out var byName);

            if (byName is not null && byName.Number != o.Number)
            {
                Emit(ProtobufRules.FieldRenumbered, path, $"Field '{o.Name}' moved from number {o.Number} to {byName.Number}.",
                    owner, o.Declaration, byName.Declaration);
                removedNumbers.Add(o.Number);
            }

            if (byNumber is not null && byNumber.Name == o.Name)
            {
                CompareMatched(scope, o, byNumber, owner, oneofs, oneofMap, renamed: false);
                continue;
            }

            if (byNumber is not null)
            {
                if (byName is not null || oldByName.ContainsKey(byNumber.Name))
                {
                    if (!oldByName.ContainsKey(byNumber.Name))
                    {
                        Emit(ProtobufRules.FieldNumberReused, scope + "." + byNumber.Name,
                            $"Field {o.Number} was '{o.Name}' and is now '{byNumber.Name}', while '{o.Name}' moved to another number.",
                            owner, o.Declaration, byNumber.Declaration);
                    }

                    continue;
                }

                if (Classify(o, byNumber).Verdict == TypeVerdict.Incompatible || Category(o) != Category(byNumber))
                {
                    Emit(ProtobufRules.FieldNumberReused, path,
                        $"Field {o.Number} was '{o.Name}' ({o.TypeLabel}) and is now '{byNumber.Name}' ({byNumber.TypeLabel}), a different field.",
                        owner, o.Declaration, byNumber.Declaration);
                    continue;
                }

                var jsonChanged = !string.Equals(o.JsonName, byNumber.JsonName, StringComparison.Ordinal);
                Emit(ProtobufRules.FieldRenamed, path,
                    jsonChanged
                        ? $"Field {o.Number} was renamed from '{o.Name}' to '{byNumber.Name}'; its JSON name changes from '{o.JsonName}' to '{byNumber.JsonName}'."
                        : $"Field {o.Number} was renamed from '{o.Name}' to '{byNumber.Name}'; the JSON name '{o.JsonName}' is kept.",
                    owner, o.Name, byNumber.Name,
                    jsonChanged ? Severity.Dangerous : Severity.Safe, jsonChanged ? Severity.Dangerous : Severity.Safe);
                CompareMatched(scope, o, byNumber, owner, oneofs, oneofMap, renamed: true);
                continue;
            }

            if (byName is not null)
            {
                continue; // renumbered, reported above
            }

            removedNumbers.Add(o.Number);
            removedNames.Add(o.Name);
            var numberReserved = nm is not null && InRanges(nm.ReservedRanges, o.Number);
            var nameReserved = nm is not null && nm.ReservedNames.Contains(o.Name);
            if (numberReserved)
            {
                Emit(ProtobufRules.FieldRemovedReserved, path,
                    nameReserved
                        ? $"Field '{o.Name}' (field {o.Number}) was removed; its number and name are reserved."
                        : $"Field '{o.Name}' (field {o.Number}) was removed; its number is reserved (its name is not).",
                    owner, o.Declaration, null);
            }
            else
            {
                Emit(ProtobufRules.FieldRemoved, path,
                    $"Field '{o.Name}' (field {o.Number}) was removed without reserving its number.", owner, o.Declaration, null);
            }
        }

        foreach (var n in newFields.Values)
        {
            if (oldFields.ContainsKey(n.Number) || oldByName.ContainsKey(n.Name))
            {
                continue; // matched, renamed, renumbered or reused: handled above
            }

            var path = scope + "." + n.Name;
            if (om is not null && InRanges(om.ReservedRanges, n.Number))
            {
                Emit(ProtobufRules.ReservedNumberReused, path,
                    $"Field '{n.Name}' uses number {n.Number}, which the old version reserved.", owner, null, n.Declaration);
            }
            else if (om?.ReservedNames.Contains(n.Name) == true)
            {
                Emit(ProtobufRules.ReservedNameReused, path,
                    $"Field '{n.Name}' (field {n.Number}) uses a name the old version reserved.", owner, null, n.Declaration);
            }
            else if (n.Cardinality == ProtoCardinality.Required)
            {
                Emit(ProtobufRules.RequiredFieldAdded, path, $"Required field '{n.Name}' (field {n.Number}) was added.", owner, null, n.Declaration);
            }
            else
            {
                Emit(ProtobufRules.FieldAdded, path, $"Field '{n.Name}' (field {n.Number}) was added.", owner, null, n.Declaration);
            }
        }

        return (removedNumbers, removedNames);
    }

    private static int Category(ProtoField field) => field.Cardinality switch
    {
        ProtoCardinality.Repeated => 1,
        ProtoCardinality.Map => 2,
        _ => 0,
    };

    private void CompareMatched(string scope, ProtoField o, ProtoField n, string owner, OneofIndex? oneofs,
        Dictionary<string, string> oneofMap, bool renamed)
    {
        var path = scope + "." + o.Name;
        var where = $"'{o.Name}' (field {o.Number})";

        if (Category(o) != Category(n))
        {
            Emit(ProtobufRules.FieldCardinalityChanged, path,
                $"Field {where} changed from {Describe(o.Cardinality)} to {Describe(n.Cardinality)}.", owner, o.Declaration, n.Declaration);
        }
        else if (o.Cardinality == ProtoCardinality.Map && n.Cardinality == ProtoCardinality.Map)
        {
            if (o.MapKey is not null && n.MapKey is not null)
            {
                CompareType(path, $"The key of map field {where}", o.MapKey, n.MapKey, owner);
            }

            if (o.MapValue is not null && n.MapValue is not null)
            {
                CompareType(path, $"The value of map field {where}", o.MapValue, n.MapValue, owner);
            }
        }
        else
        {
            CompareType(path, $"Field {where}", o, n, owner);
        }

        if (o.Cardinality == ProtoCardinality.Required && n.Cardinality == ProtoCardinality.Singular)
        {
            Emit(ProtobufRules.FieldMadeOptional, path, $"Field {where} is no longer required.", owner, o.Declaration, n.Declaration);
        }
        else if (o.Cardinality == ProtoCardinality.Singular && n.Cardinality == ProtoCardinality.Required)
        {
            Emit(ProtobufRules.FieldMadeRequired, path, $"Field {where} became required.", owner, o.Declaration, n.Declaration);
        }
        else if (o.Cardinality == ProtoCardinality.Singular && n.Cardinality == ProtoCardinality.Singular
            && o.Oneof is null && n.Oneof is null && o.ExplicitPresence != n.ExplicitPresence
            && o.Kind is not ("message" or "group") && n.Kind is not ("message" or "group"))
        {
            Emit(ProtobufRules.FieldPresenceChanged, path,
                n.ExplicitPresence ? $"Field {where} now tracks presence (optional)." : $"Field {where} no longer tracks presence.",
                owner, o.Declaration, n.Declaration);
        }

        if (!string.Equals(o.DefaultValue, n.DefaultValue, StringComparison.Ordinal))
        {
            Emit(ProtobufRules.DefaultChanged, path, $"The default of field {where} changed.", owner, o.DefaultValue, n.DefaultValue);
        }

        if (!renamed && !string.Equals(o.JsonName, n.JsonName, StringComparison.Ordinal))
        {
            Emit(ProtobufRules.JsonNameChanged, path, $"The JSON name of field {where} changed from '{o.JsonName}' to '{n.JsonName}'.",
                owner, o.JsonName, n.JsonName);
        }

        if (oneofs is not null)
        {
            CompareOneof(path, where, o, n, owner, oneofs, oneofMap);
        }
    }

    private static string Describe(ProtoCardinality cardinality) => cardinality switch
    {
        ProtoCardinality.Repeated => "repeated",
        ProtoCardinality.Map => "a map",
        ProtoCardinality.Required => "required",
        _ => "singular",
    };

    private void CompareType(string path, string what, ProtoField o, ProtoField n, string owner)
    {
        var (verdict, newReader, oldReader) = Classify(o, n);
        var oldType = o.TypeLabel;
        var newType = n.TypeLabel;
        switch (verdict)
        {
            case TypeVerdict.Same:
                return;
            case TypeVerdict.Compatible:
                Emit(ProtobufRules.FieldTypeChangedCompatible, path,
                    $"{what} changed type from {oldType} to {newType}, which is wire-compatible; values may be truncated or reinterpreted.",
                    owner, oldType, newType, newReader, oldReader);
                return;
            case TypeVerdict.Incompatible:
                Emit(ProtobufRules.FieldTypeChanged, path, $"{what} changed type from {oldType} to {newType}, which is not wire-compatible.",
                    owner, oldType, newType);
                return;
            default:
                Emit(ProtobufRules.Unknown, path, $"{what} changed type from {oldType} to {newType}, which the engine cannot judge.",
                    owner, oldType, newType);
                return;
        }
    }

    private enum TypeVerdict
    {
        Same,
        Compatible,
        Incompatible,
        Unknown,
    }

    private static readonly HashSet<(string, string)> Widening =
    [
        ("int32", "int64"), ("uint32", "uint64"), ("uint32", "int64"), ("sint32", "sint64"),
    ];

    private static string? WireGroup(string kind) => kind switch
    {
        "int32" or "uint32" or "int64" or "uint64" or "bool" or "enum" => "varint",
        "sint32" or "sint64" => "zigzag",
        "fixed32" or "sfixed32" => "fixed32",
        "fixed64" or "sfixed64" => "fixed64",
        "string" or "bytes" => "text",
        "float" or "double" or "message" or "group" => kind,
        _ => null,
    };

    /// <summary>How a value written as <paramref name="o"/> reads as <paramref name="n"/> and back (reader severities).</summary>
    private (TypeVerdict Verdict, Severity NewReader, Severity OldReader) Classify(ProtoField o, ProtoField n)
    {
        var dangerous = (TypeVerdict.Compatible, Severity.Dangerous, Severity.Dangerous);
        if (WireGroup(o.Kind) is null || WireGroup(n.Kind) is null)
        {
            return o.Kind == n.Kind ? (TypeVerdict.Same, Severity.Safe, Severity.Safe) : (TypeVerdict.Unknown, Severity.Unknown, Severity.Unknown);
        }

        if (o.Kind == n.Kind)
        {
            if (o.Kind is "message" or "group" or "enum")
            {
                var newName = KeyOrNull(n.TypeName);
                if (string.Equals(o.TypeName, newName, StringComparison.Ordinal))
                {
                    return (TypeVerdict.Same, Severity.Safe, Severity.Safe);
                }

                return o.Kind == "enum" || SameShape(o.TypeName!, n.TypeName!)
                    ? dangerous
                    : (TypeVerdict.Incompatible, Severity.Breaking, Severity.Breaking);
            }

            return (TypeVerdict.Same, Severity.Safe, Severity.Safe);
        }

        if (Widening.Contains((o.Kind, n.Kind)))
        {
            return (TypeVerdict.Compatible, Severity.Safe, Severity.Dangerous);
        }

        if (Widening.Contains((n.Kind, o.Kind)))
        {
            return (TypeVerdict.Compatible, Severity.Dangerous, Severity.Safe);
        }

        if (WireGroup(o.Kind) == WireGroup(n.Kind) && o.Kind is not ("float" or "double" or "message" or "group"))
        {
            return dangerous;
        }

        return (o.Kind, n.Kind) is ("bytes", "message") or ("message", "bytes")
            ? dangerous
            : (TypeVerdict.Incompatible, Severity.Breaking, Severity.Breaking);
    }

    /// <summary>
    /// True when an old message type and a new one have the same wire shape: the same field numbers with the same
    /// wire encoding and cardinality, recursively (a renamed or moved copy of a message).
    /// </summary>
    private bool SameShape(string oldName, string newName)
    {
        if (!_shapes.TryGetValue((oldName, newName), out var same))
        {
            same = ComputeSameShape(oldName, newName);
            _shapes[(oldName, newName)] = same;
        }

        return same;
    }

    private bool ComputeSameShape(string oldName, string newName)
    {
        var seen = new HashSet<(string, string)>();
        var stack = new Stack<(string Old, string New)>();
        stack.Push((oldName, newName));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            if (!seen.Add((a, b)))
            {
                continue;
            }

            if (seen.Count > MaxShapePairs || !_old.Messages.TryGetValue(a, out var om) || !_new.Messages.TryGetValue(b, out var nm)
                || om.Fields.Count != nm.Fields.Count)
            {
                return false;
            }

            foreach (var (number, of) in om.Fields)
            {
                if (!nm.Fields.TryGetValue(number, out var nf) || Category(of) != Category(nf))
                {
                    return false;
                }

                var pairs = of.Cardinality == ProtoCardinality.Map
                    ? new[] { (of.MapKey, nf.MapKey), (of.MapValue, nf.MapValue) }
                    : new[] { ((ProtoField?)of, (ProtoField?)nf) };
                foreach (var (x, y) in pairs)
                {
                    if (x is null || y is null || x.Kind != y.Kind)
                    {
                        return false;
                    }

                    if (x.Kind is "message" or "group" && !string.Equals(x.TypeName, KeyOrNull(y.TypeName), StringComparison.Ordinal))
                    {
                        stack.Push((x.TypeName!, y.TypeName!));
                    }
                }
            }
        }

        return true;
    }

    // ---------------------------------------------------------------- oneofs

    /// <summary>Members of each oneof on both sides, computed once per message pair.</summary>
    private sealed class OneofIndex
    {
        public OneofIndex(ProtoMessage om, ProtoMessage nm)
        {
            Old = om;
            New = nm;
            OldMembers = Group(om);
            NewMembers = Group(nm);
        }

        public ProtoMessage Old { get; }

        public ProtoMessage New { get; }

        /// <summary>Old oneof → its members' numbers.</summary>
        public Dictionary<string, List<int>> OldMembers { get; }

        /// <summary>New oneof → its members' numbers.</summary>
        public Dictionary<string, List<int>> NewMembers { get; }

        /// <summary>New oneofs that an old oneof was renamed to.</summary>
        public HashSet<string> RenameTargets { get; } = new(StringComparer.Ordinal);

        /// <summary>How many members of a new oneof already existed as fields in the old message.</summary>
        public int ExistingMembers(string newOneof)
        {
            if (!_existing.TryGetValue(newOneof, out var count))
            {
                count = NewMembers[newOneof].Count(Old.Fields.ContainsKey);
                _existing[newOneof] = count;
            }

            return count;
        }

        private readonly Dictionary<string, int> _existing = new(StringComparer.Ordinal);

        private static Dictionary<string, List<int>> Group(ProtoMessage message)
        {
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var field in message.Fields.Values)
            {
                if (field.Oneof is not null)
                {
                    Bucket(groups, field.Oneof).Add(field.Number);
                }
            }

            return groups;
        }
    }

    private Dictionary<string, string> MapOneofs(string scope, ProtoMessage om, ProtoMessage nm, string owner, OneofIndex index)
    {
        var oldOneofs = om.Oneofs.ToHashSet(StringComparer.Ordinal);
        var newOneofs = nm.Oneofs.ToHashSet(StringComparer.Ordinal);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var oneof in om.Oneofs)
        {
            if (newOneofs.Contains(oneof))
            {
                map[oneof] = oneof;
                continue;
            }

            var members = index.OldMembers.GetValueOrDefault(oneof, []).Where(nm.Fields.ContainsKey).ToHashSet();
            if (members.Count == 0)
            {
                continue;
            }

            var targets = members.Select(n => nm.Fields[n].Oneof).Distinct().ToList();
            if (targets is [{ } target] && !oldOneofs.Contains(target)
                && index.NewMembers[target].Where(om.Fields.ContainsKey).All(members.Contains))
            {
                map[oneof] = target;
                index.RenameTargets.Add(target);
                Emit(ProtobufRules.OneofRenamed, scope + "." + oneof, $"Oneof '{oneof}' was renamed to '{target}'.", owner, oneof, target);
            }
        }

        return map;
    }

    private void CompareOneof(string path, string where, ProtoField o, ProtoField n, string owner, OneofIndex index,
        Dictionary<string, string> oneofMap)
    {
        var oldOneof = o.Oneof is null ? null : oneofMap.GetValueOrDefault(o.Oneof, "\u0000" + o.Oneof);
        if (string.Equals(oldOneof, n.Oneof, StringComparison.Ordinal))
        {
            return;
        }

        if (o.Oneof is null)
        {
            var existed = index.OldMembers.ContainsKey(n.Oneof!) || index.RenameTargets.Contains(n.Oneof!);
            var existingMembers = index.ExistingMembers(n.Oneof!);
            var safe = !existed && existingMembers == 1;
            Emit(ProtobufRules.FieldMovedIntoOneof, path,
                safe ? $"Field {where} moved into the new oneof '{n.Oneof}' on its own."
                     : $"Field {where} moved into the oneof '{n.Oneof}', which {(existed ? "already existed" : "takes several existing fields")}.",
                owner, null, n.Oneof, safe ? Severity.Safe : null, safe ? Severity.Safe : null);
        }
        else if (n.Oneof is null)
        {
            var alone = index.OldMembers[o.Oneof].Count == 1;
            Emit(ProtobufRules.FieldMovedOutOfOneof, path,
                alone ? $"Field {where} left the oneof '{o.Oneof}', of which it was the only member."
                      : $"Field {where} left the oneof '{o.Oneof}'.",
                owner, o.Oneof, null, alone ? Severity.Safe : null, alone ? Severity.Safe : null);
        }
        else
        {
            Emit(ProtobufRules.FieldOneofChanged, path, $"Field {where} moved from the oneof '{o.Oneof}' to '{n.Oneof}'.", owner, o.Oneof, n.Oneof);
        }
    }

    // ---------------------------------------------------------------- reservations and extension ranges

    private void CompareReserved(string path, string owner, IReadOnlyList<ProtoRange> oldRanges, IReadOnlyList<ProtoRange> newRanges,
        IReadOnlySet<string> oldNames, IReadOnlySet<string> newNames, HashSet<int> removedNumbers, HashSet<string> removedNames, string what)
    {
        foreach (var range in oldRanges.Where(r => !Covered(r, newRanges)))
        {
            Emit(ProtobufRules.ReservedRemoved, path, $"The reservation of {what} numbers {range} was removed or narrowed.", owner,
                "reserved " + range, null);
        }

        var removed = removedNumbers.Order().ToList();
        foreach (var range in newRanges.Where(r => !Covered(r, oldRanges) && !AnyIn(removed, r)))
        {
            Emit(ProtobufRules.ReservedAdded, path, $"{Capital(what)} numbers {range} were reserved.", owner, null, "reserved " + range);
        }

        foreach (var name in oldNames.Where(x => !newNames.Contains(x)))
        {
            Emit(ProtobufRules.ReservedRemoved, path, $"The reservation of the {what} name '{name}' was removed.", owner, $"reserved \"{name}\"", null);
        }

        foreach (var name in newNames.Where(x => !oldNames.Contains(x) && !removedNames.Contains(x)))
        {
            Emit(ProtobufRules.ReservedAdded, path, $"The {what} name '{name}' was reserved.", owner, null, $"reserved \"{name}\"");
        }
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>True when one of the sorted, merged <paramref name="ranges"/> holds all of <paramref name="range"/>.</summary>
    private static bool Covered(ProtoRange range, IReadOnlyList<ProtoRange> ranges)
    {
        var i = LastStartingAtOrBefore(ranges, range.Start);
        return i >= 0 && ranges[i].End >= range.End;
    }

    private static bool InRanges(IReadOnlyList<ProtoRange> ranges, int number)
    {
        var i = LastStartingAtOrBefore(ranges, number);
        return i >= 0 && ranges[i].End >= number;
    }

    private static int LastStartingAtOrBefore(IReadOnlyList<ProtoRange> ranges, int number)
    {
        int lo = 0, hi = ranges.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ranges[mid].Start <= number)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>True when a number of the sorted list <paramref name="numbers"/> lies in <paramref name="range"/>.</summary>
    private static bool AnyIn(List<int> numbers, ProtoRange range)
    {
        var i = numbers.BinarySearch(range.Start);
        if (i < 0)
        {
            i = ~i;
        }

        return i < numbers.Count && numbers[i] <= range.End;
    }

    private void CompareExtensionRanges(ProtoMessage o, ProtoMessage n)
    {
        foreach (var range in o.ExtensionRanges.Where(r => !Covered(r, n.ExtensionRanges)))
        {
            Emit(ProtobufRules.ExtensionRangeRemoved, o.FullName, $"The extension range {range} was removed or narrowed.", o.FullName,
                "extensions " + range, null);
        }

        foreach (var range in n.ExtensionRanges.Where(r => !Covered(r, o.ExtensionRanges)))
        {
            Emit(ProtobufRules.ExtensionRangeAdded, o.FullName, $"The extension range {range} was added.", o.FullName, null, "extensions " + range);
        }
    }

    // ---------------------------------------------------------------- enums

    private void CompareEnums()
    {
        foreach (var en in _old.Enums.Values.Where(e => !e.IsLibrary))
        {
            if (_newEnums.TryGetValue(en.FullName, out var counterpart) && !counterpart.IsLibrary)
            {
                CompareEnum(en, counterpart);
                continue;
            }

            if (en.Parent is not null && !_newMessages.ContainsKey(en.Parent))
            {
                continue;
            }

            var referenced = IsTypeUsedByRemainingField(en.FullName);
            Emit(ProtobufRules.EnumRemoved, en.FullName,
                referenced ? $"Enum '{en.FullName}' was removed while a remaining field used it." : $"Enum '{en.FullName}' was removed; no remaining field used it.",
                en.FullName, en.FullName, null,
                referenced ? Severity.Breaking : Severity.Dangerous, referenced ? Severity.Breaking : Severity.Dangerous);
        }

        foreach (var en in _new.Enums.Values.Where(e => !e.IsLibrary))
        {
            var key = Key(en.FullName);
            if (_old.Enums.ContainsKey(key) || (en.Parent is not null && !_old.Messages.ContainsKey(Key(en.Parent))))
            {
                continue;
            }

            Emit(ProtobufRules.EnumAdded, key, $"Enum '{en.FullName}' was added.", key, null, en.FullName);
        }
    }

    private void CompareEnum(ProtoEnum o, ProtoEnum n)
    {
        var owner = o.FullName;
        var oldByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in o.Values)
        {
            oldByName.TryAdd(value.Name, value.Number);
        }

        var newByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in n.Values)
        {
            newByName.TryAdd(value.Name, value.Number);
        }

        var oldNumbers = o.Values.GroupBy(v => v.Number).ToDictionary(g => g.Key, g => g.Select(v => v.Name).ToList());
        var newNumbers = n.Values.GroupBy(v => v.Number).ToDictionary(g => g.Key, g => g.Select(v => v.Name).ToList());
        var removedNumbers = new HashSet<int>();
        var removedNames = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (name, number) in oldByName)
        {
            var path = owner + "." + name;
            if (newByName.TryGetValue(name, out var newNumber))
            {
                if (newNumber != number)
                {
                    Emit(ProtobufRules.EnumValueRenumbered, path, $"Enum value '{name}' changed from {number} to {newNumber}.", owner,
                        Value(name, number), Value(name, newNumber));
                    removedNumbers.Add(number);
                }

                continue;
            }

            removedNames.Add(name);
            if (newNumbers.TryGetValue(number, out var names))
            {
                Emit(ProtobufRules.EnumValueRenamed, path, $"Enum number {number} was '{name}' and is now '{string.Join("', '", names)}'.", owner,
                    Value(name, number), Value(string.Join(", ", names), number));
                continue;
            }

            removedNumbers.Add(number);
            Emit(ProtobufRules.EnumValueRemoved, path, $"Enum value '{name}' ({number}) was removed.", owner, Value(name, number), null);
        }

        foreach (var (name, number) in newByName)
        {
            if (oldByName.ContainsKey(name))
            {
                continue;
            }

            var path = owner + "." + name;
            if (oldNumbers.TryGetValue(number, out var oldNames))
            {
                if (oldNames.All(newByName.ContainsKey))
                {
                    Emit(ProtobufRules.EnumAliasAdded, path, $"Enum number {number} gained the alias '{name}'.", owner, null, Value(name, number));
                }

                continue; // a rename, reported above
            }

            if (InRanges(o.ReservedRanges, number))
            {
                Emit(ProtobufRules.ReservedNumberReused, path, $"Enum value '{name}' uses number {number}, which the old version reserved.",
                    owner, null, Value(name, number));
            }
            else if (o.ReservedNames.Contains(name))
            {
                Emit(ProtobufRules.ReservedNameReused, path, $"Enum value '{name}' uses a name the old version reserved.", owner, null, Value(name, number));
            }
            else
            {
                Emit(ProtobufRules.EnumValueAdded, path, $"Enum value '{name}' ({number}) was added.", owner, null, Value(name, number));
            }
        }

        CompareReserved(owner, owner, o.ReservedRanges, n.ReservedRanges, o.ReservedNames, n.ReservedNames, removedNumbers, removedNames, "value");

        if (o.Closed != n.Closed && string.Equals(_old.Syntax, _new.Syntax, StringComparison.Ordinal))
        {
            Emit(ProtobufRules.Unknown, owner, $"Enum '{o.FullName}' changed from {(o.Closed ? "closed" : "open")} to {(n.Closed ? "closed" : "open")}.",
                owner, o.Closed ? "closed" : "open", n.Closed ? "closed" : "open");
        }
    }

    private static string Value(string name, int number) => name + " = " + number.ToString(CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- services

    private void CompareServices()
    {
        foreach (var service in _old.Services.Values)
        {
            if (!_newServices.TryGetValue(service.FullName, out var counterpart))
            {
                Interface(ProtobufRules.ServiceRemoved, service.FullName, $"Service '{service.FullName}' was removed.", service.FullName, null);
                continue;
            }

            var newMethods = new Dictionary<string, ProtoMethod>(StringComparer.Ordinal);
            foreach (var method in counterpart.Methods)
            {
                newMethods.TryAdd(method.Name, method);
            }

            var oldMethods = service.Methods.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var method in service.Methods)
            {
                var path = service.FullName + "/" + method.Name;
                if (!newMethods.TryGetValue(method.Name, out var newMethod))
                {
                    Interface(ProtobufRules.RpcRemoved, path, $"RPC '{path}' was removed.", Signature(method), null);
                    continue;
                }

                CompareRpcType(ProtobufRules.RpcRequestTypeChanged, path, "request", method.InputType, newMethod.InputType);
                CompareRpcType(ProtobufRules.RpcResponseTypeChanged, path, "response", method.OutputType, newMethod.OutputType);
                if (method.ClientStreaming != newMethod.ClientStreaming || method.ServerStreaming != newMethod.ServerStreaming)
                {
                    Interface(ProtobufRules.RpcStreamingChanged, path,
                        $"RPC '{path}' changed from {Streaming(method)} to {Streaming(newMethod)}.", Streaming(method), Streaming(newMethod));
                }
            }

            foreach (var method in counterpart.Methods.Where(m => !oldMethods.Contains(m.Name)))
            {
                var path = service.FullName + "/" + method.Name;
                Interface(ProtobufRules.RpcAdded, path, $"RPC '{path}' was added.", null, Signature(method));
            }
        }

        foreach (var service in _new.Services.Values.Where(s => !_old.Services.ContainsKey(Key(s.FullName))))
        {
            Interface(ProtobufRules.ServiceAdded, Key(service.FullName), $"Service '{service.FullName}' was added.", null, service.FullName);
        }
    }

    private void CompareRpcType(Rule rule, string path, string side, string oldType, string newType)
    {
        if (string.Equals(oldType, Key(newType), StringComparison.Ordinal))
        {
            return;
        }

        var sameShape = SameShape(oldType, newType);
        Interface(rule, path,
            sameShape
                ? $"The {side} type of '{path}' changed from {oldType} to {newType}, a message of the same wire shape."
                : $"The {side} type of '{path}' changed from {oldType} to {newType}.",
            oldType, newType, sameShape ? Severity.Dangerous : null);
    }

    private static string Streaming(ProtoMethod method) => (method.ClientStreaming, method.ServerStreaming) switch
    {
        (false, false) => "unary",
        (true, false) => "client streaming",
        (false, true) => "server streaming",
        _ => "bidirectional streaming",
    };

    private static string Signature(ProtoMethod method) =>
        $"rpc {method.Name}({(method.ClientStreaming ? "stream " : "")}{method.InputType}) returns ({(method.ServerStreaming ? "stream " : "")}{method.OutputType})";

    // ---------------------------------------------------------------- extensions

    private void CompareExtensions()
    {
        static Dictionary<string, Dictionary<int, ProtoField>> Group(IEnumerable<ProtoField> fields, Func<string, string> key) =>
            fields.GroupBy(f => key(f.Extendee ?? ""), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToDictionary(f => f.Number, f => f with { Name = "(" + key(f.FullName ?? f.Name) + ")" }), StringComparer.Ordinal);

        var oldGroups = Group(_old.Extensions, name => name);
        var newGroups = Group(_new.Extensions, Key);
        foreach (var extendee in oldGroups.Keys.Union(newGroups.Keys).Order(StringComparer.Ordinal))
        {
            CompareFields(extendee, oldGroups.GetValueOrDefault(extendee) ?? [], newGroups.GetValueOrDefault(extendee) ?? [], null, null, extendee);
        }
    }
}
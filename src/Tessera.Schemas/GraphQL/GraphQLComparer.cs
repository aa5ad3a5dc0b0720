using System.Text.Json.Nodes;

namespace Tessera.Schemas.GraphQL;

/// <summary>
/// Compares two GraphQL schemas. Output positions (field results) and input positions (arguments, input fields)
/// are judged in their own direction: a server may return less null but must accept at least what it accepted.
/// </summary>
internal sealed class GraphQLComparer
{
    private readonly GraphQLSchemaDocument _old;
    private readonly GraphQLSchemaDocument _new;
    private readonly GraphQLReachability _oldReach;
    private readonly GraphQLReachability _newReach;
    private readonly List<Finding> _findings = [];
    private readonly int _maxFindings;

    private GraphQLComparer(GraphQLSchemaDocument oldDocument, GraphQLSchemaDocument newDocument, SchemaLimits limits)
    {
        _old = oldDocument;
        _new = newDocument;
        _oldReach = new GraphQLReachability(oldDocument);
        _newReach = new GraphQLReachability(newDocument);
        _maxFindings = limits.MaxFindings;
    }

    public static List<Finding> Compare(GraphQLSchemaDocument oldDocument, GraphQLSchemaDocument newDocument, SchemaLimits limits)
    {
        var comparer = new GraphQLComparer(oldDocument, newDocument, limits);
        comparer.Run();
        return comparer._findings;
    }

    private bool BothFromSdl => _old.FromSdl && _new.FromSdl;

    private void Run()
    {
        CompareRoots();
        foreach (var name in _old.Types.Keys.Union(_new.Types.Keys).Order(StringComparer.Ordinal))
        {
            var oldType = _old.Find(name);
            var newType = _new.Find(name);
            if (oldType is null)
            {
                Add(GraphQLRules.TypeAdded, name, $"The {Describe(newType!.Kind)} '{name}' was added.", ChangeDirection.Interface, null, newType.Kind.ToWire());
            }
            else if (newType is null)
            {
                Add(GraphQLRules.TypeRemoved, name, $"The {Describe(oldType.Kind)} '{name}' was removed.", ChangeDirection.Interface, oldType.Kind.ToWire(), null);
            }
            else if (oldType.Kind != newType.Kind)
            {
                Add(GraphQLRules.TypeKindChanged, name, $"'{name}' changed from {Describe(oldType.Kind)} to {Describe(newType.Kind)}.",
                    ChangeDirection.Interface, oldType.Kind.ToWire(), newType.Kind.ToWire());
            }
            else
            {
                CompareType(oldType, newType);
            }
        }

        CompareDirectives();
    }

    private void CompareRoots()
    {
        foreach (var operation in new[] { "query", "mutation", "subscription" })
        {
            var oldRoot = _old.RootType(operation);
            var newRoot = _new.RootType(operation);
            if (oldRoot == newRoot)
            {
                continue;
            }

            var path = "schema." + operation;
            if (oldRoot is null)
            {
                Add(GraphQLRules.RootTypeAdded, path, $"The schema now has a {operation} root type '{newRoot}'.", ChangeDirection.Interface, null, newRoot);
            }
            else if (newRoot is null)
            {
                Add(GraphQLRules.RootTypeRemoved, path, $"The {operation} root type '{oldRoot}' was removed from the schema.", ChangeDirection.Interface, oldRoot, null);
            }
            else
            {
                Add(GraphQLRules.RootTypeChanged, path, $"The {operation} root type changed from '{oldRoot}' to '{newRoot}'.", ChangeDirection.Interface, oldRoot, newRoot);
            }
        }
    }

    private void CompareType(GraphQLTypeDef oldType, GraphQLTypeDef newType)
    {
        var name = oldType.Name;
        switch (oldType.Kind)
        {
            case GraphQLTypeKind.Object or GraphQLTypeKind.Interface:
                CompareFields(oldType, newType);
                CompareInterfaces(oldType, newType);
                break;
            case GraphQLTypeKind.InputObject:
                CompareInputValues(oldType.InputFields, newType.InputFields, name, isArgument: false);
                break;
            case GraphQLTypeKind.Enum:
                CompareEnumValues(oldType, newType);
                break;
            case GraphQLTypeKind.Union:
                CompareUnion(oldType, newType);
                break;
            case GraphQLTypeKind.Scalar:
                if (oldType.SpecifiedBy != newType.SpecifiedBy && (oldType.SpecifiedBy is not null || newType.SpecifiedBy is not null))
                {
                    Add(GraphQLRules.ScalarSpecifiedByChanged, name, $"The @specifiedBy URL of the scalar '{name}' changed.",
                        IsOutput(name) ? ChangeDirection.Output : ChangeDirection.Input, oldType.SpecifiedBy, newType.SpecifiedBy);
                }

                break;
        }

        CompareAppliedDirectives(oldType.Directives, newType.Directives, name, ChangeDirection.Interface);
    }

    private void CompareFields(GraphQLTypeDef oldType, GraphQLTypeDef newType)
    {
        var kind = Describe(oldType.Kind);
        var newFields = newType.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var oldNames = oldType.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var oldField in oldType.Fields)
        {
            var path = $"{oldType.Name}.{oldField.Name}";
            var newField = newFields.GetValueOrDefault(oldField.Name);
            if (newField is null)
            {
                Add(GraphQLRules.FieldRemoved, path, $"The field '{path}' was removed from the {kind} '{oldType.Name}'.", ChangeDirection.Output,
                    oldField.Type.ToString(), null);
                continue;
            }

            CompareOutputType(path, oldField.Type, newField.Type);
            CompareInputValues(oldField.Arguments, newField.Arguments, path, isArgument: true);
            CompareDeprecation(path, "field", oldField.Deprecation, newField.Deprecation, ChangeDirection.Output);
            CompareAppliedDirectives(oldField.Directives, newField.Directives, path, ChangeDirection.Output);
        }

        foreach (var newField in newType.Fields.Where(f => !oldNames.Contains(f.Name)))
        {
            var path = $"{newType.Name}.{newField.Name}";
            Add(GraphQLRules.FieldAdded, path, $"The field '{path}' was added to the {kind} '{newType.Name}'.", ChangeDirection.Output,
                null, newField.Type.ToString());
        }
    }

    private void CompareInterfaces(GraphQLTypeDef oldType, GraphQLTypeDef newType)
    {
        foreach (var iface in oldType.Interfaces.Except(newType.Interfaces).Order(StringComparer.Ordinal))
        {
            Add(GraphQLRules.InterfaceRemoved, oldType.Name, $"'{oldType.Name}' no longer implements the interface '{iface}'.", ChangeDirection.Output, iface, null);
        }

        foreach (var iface in newType.Interfaces.Except(oldType.Interfaces).Order(StringComparer.Ordinal))
        {
            Add(GraphQLRules.InterfaceAdded, oldType.Name, $"'{oldType.Name}' now implements the interface '{iface}'.", ChangeDirection.Output, null, iface);
        }
    }

    private void CompareUnion(GraphQLTypeDef oldType, GraphQLTypeDef newType)
    {
        foreach (var member in oldType.PossibleTypes.Except(newType.PossibleTypes).Order(StringComparer.Ordinal))
        {
            Add(GraphQLRules.UnionMemberRemoved, oldType.Name, $"'{member}' was removed from the union '{oldType.Name}'.", ChangeDirection.Output, member, null);
        }

        foreach (var member in newType.PossibleTypes.Except(oldType.PossibleTypes).Order(StringComparer.Ordinal))
        {
            Add(GraphQLRules.UnionMemberAdded, oldType.Name, $"'{member}' was added to the union '{oldType.Name}'.", ChangeDirection.Output, null, member);
        }
    }

    private void CompareEnumValues(GraphQLTypeDef oldType, GraphQLTypeDef newType)
    {
        var name = oldType.Name;
        var output = IsOutput(name);
        var input = IsInput(name);
        var where = (input, output) switch
        {
            (true, true) => "in input and output",
            (true, false) => "only in input",
            (false, true) => "only in output",
            _ => "nowhere reachable from the root types",
        };
        var direction = output ? ChangeDirection.Output : ChangeDirection.Input;
        var newValues = newType.EnumValues.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var oldNames = oldType.EnumValues.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var oldValue in oldType.EnumValues)
        {
            var path = $"{name}.{oldValue.Name}";
            var newValue = newValues.GetValueOrDefault(oldValue.Name);
            if (newValue is null)
            {
                Add(GraphQLRules.EnumValueRemoved, path, $"The value '{oldValue.Name}' was removed from the enum '{name}' (used {where}).", direction,
                    oldValue.Name, null, Severity.Breaking, output ? Severity.Dangerous : Severity.Safe);
                continue;
            }

            CompareDeprecation(path, "enum value", oldValue.Deprecation, newValue.Deprecation, direction);
            CompareAppliedDirectives(oldValue.Directives, newValue.Directives, path, direction);
        }

        foreach (var newValue in newType.EnumValues.Where(v => !oldNames.Contains(v.Name)))
        {
            var path = $"{name}.{newValue.Name}";
            Add(GraphQLRules.EnumValueAdded, path, $"The value '{newValue.Name}' was added to the enum '{name}' (used {where}).", direction,
                null, newValue.Name, output ? Severity.Dangerous : Severity.Safe, input ? Severity.Breaking : Severity.Safe);
        }
    }

    private void CompareInputValues(IReadOnlyList<GraphQLInputValueDef> oldValues, IReadOnlyList<GraphQLInputValueDef> newValues, string owner, bool isArgument)
    {
        var what = isArgument ? "argument" : "input field";
        var newByName = newValues.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var oldNames = oldValues.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var oldValue in oldValues)
        {
            var path = isArgument ? $"{owner}({oldValue.Name}:)" : $"{owner}.{oldValue.Name}";
            var newValue = newByName.GetValueOrDefault(oldValue.Name);
            if (newValue is null)
            {
                Add(isArgument ? GraphQLRules.ArgumentRemoved : GraphQLRules.InputFieldRemoved, path,
                    $"The {what} '{path}' was removed{(oldValue.IsRequired ? " (it was required)" : "")}.", ChangeDirection.Input,
                    oldValue.Type.ToString(), null, Severity.Breaking, oldValue.IsRequired ? Severity.Breaking : Severity.Safe);
                continue;
            }

            CompareInputType(path, what, oldValue.Type, newValue.Type);
            CompareDefault(path, what, oldValue, newValue);
            CompareDeprecation(path, what, oldValue.Deprecation, newValue.Deprecation, ChangeDirection.Input);
            CompareAppliedDirectives(oldValue.Directives, newValue.Directives, path, ChangeDirection.Input);
        }

        foreach (var newValue in newValues.Where(v => !oldNames.Contains(v.Name)))
        {
            var path = isArgument ? $"{owner}({newValue.Name}:)" : $"{owner}.{newValue.Name}";
            if (newValue.IsRequired)
            {
                Add(isArgument ? GraphQLRules.RequiredArgumentAdded : GraphQLRules.RequiredInputFieldAdded, path,
                    $"The required {what} '{path}' ({newValue.Type}, no default) was added.", ChangeDirection.Input, null, newValue.Type.ToString());
            }
            else
            {
                Add(isArgument ? GraphQLRules.ArgumentAdded : GraphQLRules.InputFieldAdded, path,
                    $"The optional {what} '{path}' was added.", ChangeDirection.Input, null, newValue.Type.ToString());
            }
        }
    }

    private void CompareDefault(string path, string what, GraphQLInputValueDef oldValue, GraphQLInputValueDef newValue)
    {
        if (oldValue.DefaultValue == newValue.DefaultValue)
        {
            return;
        }

        if (oldValue.DefaultValue is not null && newValue.DefaultValue is not null)
        {
            Add(GraphQLRules.DefaultValueChanged, path, $"The default value of the {what} '{path}' changed from {oldValue.DefaultValue} to {newValue.DefaultValue}.",
                ChangeDirection.Input, oldValue.DefaultValue, newValue.DefaultValue);
        }
        else if (oldValue.DefaultValue is null)
        {
            // A required input that gains a default becomes optional: old clients always send it (safe); new
            // clients may omit it, which an old server rejects.
            var madeOptional = oldValue.IsRequired && !newValue.IsRequired;
            Add(GraphQLRules.DefaultValueAdded, path, $"The {what} '{path}' got the default value {newValue.DefaultValue}{(madeOptional ? " and is no longer required" : "")}.",
                ChangeDirection.Input, null, newValue.DefaultValue,
                madeOptional ? Severity.Safe : Severity.Dangerous, madeOptional ? Severity.Breaking : Severity.Dangerous);
        }
        else
        {
            var madeRequired = !oldValue.IsRequired && newValue.IsRequired;
            Add(GraphQLRules.DefaultValueRemoved, path, $"The default value {oldValue.DefaultValue} of the {what} '{path}' was removed{(madeRequired ? "; it is now required" : "")}.",
                ChangeDirection.Input, oldValue.DefaultValue, null,
                madeRequired ? Severity.Breaking : Severity.Dangerous, madeRequired ? Severity.Safe : Severity.Dangerous);
        }
    }

    /// <summary>How two type references differ: another named type or list shape, and nullability either way.</summary>
    private static (bool Shape, bool Loosened, bool Tightened) Difference(GraphQLTypeRef oldType, GraphQLTypeRef newType)
    {
        bool loosened = false, tightened = false;
        var a = oldType;
        var b = newType;
        while (true)
        {
            if (a.IsNonNull && b.IsNonNull)
            {
                a = a.OfType!;
                b = b.OfType!;
            }
            else if (a.IsNonNull)
            {
                loosened = true;
                a = a.OfType!;
            }
            else if (b.IsNonNull)
            {
                tightened = true;
                b = b.OfType!;
            }
            else if (a.IsList && b.IsList)
            {
                a = a.OfType!;
                b = b.OfType!;
            }
            else
            {
                var shape = a.Name is null || b.Name is null || a.Name != b.Name;
                return (shape, loosened, tightened);
            }
        }
    }

    private void CompareOutputType(string path, GraphQLTypeRef oldType, GraphQLTypeRef newType)
    {
        if (oldType == newType || oldType.ToString() == newType.ToString())
        {
            return;
        }

        var (shape, loosened, tightened) = Difference(oldType, newType);
        var (oldText, newText) = (oldType.ToString(), newType.ToString());
        if (shape || (loosened && tightened))
        {
            Add(GraphQLRules.FieldTypeChanged, path, $"The type of the field '{path}' changed from {oldText} to {newText}.", ChangeDirection.Output, oldText, newText);
        }
        else if (loosened)
        {
            Add(GraphQLRules.FieldBecameNullable, path, $"The field '{path}' changed from {oldText} to {newText}: clients may now receive null.", ChangeDirection.Output, oldText, newText);
        }
        else if (tightened)
        {
            Add(GraphQLRules.FieldBecameNonNull, path, $"The field '{path}' changed from {oldText} to {newText}: it no longer returns null.", ChangeDirection.Output, oldText, newText);
        }
    }

    private void CompareInputType(string path, string what, GraphQLTypeRef oldType, GraphQLTypeRef newType)
    {
        var (oldText, newText) = (oldType.ToString(), newType.ToString());
        if (oldText == newText)
        {
            return;
        }

        var (shape, loosened, tightened) = Difference(oldType, newType);
        if (shape || (loosened && tightened))
        {
            Add(GraphQLRules.InputTypeChanged, path, $"The type of the {what} '{path}' changed from {oldText} to {newText}.", ChangeDirection.Input, oldText, newText);
        }
        else if (tightened)
        {
            Add(GraphQLRules.InputBecameNonNull, path, $"The {what} '{path}' changed from {oldText} to {newText}: null is no longer accepted.", ChangeDirection.Input, oldText, newText);
        }
        else if (loosened)
        {
            Add(GraphQLRules.InputBecameNullable, path, $"The {what} '{path}' changed from {oldText} to {newText}: null is now accepted.", ChangeDirection.Input, oldText, newText);
        }
    }

    private void CompareDeprecation(string path, string what, GraphQLDeprecation? oldDeprecation, GraphQLDeprecation? newDeprecation, ChangeDirection direction)
    {
        if (oldDeprecation == newDeprecation)
        {
            return;
        }

        if (oldDeprecation is null)
        {
            Add(GraphQLRules.DeprecationAdded, path, $"The {what} '{path}' was deprecated: {newDeprecation!.Reason}", direction, null, newDeprecation.Reason);
        }
        else if (newDeprecation is null)
        {
            Add(GraphQLRules.DeprecationRemoved, path, $"The {what} '{path}' is no longer deprecated.", direction, oldDeprecation.Reason, null);
        }
        else
        {
            Add(GraphQLRules.DeprecationReasonChanged, path, $"The deprecation reason of the {what} '{path}' changed.", direction, oldDeprecation.Reason, newDeprecation.Reason);
        }
    }

    private void CompareAppliedDirectives(IReadOnlyList<string> oldUses, IReadOnlyList<string> newUses, string path, ChangeDirection direction)
    {
        if (!BothFromSdl)
        {
            return;
        }

        var oldSorted = oldUses.Order(StringComparer.Ordinal).ToList();
        var newSorted = newUses.Order(StringComparer.Ordinal).ToList();
        if (oldSorted.SequenceEqual(newSorted, StringComparer.Ordinal))
        {
            return;
        }

        var oldText = string.Join(" ", oldSorted);
        var newText = string.Join(" ", newSorted);
        Add(GraphQLRules.Unknown, path, $"The directives applied to '{path}' changed from '{oldText}' to '{newText}'; their meaning is defined by the server.",
            direction, oldText.Length == 0 ? null : oldText, newText.Length == 0 ? null : newText);
    }

    private void CompareDirectives()
    {
        foreach (var name in _old.Directives.Keys.Union(_new.Directives.Keys).Order(StringComparer.Ordinal))
        {
            var path = "@" + name;
            var oldDirective = _old.Directives.GetValueOrDefault(name);
            var newDirective = _new.Directives.GetValueOrDefault(name);
            if (oldDirective is null)
            {
                Add(GraphQLRules.DirectiveAdded, path, $"The directive '{path}' was defined.", ChangeDirection.Interface, null, path);
                continue;
            }

            if (newDirective is null)
            {
                Add(GraphQLRules.DirectiveRemoved, path, $"The directive '{path}' was removed.", ChangeDirection.Interface, path, null);
                continue;
            }

            foreach (var location in oldDirective.Locations.Except(newDirective.Locations).Order(StringComparer.Ordinal))
            {
                Add(GraphQLRules.DirectiveLocationRemoved, path, $"The directive '{path}' can no longer be used on {location}.", ChangeDirection.Interface, location, null);
            }

            foreach (var location in newDirective.Locations.Except(oldDirective.Locations).Order(StringComparer.Ordinal))
            {
                Add(GraphQLRules.DirectiveLocationAdded, path, $"The directive '{path}' can now be used on {location}.", ChangeDirection.Interface, null, location);
            }

            if (oldDirective.IsRepeatable && !newDirective.IsRepeatable)
            {
                Add(GraphQLRules.DirectiveRepeatableRemoved, path, $"The directive '{path}' is no longer repeatable.", ChangeDirection.Interface, true, false);
            }
            else if (!oldDirective.IsRepeatable && newDirective.IsRepeatable)
            {
                Add(GraphQLRules.DirectiveRepeatableAdded, path, $"The directive '{path}' is now repeatable.", ChangeDirection.Interface, false, true);
            }

            CompareInputValues(oldDirective.Arguments, newDirective.Arguments, path, isArgument: true);
        }
    }

    private bool IsOutput(string typeName) => _oldReach.IsOutput(typeName) || _newReach.IsOutput(typeName);

    private bool IsInput(string typeName) => _oldReach.IsInput(typeName) || _newReach.IsInput(typeName);

    private static string Describe(GraphQLTypeKind kind) => kind switch
    {
        GraphQLTypeKind.Scalar => "scalar",
        GraphQLTypeKind.Object => "object type",
        GraphQLTypeKind.Interface => "interface",
        GraphQLTypeKind.Union => "union",
        GraphQLTypeKind.Enum => "enum",
        GraphQLTypeKind.InputObject => "input type",
        _ => kind.ToString(),
    };

    private void Add(Rule rule, string path, string message, ChangeDirection direction, JsonNode? oldValue, JsonNode? newValue,
        Severity? backward = null, Severity? forward = null)
    {
        if (_findings.Count >= _maxFindings)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxFindings), _maxFindings, "The number of changes");
        }

        _findings.Add(Finding.Create(rule, path, message, direction, backward ?? rule.Backward, forward ?? rule.Forward, oldValue, newValue));
    }
}
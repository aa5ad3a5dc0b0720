namespace Tessera.Schemas.JsonSchema;

/// <summary>
/// The JSON Schema rule catalogue: the 17 upstream change kinds (same wire <c>type</c> names and per-mode
/// severities for data schemas) plus the kinds added to judge what the original ignored.
/// Severities are those of a data schema; responses (<see cref="ChangeDirection.Output"/>) and requests
/// (<see cref="ChangeDirection.Input"/>) adjust them, see <see cref="JsonSchemaComparer"/>.
/// </summary>
public static class JsonSchemaRules
{
    private const Severity Safe = Severity.Safe;
    private const Severity Breaking = Severity.Breaking;

    public static Rule PropertyAdded { get; } = Make("property_added", "Property added", Safe, Breaking, ChangeType.Minor,
        "A key appears in `properties`. New readers accept old data; old readers with a closed model may reject the new field.",
        "Make sure old readers ignore unknown fields before writers start sending it.");

    public static Rule PropertyRemoved { get; } = Make("property_removed", "Property removed", Breaking, Safe, ChangeType.Patch,
        "A key disappears from `properties`; consumers lose a field they may read.",
        "Deprecate the property first and remove it once no consumer reads it.");

    public static Rule PropertyRenamed { get; } = Make("property_renamed", "Property renamed", Breaking, Breaking, ChangeType.Patch,
        "Reserved for a rename (reported as a removal plus an addition today).",
        "Add the new name next to the old one, migrate readers, then remove the old name.");

    public static Rule TypeChanged { get; } = Make("type_changed", "Type changed", Breaking, Breaking, ChangeType.Patch,
        "The set of allowed types changed in a way that is neither a widening nor a narrowing.",
        "Add a new property with the new type and deprecate the old one instead of changing it in place.");

    public static Rule TypeWidened { get; } = Make("type_widened", "Type widened", Safe, Breaking, ChangeType.Patch,
        "The new type set accepts every old type and more (integer ⊂ number; no type = any type).",
        "Check that old readers can handle the additional types before writers produce them.");

    public static Rule TypeNarrowed { get; } = Make("type_narrowed", "Type narrowed", Breaking, Safe, ChangeType.Patch,
        "The new type set accepts only part of the old types; old data of the dropped types becomes invalid.",
        "Migrate existing data to the narrower type before publishing, or keep accepting the old types.");

    public static Rule RequiredAdded { get; } = Make("required_added", "Field became required", Breaking, Safe, ChangeType.Patch,
        "A name was added to `required`; old data without it becomes invalid.",
        "Give the field a default or backfill existing data before requiring it.");

    public static Rule RequiredRemoved { get; } = Make("required_removed", "Field became optional", Safe, Breaking, ChangeType.Patch,
        "A name was removed from `required`; readers can no longer count on the field being present.",
        "Tell readers that the field may be missing and make them tolerate its absence first.");

    public static Rule EnumValuesAdded { get; } = Make("enum_values_added", "Enum values added", Safe, Breaking, ChangeType.Minor,
        "The `enum` (or `const`) accepts values it did not accept before.",
        "Make sure readers handle unknown values (a default branch) before writers produce them.");

    public static Rule EnumValuesRemoved { get; } = Make("enum_values_removed", "Enum values removed", Breaking, Safe, ChangeType.Patch,
        "The `enum` (or `const`) no longer accepts some values; old data holding them becomes invalid.",
        "Stop producing the value and migrate stored data before removing it from the enum.");

    public static Rule ConstraintTightened { get; } = Make("constraint_tightened", "Constraint tightened", Breaking, Safe, ChangeType.Patch,
        "A validation keyword now accepts fewer values (a bound, pattern, format, enum or const gained, closed additional properties, ...).",
        "Check existing data against the new constraint, or apply it only to new fields.");

    public static Rule ConstraintRelaxed { get; } = Make("constraint_relaxed", "Constraint relaxed", Safe, Breaking, ChangeType.Patch,
        "A validation keyword now accepts more values; old readers relying on the constraint may see values they reject.",
        "Make sure old readers tolerate the wider range before writers use it.");

    public static Rule ConstraintChanged { get; } = Make("constraint_changed", "Constraint changed", Breaking, Breaking, ChangeType.Patch,
        "A validation keyword changed so that it is neither tighter nor looser (e.g. `multipleOf` 2 → 3, a different `contains`).",
        "Introduce the new rule on a new field, or migrate data and readers together.");

    public static Rule DefaultAdded { get; } = Make("default_added", "Default added", Safe, Breaking, ChangeType.Minor,
        "A `default` appears where there was none.",
        "Readers that relied on the field being absent should be told about the default.");

    public static Rule DefaultRemoved { get; } = Make("default_removed", "Default removed", Breaking, Safe, ChangeType.Patch,
        "The `default` disappears; readers that filled missing values with it no longer can.",
        "Keep the default, or make sure every writer sends the field explicitly.");

    public static Rule DefaultChanged { get; } = Make("default_changed", "Default changed", Safe, Safe, ChangeType.Patch,
        "The `default` value changed. Never blocking, but readers filling missing values now get a different value.",
        "Announce the new default to consumers.");

    public static Rule NullableAdded { get; } = Make("nullable_added", "Null accepted", Safe, Breaking, ChangeType.Minor,
        "The node now accepts null (through `nullable`, a type list, an `anyOf`/`oneOf` null branch or an enum holding null).",
        "Make sure readers handle null before writers send it.");

    public static Rule NullableRemoved { get; } = Make("nullable_removed", "Null no longer accepted", Breaking, Safe, ChangeType.Patch,
        "The node no longer accepts null; old data holding null becomes invalid.",
        "Backfill nulls with a value before removing nullability.");

    public static Rule UnionBranchAdded { get; } = Make("union_branch_added", "Union branch added", Safe, Breaking, ChangeType.Patch,
        "An `anyOf`/`oneOf` gained a branch (widening): values of a new shape become valid.",
        "Make sure readers handle the new shape before writers produce it.");

    public static Rule UnionBranchRemoved { get; } = Make("union_branch_removed", "Union branch removed", Breaking, Safe, ChangeType.Patch,
        "An `anyOf`/`oneOf` lost a branch (narrowing): values of that shape become invalid.",
        "Migrate data of the removed shape before dropping the branch.");

    public static Rule Unknown { get; } = Make("unknown", "Change that cannot be judged", Severity.Unknown, Severity.Unknown, ChangeType.Patch,
        "Something changed that the engine cannot judge (an unresolvable or external `$ref`, a `not`/`if` change, an unknown keyword, a schema deeper than MaxDepth). It blocks like a breaking change.",
        "Review the change by hand; an admin can force the publish if it is safe.");

    /// <summary>Every JSON Schema rule, in catalogue order.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        PropertyAdded, PropertyRemoved, PropertyRenamed, TypeChanged, TypeWidened, TypeNarrowed, RequiredAdded, RequiredRemoved,
        EnumValuesAdded, EnumValuesRemoved, ConstraintTightened, ConstraintRelaxed, ConstraintChanged, DefaultAdded,
        DefaultRemoved, DefaultChanged, NullableAdded, NullableRemoved, UnionBranchAdded, UnionBranchRemoved, Unknown,
    ];

    private static Rule Make(string type, string title, Severity backward, Severity forward, ChangeType level, string description, string hint) =>
        new("jsonschema." + type, SchemaFormat.JsonSchema, type, title, backward, forward, level, description, hint);
}
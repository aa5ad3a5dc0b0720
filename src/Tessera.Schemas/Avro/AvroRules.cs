namespace Tessera.Schemas.Avro;

/// <summary>
/// The Avro rule catalogue. Backward is judged as the new schema reading data written with the old one,
/// forward as the old schema reading data written with the new one, both by the specification's
/// schema-resolution rules. Severities marked "depends" are computed per finding; the table holds the usual case.
/// </summary>
internal static class AvroRules
{
    private const SchemaFormat F = SchemaFormat.Avro;

    public static readonly Rule FieldAddedWithDefault = new("avro.field_added_with_default", F, "field_added_with_default",
        "Field added with a default", Severity.Safe, Severity.Safe, ChangeType.Minor,
        "A new field with a default: a new reader fills the default into old data, an old reader skips the field.",
        "");

    public static readonly Rule FieldAddedWithoutDefault = new("avro.field_added_without_default", F, "field_added_without_default",
        "Field added without a default", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A new field without a default: a new reader cannot read old data, which lacks the field. Old readers skip it.",
        "Give the new field a default (for an optional field, a union with null first and default null).");

    public static readonly Rule FieldRemoved = new("avro.field_removed", F, "field_removed",
        "Field removed", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A field removed. By the resolution rules a new reader simply skips it in old data (backward safe, though consumers "
        + "of the new schema no longer see it); an old reader needs the field's old default to read new data, so forward "
        + "breaks unless the old field had one.",
        "Give the field a default in a release before removing it, so that old readers can fill it in.");

    public static readonly Rule FieldRenamed = new("avro.field_renamed", F, "field_renamed",
        "Field renamed", Severity.Breaking, Severity.Breaking, ChangeType.Minor,
        "A field renamed (matched through an alias). A reader finds the writer's field only through its own field's "
        + "aliases; without one it falls back to the field's default (dangerous) or fails (breaking).",
        "Keep the old name in the renamed field's aliases.");

    public static readonly Rule TypePromoted = new("avro.type_promoted", F, "type_promoted",
        "Type promoted", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A type changed along an Avro promotion (int → long → float → double, string ↔ bytes): readable in the promoting "
        + "direction only (both ways for string ↔ bytes). Promotions to float, and long to double, may lose precision (dangerous).",
        "Old readers cannot read the wider type; roll readers out first, or add a new field instead.");

    public static readonly Rule TypeChanged = new("avro.type_changed", F, "type_changed",
        "Type changed", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "A type changed to one that the resolution rules cannot read in either direction.",
        "Add a new field with the new type and deprecate the old one.");

    public static readonly Rule EnumSymbolAdded = new("avro.enum_symbol_added", F, "enum_symbol_added",
        "Enum symbol added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A symbol added. New readers read old data; an old reader cannot read the new symbol unless its enum has a "
        + "default, in which case the symbol silently becomes that default (dangerous).",
        "Give the enum a default before adding symbols, so that old readers degrade instead of failing.");

    public static readonly Rule EnumSymbolRemoved = new("avro.enum_symbol_removed", F, "enum_symbol_removed",
        "Enum symbol removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A symbol removed. A new reader cannot read old data holding it unless the new enum has a default (then it "
        + "becomes the default: dangerous).",
        "Keep the symbol, or give the enum a default.");

    public static readonly Rule EnumDefaultChanged = new("avro.enum_default_changed", F, "enum_default_changed",
        "Enum default changed", Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "The enum's default (the symbol readers use for unknown symbols) was changed or removed (dangerous); adding one is safe.",
        "");

    public static readonly Rule UnionBranchAdded = new("avro.union_branch_added", F, "union_branch_added",
        "Union branch added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A branch added to a union (or a type widened into a union). New readers read old data; old readers fail on "
        + "values of the new branch unless it resolves to one of their branches.",
        "Roll readers out before writers start writing the new branch.");

    public static readonly Rule UnionBranchRemoved = new("avro.union_branch_removed", F, "union_branch_removed",
        "Union branch removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A branch removed from a union (or a union narrowed to one type). A new reader fails on old values of that "
        + "branch unless they resolve to a remaining branch.",
        "Keep the branch until no data written with it remains.");

    public static readonly Rule NamedTypeRenamed = new("avro.named_type_renamed", F, "named_type_renamed",
        "Named type renamed", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "A record, enum or fixed renamed. A reader matches the writer's type only by name or by its own aliases.",
        "Keep the old full name in the renamed type's aliases.");

    public static readonly Rule NamespaceChanged = new("avro.namespace_changed", F, "namespace_changed",
        "Namespace changed", Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "A named type moved to another namespace. The specification matches unqualified names, so data still resolves, "
        + "but generated code, union JSON encoding and registry subject names use the full name. An alias naming the other "
        + "full name makes that direction safe.",
        "Keep the old full name in the type's aliases.");

    public static readonly Rule AliasAdded = new("avro.alias_added", F, "alias_added",
        "Alias added", Severity.Safe, Severity.Safe, ChangeType.Patch,
        "An alias added to a named type or a field: readers can match more writer names.",
        "");

    public static readonly Rule AliasRemoved = new("avro.alias_removed", F, "alias_removed",
        "Alias removed", Severity.Dangerous, Severity.Safe, ChangeType.Minor,
        "An alias removed: the new reader no longer matches data written under that name (older versions).",
        "Keep aliases while data written under the old name may still be read.");

    public static readonly Rule FixedSizeChanged = new("avro.fixed_size_changed", F, "fixed_size_changed",
        "Fixed size changed", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "The size of a fixed type changed: fixed types resolve only when their sizes are equal.",
        "Define a new fixed type and a new field for it.");

    public static readonly Rule LogicalTypeChanged = new("avro.logical_type_changed", F, "logical_type_changed",
        "Logical type changed", Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "A logical type added, dropped or changed: the bytes still resolve but their meaning (unit, calendar, text) changes.",
        "Tell consumers; prefer a new field when the meaning of existing values changes.");

    public static readonly Rule DecimalChanged = new("avro.decimal_changed", F, "decimal_changed",
        "Decimal precision or scale changed", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "The precision or scale of a decimal changed: the unscaled bytes are read with another scale or may not fit.",
        "Add a new field with the new precision and scale.");

    public static readonly Rule DefaultChanged = new("avro.default_changed", F, "default_changed",
        "Field default changed", Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "A field's default changed or was removed: readers fill in a different value (or none) for data lacking the "
        + "field. Adding a default is safe.",
        "");

    public static readonly Rule SortOrderChanged = new("avro.sort_order_changed", F, "sort_order_changed",
        "Field sort order changed", Severity.Safe, Severity.Safe, ChangeType.Patch,
        "A field's 'order' changed: only the binary sort order of records changes, not how data is read.",
        "");

    public static readonly Rule Unknown = new("avro.unknown", F, "unknown",
        "Change the engine cannot judge", Severity.Unknown, Severity.Unknown, ChangeType.Major,
        "The engine could not judge this part (for instance beyond the depth limit); it blocks like a breaking change.",
        "Review the change by hand; an admin can force the publish.");

    public static IReadOnlyList<Rule> All { get; } =
    [
        FieldAddedWithDefault, FieldAddedWithoutDefault, FieldRemoved, FieldRenamed, TypePromoted, TypeChanged,
        EnumSymbolAdded, EnumSymbolRemoved, EnumDefaultChanged, UnionBranchAdded, UnionBranchRemoved, NamedTypeRenamed,
        NamespaceChanged, AliasAdded, AliasRemoved, FixedSizeChanged, LogicalTypeChanged, DecimalChanged, DefaultChanged,
        SortOrderChanged, Unknown,
    ];
}
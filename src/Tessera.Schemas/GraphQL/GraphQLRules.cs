namespace Tessera.Schemas.GraphQL;

/// <summary>
/// The GraphQL rule catalogue. "Backward" is a new server with old clients; "forward" is an old server with new
/// clients, so each rule's forward severity is the backward severity of the reverse change.
/// </summary>
public static class GraphQLRules
{
    private const Severity S = Severity.Safe;
    private const Severity D = Severity.Dangerous;
    private const Severity B = Severity.Breaking;

    public static Rule TypeRemoved { get; } = Make("type_removed", "Type removed", B, S, ChangeType.Major,
        "A named type was removed; queries, fragments and variables that name it stop validating.",
        "Deprecate the fields that return the type first and remove it once no client uses it.");

    public static Rule TypeAdded { get; } = Make("type_added", "Type added", S, B, ChangeType.Minor,
        "A named type was added. Old clients are unaffected; new clients that use it fail against an old server.", "");

    public static Rule TypeKindChanged { get; } = Make("type_kind_changed", "Type kind changed", B, B, ChangeType.Major,
        "A type changed kind (e.g. object to interface, enum to scalar); selections and inputs written for the old kind no longer fit.",
        "Add a new type with the new kind and migrate clients to it.");

    public static Rule RootTypeChanged { get; } = Make("root_type_changed", "Root operation type changed", B, B, ChangeType.Major,
        "The query, mutation or subscription root type was replaced by another type; the operations clients send resolve against a different type.",
        "Keep the root type names stable; add fields to the existing root type instead.");

    public static Rule RootTypeAdded { get; } = Make("root_type_added", "Root operation type added", S, B, ChangeType.Minor,
        "The schema gained a mutation or subscription root type. Old clients are unaffected; new clients that use it fail against an old server.", "");

    public static Rule RootTypeRemoved { get; } = Make("root_type_removed", "Root operation type removed", B, S, ChangeType.Major,
        "The schema lost its query, mutation or subscription root type; every operation of that kind stops validating.",
        "Keep the root type until no client sends operations of that kind.");

    public static Rule FieldRemoved { get; } = Make("field_removed", "Field removed", B, S, ChangeType.Major,
        "A field of an object or interface type was removed; queries that select it stop validating.",
        "Mark the field @deprecated, wait until no client selects it, then remove it.");

    public static Rule FieldAdded { get; } = Make("field_added", "Field added", S, B, ChangeType.Minor,
        "A field was added to an object or interface type. Old clients do not select it; new clients that do fail against an old server.", "");

    public static Rule FieldTypeChanged { get; } = Make("field_type_changed", "Field type changed", B, B, ChangeType.Major,
        "The type of an output field changed in a way other than nullability (another named type, a list added or removed); clients read a different shape.",
        "Add a new field with the new type and deprecate the old one.");

    public static Rule FieldBecameNullable { get; } = Make("field_became_nullable", "Output field became nullable", B, S, ChangeType.Major,
        "An output field (or list item) went from non-null to nullable; old clients that rely on a value receive null.",
        "Keep the field non-null, or add a new nullable field and deprecate the old one.");

    public static Rule FieldBecameNonNull { get; } = Make("field_became_non_null", "Output field became non-null", S, B, ChangeType.Minor,
        "An output field (or list item) went from nullable to non-null; old clients already handle both, so it is safe for them.", "");

    public static Rule ArgumentRemoved { get; } = Make("argument_removed", "Argument removed", B, S, ChangeType.Major,
        "An argument of a field or directive was removed; operations that pass it stop validating. Forward it is breaking when the argument was required.",
        "Deprecate the argument and ignore it on the server before removing it.");

    public static Rule ArgumentAdded { get; } = Make("argument_added", "Optional argument added", S, B, ChangeType.Minor,
        "An optional argument (nullable, or with a default value) was added. Old clients omit it; new clients that pass it fail against an old server.", "");

    public static Rule RequiredArgumentAdded { get; } = Make("required_argument_added", "Required argument added", B, B, ChangeType.Major,
        "A non-null argument without a default value was added; operations of old clients do not pass it and stop validating.",
        "Make the argument nullable or give it a default value.");

    public static Rule InputFieldRemoved { get; } = Make("input_field_removed", "Input field removed", B, S, ChangeType.Major,
        "A field of an input object was removed; old clients that still send it get a validation error. Forward it is breaking when the field was required.",
        "Deprecate the input field and ignore it on the server before removing it.");

    public static Rule InputFieldAdded { get; } = Make("input_field_added", "Optional input field added", S, B, ChangeType.Minor,
        "An optional field (nullable, or with a default value) was added to an input object. Old clients omit it.", "");

    public static Rule RequiredInputFieldAdded { get; } = Make("required_input_field_added", "Required input field added", B, B, ChangeType.Major,
        "A non-null input field without a default value was added; inputs sent by old clients lack it and are rejected.",
        "Make the input field nullable or give it a default value.");

    public static Rule InputTypeChanged { get; } = Make("input_type_changed", "Argument or input field type changed", B, B, ChangeType.Major,
        "The type of an argument or input field changed in a way other than nullability (another named type, a list added or removed); the values and variables old clients send no longer fit.",
        "Add a new argument or input field with the new type and deprecate the old one.");

    public static Rule InputBecameNonNull { get; } = Make("input_became_non_null", "Argument or input field became non-null", B, S, ChangeType.Major,
        "An argument or input field (or list item) went from nullable to non-null; old clients that send null or a nullable variable are rejected.",
        "Keep it nullable and treat null as the default on the server.");

    public static Rule InputBecameNullable { get; } = Make("input_became_nullable", "Argument or input field became nullable", S, B, ChangeType.Minor,
        "An argument or input field (or list item) went from non-null to nullable; everything old clients send is still accepted.", "");

    public static Rule DefaultValueChanged { get; } = Make("default_value_changed", "Default value changed", D, D, ChangeType.Minor,
        "The default value of an argument or input field changed; clients that omit it silently get a different behaviour.", "");

    public static Rule DefaultValueAdded { get; } = Make("default_value_added", "Default value added", D, D, ChangeType.Minor,
        "A default value was added to an argument or input field. Clients that omitted a nullable one now get the default instead of null; a required one becomes optional (safe backward, breaking forward).", "");

    public static Rule DefaultValueRemoved { get; } = Make("default_value_removed", "Default value removed", D, D, ChangeType.Minor,
        "The default value of an argument or input field was removed. A nullable one now defaults to null; a non-null one becomes required, which breaks old clients that omit it.",
        "Keep the default value, or make sure no client omits the argument first.");

    public static Rule EnumValueRemoved { get; } = Make("enum_value_removed", "Enum value removed", B, D, ChangeType.Major,
        "An enum value was removed; clients that send it are rejected and clients that match on it hold dead code. Forward it is dangerous when the enum is returned to clients, safe when it is input only.",
        "Deprecate the value first and stop returning it before removing it.");

    public static Rule EnumValueAdded { get; } = Make("enum_value_added", "Enum value added", D, B, ChangeType.Minor,
        "An enum value was added. It is dangerous when the enum appears in output (old clients may not handle the new value) and safe when it is input only; forward it is breaking when the enum is an input.",
        "Make sure clients have a default branch for unknown enum values.");

    public static Rule UnionMemberRemoved { get; } = Make("union_member_removed", "Union member removed", B, D, ChangeType.Major,
        "A type was removed from a union; fragments on it stop validating.",
        "Stop returning the member first, then remove it.");

    public static Rule UnionMemberAdded { get; } = Make("union_member_added", "Union member added", D, B, ChangeType.Minor,
        "A type was added to a union; old clients may receive a __typename they do not handle.",
        "Make sure clients handle unknown union members.");

    public static Rule InterfaceRemoved { get; } = Make("interface_removed", "Interface removed from a type", B, S, ChangeType.Major,
        "A type no longer implements an interface; fragments on the interface no longer match it and fields read through the interface disappear.",
        "Keep the interface until no client relies on it.");

    public static Rule InterfaceAdded { get; } = Make("interface_added", "Interface added to a type", S, B, ChangeType.Minor,
        "A type now implements another interface. Old clients are unaffected.", "");

    public static Rule DeprecationAdded { get; } = Make("deprecation_added", "Deprecated", S, S, ChangeType.Minor,
        "A field, argument, input field or enum value was marked @deprecated; reported so that clients can migrate.", "");

    public static Rule DeprecationRemoved { get; } = Make("deprecation_removed", "Deprecation removed", S, S, ChangeType.Patch,
        "A @deprecated marker was removed.", "");

    public static Rule DeprecationReasonChanged { get; } = Make("deprecation_reason_changed", "Deprecation reason changed", S, S, ChangeType.Patch,
        "The reason of a @deprecated marker changed.", "");

    public static Rule DirectiveRemoved { get; } = Make("directive_removed", "Directive definition removed", B, S, ChangeType.Major,
        "A directive definition was removed; documents that use it stop validating.",
        "Deprecate the directive's use before removing its definition.");

    public static Rule DirectiveAdded { get; } = Make("directive_added", "Directive definition added", S, B, ChangeType.Minor,
        "A directive definition was added.", "");

    public static Rule DirectiveLocationRemoved { get; } = Make("directive_location_removed", "Directive location removed", B, S, ChangeType.Major,
        "A directive can no longer be used at a location; documents that use it there stop validating.", "");

    public static Rule DirectiveLocationAdded { get; } = Make("directive_location_added", "Directive location added", S, B, ChangeType.Minor,
        "A directive can now be used at another location.", "");

    public static Rule DirectiveRepeatableRemoved { get; } = Make("directive_repeatable_removed", "Directive no longer repeatable", B, S, ChangeType.Major,
        "A directive is no longer repeatable; documents that repeat it stop validating.", "");

    public static Rule DirectiveRepeatableAdded { get; } = Make("directive_repeatable_added", "Directive became repeatable", S, B, ChangeType.Minor,
        "A directive became repeatable.", "");

    public static Rule ScalarSpecifiedByChanged { get; } = Make("scalar_specified_by_changed", "Scalar specification changed", D, D, ChangeType.Minor,
        "The @specifiedBy URL of a custom scalar changed, which announces a different serialization.", "");

    public static Rule Unknown { get; } = Make("unknown", "Change the engine cannot judge", Severity.Unknown, Severity.Unknown, ChangeType.Major,
        "A change the engine cannot judge, such as a changed use of a custom directive (e.g. @auth, @key) whose meaning is defined by the server; it blocks like a breaking change until someone reviews it.",
        "Review the change; an admin can force the publish when it is harmless.");

    public static IReadOnlyList<Rule> All { get; } =
    [
        TypeRemoved, TypeAdded, TypeKindChanged, RootTypeChanged, RootTypeAdded, RootTypeRemoved,
        FieldRemoved, FieldAdded, FieldTypeChanged, FieldBecameNullable, FieldBecameNonNull,
        ArgumentRemoved, ArgumentAdded, RequiredArgumentAdded,
        InputFieldRemoved, InputFieldAdded, RequiredInputFieldAdded,
        InputTypeChanged, InputBecameNonNull, InputBecameNullable,
        DefaultValueChanged, DefaultValueAdded, DefaultValueRemoved,
        EnumValueRemoved, EnumValueAdded, UnionMemberRemoved, UnionMemberAdded, InterfaceRemoved, InterfaceAdded,
        DeprecationAdded, DeprecationRemoved, DeprecationReasonChanged,
        DirectiveRemoved, DirectiveAdded, DirectiveLocationRemoved, DirectiveLocationAdded, DirectiveRepeatableRemoved, DirectiveRepeatableAdded,
        ScalarSpecifiedByChanged, Unknown,
    ];

    private static Rule Make(string type, string title, Severity backward, Severity forward, ChangeType level, string description, string hint) =>
        new("graphql." + type, SchemaFormat.GraphQL, type, title, backward, forward, level, description, hint);
}
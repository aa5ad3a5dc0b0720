namespace Tessera.Schemas.Protobuf;

/// <summary>
/// The protobuf rule catalogue. Default severities are for a data message: <c>backward</c> = a new reader reads
/// what an old writer wrote, <c>forward</c> = an old reader reads what a new writer writes. Messages reachable only
/// from RPC responses swap the two (old clients read what the new server writes); messages used by both requests
/// and responses take the worse of the two in both columns.
/// </summary>
internal static class ProtobufRules
{
    private const SchemaFormat F = SchemaFormat.Protobuf;
    private const Severity Safe = Severity.Safe;
    private const Severity Dangerous = Severity.Dangerous;
    private const Severity Breaking = Severity.Breaking;

    private static Rule Make(string type, string title, Severity backward, Severity forward, ChangeType level, string description, string hint = "") =>
        new("protobuf." + type, F, type, title, backward, forward, level, description, hint);

    public static readonly Rule PackageChanged = Make("package_changed", "Package changed", Breaking, Breaking, ChangeType.Major,
        "The file's package changed: every gRPC method path (/pkg.Service/Method), every type name and every Any type URL changes. Elements are still compared by their names inside the package.",
        "Keep the package; publish the renamed package as a new contract.");

    public static readonly Rule SyntaxChanged = Make("syntax_changed", "Syntax or edition changed", Dangerous, Dangerous, ChangeType.Minor,
        "proto2, proto3 and editions differ in field presence, default values and whether enums are open; fields that keep number and type stay wire-compatible.");

    public static readonly Rule MessageRemoved = Make("message_removed", "Message removed", Breaking, Breaking, ChangeType.Major,
        "A message was removed. Breaking when an RPC or a field that still exists used it; dangerous when nothing referred to it (a consumer may still decode it).",
        "Deprecate the message and keep it until no consumer uses it.");

    public static readonly Rule MessageAdded = Make("message_added", "Message added", Safe, Safe, ChangeType.Minor,
        "A new message type; nobody depends on it yet.");

    public static readonly Rule EnumRemoved = Make("enum_removed", "Enum removed", Breaking, Breaking, ChangeType.Major,
        "An enum type was removed. Breaking when a field that still exists used it; dangerous otherwise.",
        "Keep the enum until no consumer uses it.");

    public static readonly Rule EnumAdded = Make("enum_added", "Enum added", Safe, Safe, ChangeType.Minor,
        "A new enum type; nobody depends on it yet.");

    public static readonly Rule FieldRemoved = Make("field_removed", "Field removed", Breaking, Breaking, ChangeType.Major,
        "A field was removed without reserving its number: a later field may reuse the number and misread old data, and consumers lose the value.",
        "Keep the field (mark it [deprecated = true]); when it must go, add `reserved <number>; reserved \"<name>\";`.");

    public static readonly Rule FieldRemovedReserved = Make("field_removed_reserved", "Field removed, number reserved", Dangerous, Dangerous, ChangeType.Minor,
        "A field was removed and its number reserved, the documented way to delete a field: the wire stays safe, but consumers that read it now get the default value.",
        "Make sure no consumer still reads the field.");

    public static readonly Rule FieldAdded = Make("field_added", "Field added", Safe, Safe, ChangeType.Minor,
        "A new optional field: old readers skip its number, new readers see the default in old data.");

    public static readonly Rule RequiredFieldAdded = Make("required_field_added", "Required field added", Breaking, Safe, ChangeType.Major,
        "A new proto2 `required` field: a new reader rejects every old message, which lacks it.",
        "Add the field as optional.");

    public static readonly Rule FieldRenumbered = Make("field_renumbered", "Field renumbered", Breaking, Breaking, ChangeType.Major,
        "A field kept its name but changed its number: on the wire it is a different field, so readers of the other version lose the value.",
        "Keep the number; field numbers are the wire identity.");

    public static readonly Rule FieldNumberReused = Make("field_number_reused", "Field number reused", Breaking, Breaking, ChangeType.Major,
        "A field number now belongs to a different field (another name and an incompatible type, or the old field moved elsewhere): old data is read into the wrong field.",
        "Use a new number and reserve the old one.");

    public static readonly Rule ReservedNumberReused = Make("reserved_number_reused", "Reserved number reused", Breaking, Breaking, ChangeType.Major,
        "A field or enum value uses a number the old version reserved: data written long ago under that number is misread.",
        "Pick an unused number; reserved numbers must stay reserved.");

    public static readonly Rule ReservedNameReused = Make("reserved_name_reused", "Reserved name reused", Dangerous, Dangerous, ChangeType.Minor,
        "A field or enum value uses a name the old version reserved: JSON and text-format data with that name is read into the new field.",
        "Pick another name.");

    public static readonly Rule FieldRenamed = Make("field_renamed", "Field renamed", Dangerous, Dangerous, ChangeType.Minor,
        "A field kept its number and a compatible type but changed its name: the binary wire is unchanged, but the JSON name changes, so JSON clients (gRPC-JSON transcoding, proto-JSON) break. Safe when the JSON name stays the same (json_name kept).",
        "Keep the JSON name with [json_name = \"<old>\"] or keep the name.");

    public static readonly Rule JsonNameChanged = Make("json_name_changed", "JSON name changed", Dangerous, Dangerous, ChangeType.Minor,
        "The field's JSON name changed (json_name option): binary clients are unaffected, JSON clients read and write another key.",
        "Keep the JSON name.");

    public static readonly Rule FieldTypeChanged = Make("field_type_changed", "Field type changed (wire-incompatible)", Breaking, Breaking, ChangeType.Major,
        "The field's type changed to one with another wire type or encoding (e.g. string to int32, int32 to sint32, float to fixed32, message to another message of different shape): readers of the other version fail or read garbage.",
        "Add a new field with the new type and deprecate the old one.");

    public static readonly Rule FieldTypeChangedCompatible = Make("field_type_changed_compatible", "Field type changed (wire-compatible)", Dangerous, Dangerous, ChangeType.Minor,
        "The field's type changed within a wire-compatible group (int32/uint32/int64/uint64/bool/enum; sint32/sint64; fixed32/sfixed32; fixed64/sfixed64; string/bytes; bytes/message; a message of the same wire shape): values may be truncated or reinterpreted. A widening (int32 to int64, uint32 to uint64 or int64, sint32 to sint64) is safe for the side that reads the wider type.",
        "Prefer a new field when values may not fit the narrower type.");

    public static readonly Rule FieldCardinalityChanged = Make("field_cardinality_changed", "Field cardinality changed", Breaking, Breaking, ChangeType.Major,
        "A field changed between singular, repeated and map: packed numeric data is not readable as a single value, a singular reader keeps only the last element, and JSON switches between a value and an array.",
        "Add a new repeated field instead.");

    public static readonly Rule FieldMadeRequired = Make("field_made_required", "Field made required", Breaking, Safe, ChangeType.Major,
        "An optional field became required: a reader of the new version rejects old messages that lack it.");

    public static readonly Rule FieldMadeOptional = Make("field_made_optional", "Field made optional", Safe, Breaking, ChangeType.Minor,
        "A required field became optional: an old reader rejects new messages that leave it out.");

    public static readonly Rule FieldPresenceChanged = Make("field_presence_changed", "Field presence changed", Dangerous, Dangerous, ChangeType.Minor,
        "A scalar field gained or lost explicit presence (proto3 `optional`): wire-compatible, but whether \"set to the default\" and \"not set\" can be told apart changes.");

    public static readonly Rule DefaultChanged = Make("default_changed", "Default value changed", Dangerous, Dangerous, ChangeType.Minor,
        "A proto2 [default = ...] changed: readers of messages without the field now see another value.");

    public static readonly Rule FieldMovedIntoOneof = Make("field_moved_into_oneof", "Field moved into a oneof", Breaking, Dangerous, ChangeType.Major,
        "A field joined a oneof that already existed or that takes several existing fields: old data with more than one of them set loses all but the last. Safe when a single field moves into a new oneof.",
        "Move only one existing field into a new oneof.");

    public static readonly Rule FieldMovedOutOfOneof = Make("field_moved_out_of_oneof", "Field moved out of a oneof", Safe, Breaking, ChangeType.Minor,
        "A field left its oneof: new writers may set it together with former siblings, and an old reader keeps only the last one. Safe when it was the oneof's only member.");

    public static readonly Rule FieldOneofChanged = Make("field_oneof_changed", "Field moved to another oneof", Breaking, Breaking, ChangeType.Major,
        "A field moved from one oneof to another: setting it no longer clears the same siblings, so readers lose values.");

    public static readonly Rule OneofRenamed = Make("oneof_renamed", "Oneof renamed", Safe, Safe, ChangeType.Patch,
        "A oneof kept its members but changed its name: invisible on the wire and in JSON; generated code changes.");

    public static readonly Rule EnumValueRemoved = Make("enum_value_removed", "Enum value removed", Breaking, Dangerous, ChangeType.Major,
        "An enum value was removed: a reader of the new version meets the old number in old data (an unknown value, and a JSON parse error by name); readers of the old version simply stop seeing it.",
        "Keep the value (deprecate it) or reserve its number and name.");

    public static readonly Rule EnumValueAdded = Make("enum_value_added", "Enum value added", Safe, Dangerous, ChangeType.Minor,
        "A new enum value: readers of the old version meet an unknown value (dangerous when the enum is in an RPC response, which old clients read).",
        "Make sure consumers handle unknown enum values.");

    public static readonly Rule EnumValueRenumbered = Make("enum_value_renumbered", "Enum value renumbered", Breaking, Breaking, ChangeType.Major,
        "An enum value kept its name but changed its number: binary readers of the other version read another value.",
        "Keep the number.");

    public static readonly Rule EnumValueRenamed = Make("enum_value_renamed", "Enum value renamed", Dangerous, Dangerous, ChangeType.Minor,
        "An enum number now has another name: binary data is unchanged, but JSON and text format use the name.",
        "Add the new name as an alias (option allow_alias = true) and keep the old one.");

    public static readonly Rule EnumAliasAdded = Make("enum_alias_added", "Enum alias added", Safe, Safe, ChangeType.Minor,
        "An existing enum number gained another name (alias): the wire is unchanged.");

    public static readonly Rule ReservedRemoved = Make("reserved_removed", "Reservation removed", Dangerous, Dangerous, ChangeType.Minor,
        "A reserved number range or name was dropped: nothing stops a later version from reusing it and misreading old data.",
        "Keep reservations forever.");

    public static readonly Rule ReservedAdded = Make("reserved_added", "Reservation added", Safe, Safe, ChangeType.Patch,
        "A number range or name was reserved.");

    public static readonly Rule ExtensionRangeRemoved = Make("extension_range_removed", "Extension range removed", Breaking, Breaking, ChangeType.Major,
        "An `extensions` range was narrowed or removed: extensions declared in it are no longer valid.");

    public static readonly Rule ExtensionRangeAdded = Make("extension_range_added", "Extension range added", Safe, Safe, ChangeType.Minor,
        "A message accepts extensions in a new number range.");

    public static readonly Rule ServiceRemoved = Make("service_removed", "Service removed", Breaking, Breaking, ChangeType.Major,
        "A gRPC service was removed: every client calling it fails with UNIMPLEMENTED.",
        "Deprecate the service and keep serving it until no client calls it.");

    public static readonly Rule ServiceAdded = Make("service_added", "Service added", Safe, Safe, ChangeType.Minor,
        "A new gRPC service.");

    public static readonly Rule RpcRemoved = Make("rpc_removed", "RPC removed", Breaking, Breaking, ChangeType.Major,
        "An RPC was removed: clients calling it fail with UNIMPLEMENTED.",
        "Deprecate the RPC (option deprecated = true) and keep serving it.");

    public static readonly Rule RpcAdded = Make("rpc_added", "RPC added", Safe, Safe, ChangeType.Minor,
        "A new RPC.");

    public static readonly Rule RpcRequestTypeChanged = Make("rpc_request_type_changed", "RPC request type changed", Breaking, Breaking, ChangeType.Major,
        "The RPC's request message is another type: old clients send a message the server misreads. Dangerous when the new type has the same wire shape (a rename).",
        "Add a new RPC with the new request type.");

    public static readonly Rule RpcResponseTypeChanged = Make("rpc_response_type_changed", "RPC response type changed", Breaking, Breaking, ChangeType.Major,
        "The RPC's response message is another type: old clients misread what the server sends. Dangerous when the new type has the same wire shape (a rename).",
        "Add a new RPC with the new response type.");

    public static readonly Rule RpcStreamingChanged = Make("rpc_streaming_changed", "RPC streaming changed", Breaking, Breaking, ChangeType.Major,
        "Client or server streaming of an RPC changed: the call shape differs, so generated stubs and the HTTP/2 exchange no longer match.",
        "Add a new RPC with the new streaming mode.");

    public static readonly Rule Unknown = Make("unknown", "Change not judged", Severity.Unknown, Severity.Unknown, ChangeType.Major,
        "A change the engine cannot judge; it blocks like a breaking change until someone decides (DECISIONS §5.3).");

    public static IReadOnlyList<Rule> All { get; } =
    [
        PackageChanged, SyntaxChanged, MessageRemoved, MessageAdded, EnumRemoved, EnumAdded,
        FieldRemoved, FieldRemovedReserved, FieldAdded, RequiredFieldAdded, FieldRenumbered, FieldNumberReused,
        ReservedNumberReused, ReservedNameReused, FieldRenamed, JsonNameChanged, FieldTypeChanged, FieldTypeChangedCompatible,
        FieldCardinalityChanged, FieldMadeRequired, FieldMadeOptional, FieldPresenceChanged, DefaultChanged,
        FieldMovedIntoOneof, FieldMovedOutOfOneof, FieldOneofChanged, OneofRenamed,
        EnumValueRemoved, EnumValueAdded, EnumValueRenumbered, EnumValueRenamed, EnumAliasAdded,
        ReservedRemoved, ReservedAdded, ExtensionRangeRemoved, ExtensionRangeAdded,
        ServiceRemoved, ServiceAdded, RpcRemoved, RpcAdded, RpcRequestTypeChanged, RpcResponseTypeChanged, RpcStreamingChanged,
        Unknown,
    ];
}
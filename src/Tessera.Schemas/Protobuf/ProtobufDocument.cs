namespace Tessera.Schemas.Protobuf;

/// <summary>
/// A parsed <c>.proto</c> file with the files it imports, modelled the way the wire sees it: messages by full
/// name, fields by number. Names are fully qualified without the leading dot (<c>users.User</c>).
/// </summary>
public sealed class ProtobufDocument : SchemaDocument
{
    internal ProtobufDocument(SchemaSource source, string mainFile, string package, string syntax,
        IReadOnlyDictionary<string, ProtoMessage> messages, IReadOnlyDictionary<string, ProtoEnum> enums,
        IReadOnlyDictionary<string, ProtoService> services, IReadOnlyList<ProtoField> extensions)
        : base(source)
    {
        MainFile = mainFile;
        Package = package;
        Syntax = syntax;
        Messages = messages;
        Enums = enums;
        Services = services;
        Extensions = extensions;
    }

    public override SchemaFormat Format => SchemaFormat.Protobuf;

    /// <summary>The name the main file was parsed under (other files are named by their import path).</summary>
    public string MainFile { get; }

    /// <summary>The main file's package ("" when it declares none).</summary>
    public string Package { get; }

    /// <summary><c>proto2</c>, <c>proto3</c> or <c>edition 2023</c> (the main file's).</summary>
    public string Syntax { get; }

    /// <summary>Every message of every loaded file (imports and well-known types too), by full name.</summary>
    public IReadOnlyDictionary<string, ProtoMessage> Messages { get; }

    public IReadOnlyDictionary<string, ProtoEnum> Enums { get; }

    /// <summary>Services of the user's files (main and imports), by full name.</summary>
    public IReadOnlyDictionary<string, ProtoService> Services { get; }

    /// <summary>Extension fields (<c>extend</c>) declared in the user's files.</summary>
    public IReadOnlyList<ProtoField> Extensions { get; }
}

/// <summary>How many values a field holds.</summary>
public enum ProtoCardinality
{
    /// <summary>One value (proto3 plain or <c>optional</c>, proto2 <c>optional</c>).</summary>
    Singular,

    /// <summary>proto2 <c>required</c> or editions <c>LEGACY_REQUIRED</c>.</summary>
    Required,

    Repeated,

    /// <summary><c>map&lt;K, V&gt;</c> (on the wire a repeated entry message).</summary>
    Map,
}

/// <summary>One field. <see cref="Kind"/> is the proto type keyword (<c>int32</c>, <c>message</c>, <c>enum</c>, ...).</summary>
public sealed record ProtoField
{
    public required string Name { get; init; }

    public required int Number { get; init; }

    /// <summary>The JSON name: an explicit <c>json_name</c>, else lowerCamelCase of <see cref="Name"/>.</summary>
    public required string JsonName { get; init; }

    public required string Kind { get; init; }

    /// <summary>Full name of the message or enum type, for <c>message</c>, <c>enum</c> and <c>group</c> kinds.</summary>
    public string? TypeName { get; init; }

    public required ProtoCardinality Cardinality { get; init; }

    /// <summary>True when the field tracks presence (proto3 <c>optional</c>, proto2 optional, messages, oneof members).</summary>
    public bool ExplicitPresence { get; init; }

    /// <summary>The real oneof the field belongs to (proto3 <c>optional</c>'s synthetic oneof is not one).</summary>
    public string? Oneof { get; init; }

    /// <summary>proto2 <c>[default = ...]</c>.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>Key and value of a map field.</summary>
    public ProtoField? MapKey { get; init; }

    public ProtoField? MapValue { get; init; }

    /// <summary>For an extension: the full name of the extended message.</summary>
    public string? Extendee { get; init; }

    /// <summary>For an extension: the full name of the extension (<c>pkg.my_ext</c>).</summary>
    public string? FullName { get; init; }

    /// <summary>The field as it would be written in a .proto file, e.g. <c>repeated string tags = 4</c>.</summary>
    public string Declaration
    {
        get
        {
            var type = Cardinality == ProtoCardinality.Map
                ? $"map<{MapKey?.TypeLabel}, {MapValue?.TypeLabel}>"
                : TypeLabel;
            var label = Cardinality switch
            {
                ProtoCardinality.Repeated => "repeated ",
                ProtoCardinality.Required => "required ",
                _ when ExplicitPresence && Kind is not ("message" or "group") && Oneof is null => "optional ",
                _ => "",
            };
            return $"{label}{type} {Name} = {Number}";
        }
    }

    /// <summary>The type as written: the scalar keyword or the message/enum full name.</summary>
    public string TypeLabel => TypeName ?? Kind;
}

/// <summary>An inclusive range of reserved or extension numbers.</summary>
public sealed record ProtoRange(int Start, int End)
{
    public const int MaxFieldNumber = 536_870_911;

    public bool Contains(int number) => number >= Start && number <= End;

    public override string ToString() =>
        Start == End ? Start.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : End >= MaxFieldNumber ? $"{Start} to max"
        : $"{Start} to {End}";
}

public sealed class ProtoMessage
{
    public required string FullName { get; init; }

    public required string Name { get; init; }

    /// <summary>The enclosing message's full name, null for a top-level message.</summary>
    public string? Parent { get; init; }

    public required string File { get; init; }

    public required string Syntax { get; init; }

    /// <summary>A <c>map</c> field's synthetic entry type.</summary>
    public bool IsMapEntry { get; init; }

    /// <summary>True for types from the library's bundled files (<c>google/protobuf/*.proto</c>, ...), which never change.</summary>
    public bool IsLibrary { get; init; }

    public required IReadOnlyDictionary<int, ProtoField> Fields { get; init; }

    /// <summary>Real oneof groups in declaration order.</summary>
    public required IReadOnlyList<string> Oneofs { get; init; }

    public required IReadOnlyList<ProtoRange> ReservedRanges { get; init; }

    public required IReadOnlySet<string> ReservedNames { get; init; }

    public required IReadOnlyList<ProtoRange> ExtensionRanges { get; init; }
}

public sealed record ProtoEnumValue(string Name, int Number);

public sealed class ProtoEnum
{
    public required string FullName { get; init; }

    public string? Parent { get; init; }

    public required string File { get; init; }

    public bool IsLibrary { get; init; }

    /// <summary>proto2 and editions <c>CLOSED</c> enums drop unknown values; proto3 enums keep them.</summary>
    public bool Closed { get; init; }

    /// <summary>Values in declaration order (aliases share a number).</summary>
    public required IReadOnlyList<ProtoEnumValue> Values { get; init; }

    public required IReadOnlyList<ProtoRange> ReservedRanges { get; init; }

    public required IReadOnlySet<string> ReservedNames { get; init; }
}

public sealed record ProtoMethod(string Name, string InputType, string OutputType, bool ClientStreaming, bool ServerStreaming);

public sealed class ProtoService
{
    public required string FullName { get; init; }

    public required string Name { get; init; }

    public required string Package { get; init; }

    public required string File { get; init; }

    /// <summary>RPCs in declaration order.</summary>
    public required IReadOnlyList<ProtoMethod> Methods { get; init; }
}
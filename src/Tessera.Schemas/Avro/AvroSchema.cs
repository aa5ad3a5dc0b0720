using System.Text.Json.Nodes;

namespace Tessera.Schemas.Avro;

/// <summary>One Avro schema node. Named types are shared objects, so a recursive record refers to itself.</summary>
public abstract class AvroSchema
{
    /// <summary>The kind as Avro spells it: a primitive name, <c>record</c>, <c>enum</c>, <c>fixed</c>, <c>array</c>, <c>map</c> or <c>union</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The logical type that applies (valid per the specification), else null.</summary>
    public AvroLogicalType? LogicalType { get; init; }
}

/// <summary>A logical type annotation: its name and, for <c>decimal</c>, precision and scale.</summary>
public sealed record AvroLogicalType(string Name, int? Precision = null, int? Scale = null)
{
    public override string ToString() =>
        Name == "decimal" ? $"decimal({Precision},{Scale ?? 0})" : Name;
}

/// <summary>null, boolean, int, long, float, double, bytes or string.</summary>
public sealed class AvroPrimitive(string name) : AvroSchema
{
    public static readonly IReadOnlySet<string> Names =
        new HashSet<string>(StringComparer.Ordinal) { "null", "boolean", "int", "long", "float", "double", "bytes", "string" };

    public override string Kind { get; } = name;
}

/// <summary>A record, enum or fixed: identified by its full name, reachable through its aliases.</summary>
public abstract class AvroNamedSchema(string fullName, IReadOnlyList<string> aliases, string? doc) : AvroSchema
{
    public string FullName { get; } = fullName;

    /// <summary>The last component of the full name (what the specification matches on).</summary>
    public string Name => FullName[(FullName.LastIndexOf('.') + 1)..];

    public string Namespace => FullName.Contains('.', StringComparison.Ordinal) ? FullName[..FullName.LastIndexOf('.')] : "";

    /// <summary>Aliases as full names (relative aliases are qualified with the type's namespace).</summary>
    public IReadOnlyList<string> Aliases { get; } = aliases;

    public string? Doc { get; } = doc;
}

public sealed class AvroRecord(string fullName, IReadOnlyList<string> aliases, string? doc, bool isError) : AvroNamedSchema(fullName, aliases, doc)
{
    public override string Kind => IsError ? "error" : "record";

    public bool IsError { get; } = isError;

    /// <summary>The fields, in declaration order. Filled after the record is registered so fields can refer to it.</summary>
    public IReadOnlyList<AvroField> Fields { get; internal set; } = [];
}

public sealed record AvroField(string Name, AvroSchema Type, JsonNode? Default, bool HasDefault, IReadOnlyList<string> Aliases, string? Doc, string Order);

public sealed class AvroEnum(string fullName, IReadOnlyList<string> aliases, string? doc, IReadOnlyList<string> symbols, string? defaultSymbol)
    : AvroNamedSchema(fullName, aliases, doc)
{
    public override string Kind => "enum";

    public IReadOnlyList<string> Symbols { get; } = symbols;

    /// <summary>The symbol a reader uses for a writer symbol it does not know; null when there is none.</summary>
    public string? Default { get; } = defaultSymbol;
}

public sealed class AvroFixed(string fullName, IReadOnlyList<string> aliases, string? doc, int size) : AvroNamedSchema(fullName, aliases, doc)
{
    public override string Kind => "fixed";

    public int Size { get; } = size;
}

public sealed class AvroArray(AvroSchema items) : AvroSchema
{
    public override string Kind => "array";

    public AvroSchema Items { get; } = items;
}

public sealed class AvroMap(AvroSchema values) : AvroSchema
{
    public override string Kind => "map";

    public AvroSchema Values { get; } = values;
}

public sealed class AvroUnion(IReadOnlyList<AvroSchema> branches) : AvroSchema
{
    public override string Kind => "union";

    public IReadOnlyList<AvroSchema> Branches { get; } = branches;
}

/// <summary>A parsed <c>.avsc</c> document: the root schema and every named type it defines, by full name.</summary>
public sealed class AvroDocument(SchemaSource source, AvroSchema root, IReadOnlyList<AvroNamedSchema> namedTypes) : SchemaDocument(source)
{
    public override SchemaFormat Format => SchemaFormat.Avro;

    public AvroSchema Root { get; } = root;

    /// <summary>Every named type the document defines, in definition order.</summary>
    public IReadOnlyList<AvroNamedSchema> NamedTypes { get; } = namedTypes;
}
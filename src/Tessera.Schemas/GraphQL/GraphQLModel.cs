using System.Text.Json.Nodes;

namespace Tessera.Schemas.GraphQL;

/// <summary>The kind of a named GraphQL type (the introspection <c>__TypeKind</c> of a named type).</summary>
public enum GraphQLTypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

public static class GraphQLTypeKinds
{
    /// <summary>The introspection spelling, e.g. <c>INPUT_OBJECT</c>.</summary>
    public static string ToWire(this GraphQLTypeKind kind) => kind switch
    {
        GraphQLTypeKind.Scalar => "SCALAR",
        GraphQLTypeKind.Object => "OBJECT",
        GraphQLTypeKind.Interface => "INTERFACE",
        GraphQLTypeKind.Union => "UNION",
        GraphQLTypeKind.Enum => "ENUM",
        GraphQLTypeKind.InputObject => "INPUT_OBJECT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static GraphQLTypeKind? FromWire(string? text) => text switch
    {
        "SCALAR" => GraphQLTypeKind.Scalar,
        "OBJECT" => GraphQLTypeKind.Object,
        "INTERFACE" => GraphQLTypeKind.Interface,
        "UNION" => GraphQLTypeKind.Union,
        "ENUM" => GraphQLTypeKind.Enum,
        "INPUT_OBJECT" => GraphQLTypeKind.InputObject,
        _ => null,
    };
}

/// <summary>
/// A reference to a type: a named type, or a list or non-null wrapper around another reference.
/// Exactly one of <see cref="Name"/> and <see cref="OfType"/> is set.
/// </summary>
public sealed record GraphQLTypeRef
{
    private GraphQLTypeRef(string? name, bool isList, bool isNonNull, GraphQLTypeRef? ofType)
    {
        Name = name;
        IsList = isList;
        IsNonNull = isNonNull;
        OfType = ofType;
    }

    /// <summary>The named type, when this is not a wrapper.</summary>
    public string? Name { get; }

    public bool IsList { get; }

    public bool IsNonNull { get; }

    public GraphQLTypeRef? OfType { get; }

    public static GraphQLTypeRef Named(string name) => new(name, false, false, null);

    public static GraphQLTypeRef ListOf(GraphQLTypeRef item) => new(null, true, false, item);

    public static GraphQLTypeRef NonNullOf(GraphQLTypeRef inner) =>
        inner.IsNonNull ? throw new ArgumentException("A non-null type cannot wrap a non-null type.", nameof(inner)) : new(null, false, true, inner);

    /// <summary>The named type at the bottom of the wrappers.</summary>
    public string NamedType
    {
        get
        {
            var current = this;
            while (current.OfType is not null)
            {
                current = current.OfType;
            }

            return current.Name!;
        }
    }

    /// <summary>The SDL spelling, e.g. <c>[String!]!</c>.</summary>
    public override string ToString()
    {
        // Iterative so that no nesting depth can exhaust the stack.
        var prefix = new System.Text.StringBuilder();
        var suffix = new List<string>();
        var current = this;
        while (current.OfType is not null)
        {
            if (current.IsList)
            {
                prefix.Append('[');
                suffix.Add("]");
            }
            else
            {
                suffix.Add("!");
            }

            current = current.OfType;
        }

        suffix.Reverse();
        return prefix + current.Name + string.Concat(suffix);
    }
}

/// <summary>Where an element is deprecated, and why.</summary>
public sealed record GraphQLDeprecation(string Reason);

/// <summary>An argument of a field or directive, or a field of an input object.</summary>
public sealed class GraphQLInputValueDef
{
    public required string Name { get; init; }

    public required GraphQLTypeRef Type { get; init; }

    public string? Description { get; init; }

    /// <summary>The default value as a canonical GraphQL literal (object fields sorted), or null when there is none.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>The default value as JSON (enum values become strings), or null when there is none.</summary>
    public JsonNode? DefaultJson { get; init; }

    public GraphQLDeprecation? Deprecation { get; init; }

    /// <summary>Applied directives other than <c>@deprecated</c>, printed canonically (SDL only).</summary>
    public IReadOnlyList<string> Directives { get; init; } = [];

    /// <summary>A caller must provide it: non-null with no default value.</summary>
    public bool IsRequired => Type.IsNonNull && DefaultValue is null;
}

/// <summary>A field of an object or interface type.</summary>
public sealed class GraphQLFieldDef
{
    public required string Name { get; init; }

    public required GraphQLTypeRef Type { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<GraphQLInputValueDef> Arguments { get; init; } = [];

    public GraphQLDeprecation? Deprecation { get; init; }

    public IReadOnlyList<string> Directives { get; init; } = [];
}

/// <summary>A value of an enum type.</summary>
public sealed class GraphQLEnumValueDef
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public GraphQLDeprecation? Deprecation { get; init; }

    public IReadOnlyList<string> Directives { get; init; } = [];
}

/// <summary>A named type of any kind. Lists that do not apply to the kind are empty.</summary>
public sealed class GraphQLTypeDef
{
    public required string Name { get; init; }

    public required GraphQLTypeKind Kind { get; init; }

    public string? Description { get; set; }

    /// <summary>Fields of an object or interface, in declaration order.</summary>
    public List<GraphQLFieldDef> Fields { get; } = [];

    /// <summary>Fields of an input object, in declaration order.</summary>
    public List<GraphQLInputValueDef> InputFields { get; } = [];

    /// <summary>Interfaces an object or interface implements.</summary>
    public List<string> Interfaces { get; } = [];

    /// <summary>Member types of a union.</summary>
    public List<string> PossibleTypes { get; } = [];

    public List<GraphQLEnumValueDef> EnumValues { get; } = [];

    /// <summary>The <c>@specifiedBy(url:)</c> of a custom scalar.</summary>
    public string? SpecifiedBy { get; set; }

    public List<string> Directives { get; } = [];
}

/// <summary>A directive definition (<c>directive @name(args) repeatable on LOCATIONS</c>).</summary>
public sealed class GraphQLDirectiveDef
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<GraphQLInputValueDef> Arguments { get; init; } = [];

    public IReadOnlyList<string> Locations { get; init; } = [];

    public bool IsRepeatable { get; init; }
}

/// <summary>A parsed GraphQL schema, from SDL or from introspection JSON, in one model.</summary>
public sealed class GraphQLSchemaDocument : SchemaDocument
{
    internal GraphQLSchemaDocument(SchemaSource source, bool fromSdl) : base(source) => FromSdl = fromSdl;

    public override SchemaFormat Format => SchemaFormat.GraphQL;

    /// <summary>True when read from SDL (applied directives are known); false for introspection JSON.</summary>
    public bool FromSdl { get; }

    public string? Description { get; internal set; }

    public string? QueryType { get; internal set; }

    public string? MutationType { get; internal set; }

    public string? SubscriptionType { get; internal set; }

    /// <summary>Every named type (built-in scalars included, introspection types excluded), by name.</summary>
    public SortedDictionary<string, GraphQLTypeDef> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Custom directive definitions (the built-in ones are left out), by name.</summary>
    public SortedDictionary<string, GraphQLDirectiveDef> Directives { get; } = new(StringComparer.Ordinal);

    /// <summary>The scalars every GraphQL schema has without declaring them.</summary>
    public static IReadOnlyList<string> BuiltInScalars { get; } = ["Boolean", "Float", "ID", "Int", "String"];

    /// <summary>Directives every GraphQL schema has without declaring them.</summary>
    public static IReadOnlyList<string> BuiltInDirectives { get; } = ["deprecated", "include", "oneOf", "skip", "specifiedBy"];

    /// <summary>The root type of <paramref name="operation"/> (<c>query</c>, <c>mutation</c>, <c>subscription</c>).</summary>
    public string? RootType(string operation) => operation switch
    {
        "query" => QueryType,
        "mutation" => MutationType,
        "subscription" => SubscriptionType,
        _ => null,
    };

    public GraphQLTypeDef? Find(string name) => Types.GetValueOrDefault(name);
}
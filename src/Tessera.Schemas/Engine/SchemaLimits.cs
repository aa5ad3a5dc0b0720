namespace Tessera.Schemas;

/// <summary>
/// Bounds on what a hostile or broken document can cost. Every limit has a name that appears in the error
/// when it is exceeded, so a user can tell which one to raise.
/// </summary>
public sealed record SchemaLimits
{
    public static SchemaLimits Default { get; } = new();

    /// <summary>Largest document accepted, in UTF-16 characters of text (<c>MaxInputChars</c>).</summary>
    public int MaxInputChars { get; init; } = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of objects/arrays (or messages, types, ...) accepted (<c>MaxDepth</c>).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>
    /// Most nodes a document may expand to, counting YAML alias and <c>$ref</c> expansions (<c>MaxNodes</c>).
    /// </summary>
    public int MaxNodes { get; init; } = 2_000_000;

    /// <summary>Most YAML aliases (<c>*name</c>) in one document (<c>MaxYamlAliases</c>).</summary>
    public int MaxYamlAliases { get; init; } = 10_000;

    /// <summary>Most findings one comparison may produce before it stops with an error (<c>MaxFindings</c>).</summary>
    public int MaxFindings { get; init; } = 100_000;

    /// <summary>
    /// Most declarations (fields, enum values, RPCs, ...) one type or block may hold (<c>MaxMembersPerType</c>).
    /// Some parsers check each new member against all earlier ones, so their cost grows with its square.
    /// </summary>
    public int MaxMembersPerType { get; init; } = 5_000;
}
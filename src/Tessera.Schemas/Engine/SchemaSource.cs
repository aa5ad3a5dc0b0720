namespace Tessera.Schemas;

/// <summary>The raw text of one contract version, as a user submitted it.</summary>
/// <param name="Content">The document text (JSON, YAML, SDL, .proto, ...).</param>
/// <param name="Name">A file name or label used in error messages and for format detection by extension.</param>
/// <param name="Imports">
/// Other files the document may import, keyed by import path relative to an import root
/// (protobuf <c>import "a/b.proto"</c>). Empty for single-file formats.
/// </param>
public sealed record SchemaSource(string Content, string? Name = null, IReadOnlyDictionary<string, string>? Imports = null)
{
    public IReadOnlyDictionary<string, string> ImportFiles => Imports ?? EmptyImports;

    private static readonly IReadOnlyDictionary<string, string> EmptyImports = new Dictionary<string, string>();

    /// <summary>The name to show in messages.</summary>
    public string DisplayName => string.IsNullOrEmpty(Name) ? "<input>" : Name;
}
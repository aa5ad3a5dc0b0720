using System.Text;

namespace Tessera.Schemas.OpenApi;

/// <summary>
/// Asset FQNs for OpenAPI operations, <c>api.&lt;title&gt;.&lt;method&gt;_&lt;path&gt;</c>, the same as the original so
/// that imported assets keep their names (compatibility.md §4.1). Different templates can share an FQN
/// (<c>/users/{id}</c> and <c>/users/id</c>); an importer must detect that.
/// </summary>
public static class OpenApiFqn
{
    public static string Generate(string? title, string path, string method) =>
        $"api.{Title(title)}.{method.ToLowerInvariant()}_{Path(path)}";

    /// <summary>Lower case; spaces and hyphens become <c>_</c>; other non-alphanumerics are deleted; empty → <c>unknown</c>.</summary>
    public static string Title(string? title)
    {
        var sb = new StringBuilder();
        foreach (var c in (title ?? "").ToLowerInvariant())
        {
            if (c is ' ' or '-')
            {
                sb.Append('_');
            }
            else if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? "unknown" : sb.ToString();
    }

    /// <summary>
    /// Lower case; outer <c>/</c> stripped; <c>/</c> → <c>_</c>; braces deleted; other non-alphanumerics → <c>_</c>;
    /// runs of <c>_</c> collapsed; outer <c>_</c> stripped; empty → <c>root</c>.
    /// </summary>
    public static string Path(string path)
    {
        var sb = new StringBuilder();
        foreach (var c in path.ToLowerInvariant().Trim('/'))
        {
            if (c is '{' or '}')
            {
                continue;
            }

            var mapped = char.IsLetterOrDigit(c) ? c : '_';
            if (mapped == '_' && sb.Length > 0 && sb[^1] == '_')
            {
                continue;
            }

            sb.Append(mapped);
        }

        var result = sb.ToString().Trim('_');
        return result.Length == 0 ? "root" : result;
    }
}
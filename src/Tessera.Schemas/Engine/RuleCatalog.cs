using System.Text;

namespace Tessera.Schemas;

/// <summary>Every rule of every format, and the rendering of docs/rules.md from them.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<Rule> All =>
        [.. SchemaEngine.Formats.SelectMany(f => f.Rules).OrderBy(r => r.Format).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>The Markdown of docs/rules.md (a test keeps the file equal to this).</summary>
    public static string RenderMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Compatibility rules\n\n");
        sb.Append("Generated from the rule catalogue (`RuleCatalog.RenderMarkdown`); do not edit by hand.\n");
        sb.Append("Regenerate with `dotnet run --project src/Tessera.Cli -- rules --markdown > docs/rules.md`.\n\n");
        sb.Append("Severities: `safe`, `dangerous`, `breaking`, `unknown` (blocks like breaking). `backward` is the\n");
        sb.Append("severity when the mode requires backward compatibility, `forward` when it requires forward; `full`\n");
        sb.Append("takes the worse of the two and `none` accepts everything. Direction-aware formats may swap them for\n");
        sb.Append("output (response) positions; the finding says which severities applied.\n");
        foreach (var group in All.GroupBy(r => r.Format))
        {
            sb.Append("\n## ").Append(group.Key.ToWire()).Append("\n\n");
            sb.Append("| id | type | backward | forward | level | what |\n");
            sb.Append("|---|---|---|---|---|---|\n");
            foreach (var rule in group)
            {
                sb.Append("| `").Append(rule.Id).Append("` | `").Append(rule.Type).Append("` | ")
                    .Append(rule.Backward.ToWire()).Append(" | ").Append(rule.Forward.ToWire()).Append(" | ")
                    .Append(rule.Level.ToWire()).Append(" | ").Append(Escape(rule.Description));
                if (!string.IsNullOrEmpty(rule.Hint))
                {
                    sb.Append(" *Hint:* ").Append(Escape(rule.Hint));
                }

                sb.Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
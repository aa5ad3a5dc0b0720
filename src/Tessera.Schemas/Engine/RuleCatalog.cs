using System.Text;

namespace Tessera.Schemas;

/// <summary>Every rule of every format, and the rendering of docs/rules.md from them.</summary>
public static class RuleCatalog
{
    /// <summary>
    /// Every format's rules in format order, then the guarantee rules (<see cref="Guarantees.GuaranteeRules"/>,
    /// ids <c>guarantees.*</c>), which are not a format's and carry <see cref="SchemaFormat.JsonSchema"/>.
    /// </summary>
    public static IReadOnlyList<Rule> All =>
    [
        .. SchemaEngine.Formats.SelectMany(f => f.Rules).OrderBy(r => r.Format).ThenBy(r => r.Id, StringComparer.Ordinal),
        .. Guarantees.GuaranteeRules.All,
    ];

    /// <summary>The docs/rules.md section of a rule: its id's prefix (the format's wire name, or <c>guarantees</c>).</summary>
    public static string SectionOf(Rule rule)
    {
        var dot = rule.Id.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? rule.Id[..dot] : rule.Format.ToWire();
    }

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
        foreach (var group in All.GroupBy(SectionOf))
        {
            sb.Append("\n## ").Append(group.Key).Append("\n\n");
            if (group.Key == "guarantees")
            {
                sb.Append("Guarantee changes (`nullability`, `uniqueness`, `accepted_values`, `relationships`, `expressions`,\n");
                sb.Append("`freshness`, `volume`, `custom`) are judged the same in both directions: a tightening is `safe`, a\n");
                sb.Append("relaxation `dangerous`, and `breaking` when the asset's `guarantee_mode` is `strict` (`ignore` reports none).\n\n");
            }

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
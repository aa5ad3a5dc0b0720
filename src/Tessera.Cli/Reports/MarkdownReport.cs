using System.Text;

using Tessera.Schemas;

namespace Tessera.Cli.Reports;

/// <summary>Markdown for a pull-request comment: a verdict heading, counts, and one table per group.</summary>
public static class MarkdownReport
{
    public static string Render(DiffReport diff)
    {
        var sb = new StringBuilder();
        var icon = diff.Report.IsCompatible ? ":white_check_mark:" : ":x:";
        var title = diff.Findings.Count == 0
            ? "no changes"
            : diff.Report.IsCompatible ? "compatible" : "breaking changes";
        sb.Append($"### {icon} Tessera: {title}\n\n");
        sb.Append($"`{Code(diff.OldName)}` → `{Code(diff.NewName)}` · format `{diff.Format.ToWire()}` · mode `{diff.Mode.ToWire()}` · ");
        sb.Append($"change type **{diff.Report.ChangeType.ToWire()}**\n\n");
        sb.Append($"**{diff.Count(Severity.Breaking)} breaking**");
        if (diff.Count(Severity.Unknown) > 0)
        {
            sb.Append($", **{diff.Count(Severity.Unknown)} unknown**");
        }

        sb.Append($", {diff.Count(Severity.Dangerous)} dangerous, {diff.Count(Severity.Safe)} safe\n");
        foreach (var group in FindingGroups.Group(diff.Findings, diff.Mode))
        {
            sb.Append($"\n#### `{Code(group.Key)}`\n\n");
            sb.Append("| severity | where | change | rule |\n");
            sb.Append("|---|---|---|---|\n");
            foreach (var finding in group.Findings)
            {
                var severity = finding.SeverityFor(diff.Mode);
                var where = FindingGroups.Within(finding.Path, group.Key);
                var change = Cell(finding.Message);
                if (finding.Against is not null)
                {
                    change += $" (against {Cell(finding.Against)})";
                }

                if (severity != Severity.Safe && !string.IsNullOrWhiteSpace(finding.Hint))
                {
                    change += $"<br>*Hint:* {Cell(finding.Hint)}";
                }

                sb.Append($"| {Badge(severity)} | {(where.Length == 0 ? "" : $"`{Code(where)}`")} | {change} | `{Code(finding.RuleId)}` |\n");
            }
        }

        return sb.ToString();
    }

    private static string Badge(Severity severity) => severity switch
    {
        Severity.Breaking => ":x: **breaking**",
        Severity.Unknown => ":grey_question: **unknown**",
        Severity.Dangerous => ":warning: dangerous",
        _ => "safe",
    };

    /// <summary>Table-cell text: pipes escaped, line breaks flattened, HTML-looking text neutralised.</summary>
    internal static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Text inside a code span: backticks and pipes cannot be escaped there, so they are replaced.</summary>
    internal static string Code(string text) => text
        .Replace("`", "'", StringComparison.Ordinal)
        .Replace("|", "¦", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
using System.Text;

using Tessera.Schemas;

namespace Tessera.Cli.Reports;

/// <summary>The human output of <c>tessera diff</c>: findings grouped by what they are in, with markers and hints.</summary>
public static class TextReport
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";

    /// <summary>Colour only on a terminal, and never when <c>NO_COLOR</c> is set to anything non-empty (no-color.org).</summary>
    public static bool ShouldColour(bool outputIsTerminal, string? noColor) => outputIsTerminal && string.IsNullOrEmpty(noColor);

    public static string Marker(Severity severity) => severity switch
    {
        Severity.Breaking => "BREAKING ",
        Severity.Unknown => "UNKNOWN  ",
        Severity.Dangerous => "DANGEROUS",
        _ => "safe     ",
    };

    public static string Render(DiffReport diff, bool colour)
    {
        var sb = new StringBuilder();
        sb.Append($"tessera diff {diff.OldName} -> {diff.NewName} ({diff.Format.ToWire()}, mode {diff.Mode.ToWire()})\n");
        foreach (var group in FindingGroups.Group(diff.Findings, diff.Mode))
        {
            sb.Append('\n').Append(Paint(group.Key, Bold, colour)).Append('\n');
            foreach (var finding in group.Findings)
            {
                var severity = finding.SeverityFor(diff.Mode);
                var where = FindingGroups.Within(finding.Path, group.Key);
                sb.Append("  ").Append(Paint(Marker(severity), ColourOf(severity), colour)).Append("  ");
                if (where.Length > 0)
                {
                    sb.Append(where).Append(": ");
                }

                sb.Append(finding.Message).Append(Paint($"  [{finding.RuleId}]", Dim, colour));
                if (finding.Against is not null)
                {
                    sb.Append(" (against ").Append(finding.Against).Append(')');
                }

                sb.Append('\n');
                if (severity != Severity.Safe && !string.IsNullOrWhiteSpace(finding.Hint))
                {
                    sb.Append("             ").Append(Paint("hint: " + finding.Hint, Dim, colour)).Append('\n');
                }
            }
        }

        var verdictColour = diff.Report.IsCompatible ? Green : Red;
        sb.Append('\n').Append(Paint(diff.Verdict(), Bold + verdictColour, colour)).Append('\n');
        return sb.ToString();
    }

    private static string ColourOf(Severity severity) => severity switch
    {
        Severity.Breaking or Severity.Unknown => Bold + Red,
        Severity.Dangerous => Yellow,
        _ => Green,
    };

    private static string Paint(string text, string code, bool colour) => colour ? code + text + Reset : text;
}
using System.Text;

using Tessera.Schemas;

namespace Tessera.Cli.Reports;

/// <summary>
/// GitHub Actions workflow commands: <c>::error</c> for blocking findings (breaking, unknown), <c>::warning</c>
/// for dangerous ones, <c>::notice</c> for safe ones, each on the NEW file and titled with the rule id;
/// then the verdict as a plain log line.
/// </summary>
public static class GitHubAnnotations
{
    public static string Render(DiffReport diff)
    {
        var sb = new StringBuilder();
        foreach (var finding in diff.Findings)
        {
            var command = finding.SeverityFor(diff.Mode) switch
            {
                Severity.Breaking or Severity.Unknown => "error",
                Severity.Dangerous => "warning",
                _ => "notice",
            };
            var message = finding.Path.Length == 0 ? finding.Message : $"{finding.Path}: {finding.Message}";
            if (finding.Against is not null)
            {
                message += $" (against {finding.Against})";
            }

            sb.Append("::").Append(command)
                .Append(" file=").Append(Property(diff.NewName))
                .Append(",title=").Append(Property(finding.RuleId))
                .Append("::").Append(Data(message)).Append('\n');
        }

        sb.Append(diff.Verdict()).Append('\n');
        return sb.ToString();
    }

    /// <summary>Escapes a command's message (<c>%</c>, CR, LF).</summary>
    public static string Data(string text) => text
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a property value (also <c>:</c> and <c>,</c>).</summary>
    public static string Property(string text) => Data(text)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
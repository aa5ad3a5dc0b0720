using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Client;

namespace Tessera.Cli.Reports;

/// <summary>
/// The outputs of <c>tessera check</c>: the server's per-operation verdicts for people (<c>text</c>), as the server's
/// JSON (<c>json</c>), as a pull-request comment (<c>markdown</c>) or as GitHub workflow commands (<c>github</c>).
/// </summary>
public static class CheckReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="file">FILE as the user named it (annotations point at it).</param>
    /// <param name="server">The server asked.</param>
    /// <param name="response">The server's answer, as sent.</param>
    /// <param name="colour">Colour the text output.</param>
    public static string Render(string output, string file, string server, JsonObject response, bool colour)
    {
        var check = response.Deserialize<CheckCompatResponse>(WireJson.Options)
            ?? throw new JsonException("The check-compat answer is empty.");
        return output switch
        {
            "json" => response.ToJsonString(Indented) + "\n",
            "markdown" => Markdown(file, server, check),
            "github" => GitHub(file, check),
            _ => Text(file, server, check, colour),
        };
    }

    /// <summary>Exit code: 1 when any operation is breaking, else 2 when part of the document could not be read, else 0.</summary>
    public static int ExitCode(JsonObject response)
    {
        var check = response.Deserialize<CheckCompatResponse>(WireJson.Options)!;
        return check.IsBreaking ? ExitCodes.Breaking : check.ParseErrors.Count > 0 ? ExitCodes.UsageOrParseError : ExitCodes.Compatible;
    }

    /// <summary>"BREAKING: 1 of 3 operations breaking, 1 compatible, 1 new."</summary>
    public static string Verdict(CheckCompatResponse check)
    {
        var breaking = check.Results.Count(r => r.IsBreaking);
        var compatible = check.Checked - breaking;
        var what = check.IsBreaking ? "BREAKING" : check.ParseErrors.Count > 0 ? "incomplete" : "compatible";
        var errors = check.ParseErrors.Count > 0 ? $", {check.ParseErrors.Count} could not be read" : "";
        return $"{what}: {breaking} of {check.TotalEndpoints} operation{(check.TotalEndpoints == 1 ? "" : "s")} breaking, "
            + $"{compatible} compatible, {check.NewEndpoints} new{errors}.";
    }

    private static string Text(string file, string server, CheckCompatResponse check, bool colour)
    {
        var sb = new StringBuilder();
        sb.Append($"tessera check {file} against {server} ({check.SpecFormat})\n\n");
        foreach (var result in Ordered(check.Results))
        {
            var (marker, paint) = result.IsBreaking ? ("BREAKING", Red) : result.ChangeType == "new" ? ("new     ", Dim) : ("ok      ", Green);
            sb.Append("  ").Append(Paint(marker, paint, colour)).Append("  ").Append(Paint(result.Fqn, Bold, colour));
            if (result.Operation is not null)
            {
                sb.Append($"  ({result.Operation})");
            }

            sb.Append(result.ChangeType == "new" ? "  no active contract yet\n"
                : result.Unchanged ? $"  {result.CurrentVersion}, unchanged\n"
                : $"  {result.CurrentVersion}, {result.ChangeType} change under {result.CompatibilityMode}\n");
            foreach (var change in result.BreakingChanges.OfType<JsonObject>())
            {
                sb.Append("            ").Append(Describe(change)).Append(Paint($"  [{(string?)change["rule_id"] ?? (string?)change["type"]}]", Dim, colour)).Append('\n');
                if ((string?)change["hint"] is { Length: > 0 } hint)
                {
                    sb.Append("            ").Append(Paint("hint: " + hint, Dim, colour)).Append('\n');
                }
            }
        }

        foreach (var error in check.ParseErrors)
        {
            sb.Append("  ").Append(Paint("ERROR   ", Red, colour)).Append("  ").Append(error).Append('\n');
        }

        sb.Append('\n').Append(Paint(Verdict(check), Bold + (check.IsBreaking || check.ParseErrors.Count > 0 ? Red : Green), colour)).Append('\n');
        return sb.ToString();
    }

    private static string Markdown(string file, string server, CheckCompatResponse check)
    {
        var sb = new StringBuilder();
        var icon = check.IsBreaking ? ":x:" : check.ParseErrors.Count > 0 ? ":warning:" : ":white_check_mark:";
        sb.Append($"### {icon} Tessera check: {MarkdownReport.Cell(Verdict(check))}\n\n");
        sb.Append($"`{MarkdownReport.Code(file)}` against `{MarkdownReport.Code(server)}` · format `{check.SpecFormat}`\n\n");
        sb.Append("| result | asset | operation | current | change | breaking changes |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var result in Ordered(check.Results))
        {
            var badge = result.IsBreaking ? ":x: **breaking**" : result.ChangeType == "new" ? "new" : ":white_check_mark: ok";
            var changes = string.Join("<br>", result.BreakingChanges.OfType<JsonObject>().Select(c => MarkdownReport.Cell(Describe(c))));
            sb.Append($"| {badge} | `{MarkdownReport.Code(result.Fqn)}` | {(result.Operation is null ? "" : $"`{MarkdownReport.Code(result.Operation)}`")} | "
                + $"{result.CurrentVersion ?? "—"} | {(result.Unchanged ? "unchanged" : result.ChangeType)}"
                + $"{(result.CompatibilityMode is null || result.Unchanged ? "" : $" ({result.CompatibilityMode})")} | {changes} |\n");
        }

        if (check.ParseErrors.Count > 0)
        {
            sb.Append("\n**Could not be read:**\n\n");
            foreach (var error in check.ParseErrors)
            {
                sb.Append("- ").Append(MarkdownReport.Cell(error)).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string GitHub(string file, CheckCompatResponse check)
    {
        var sb = new StringBuilder();
        foreach (var result in Ordered(check.Results))
        {
            foreach (var change in result.BreakingChanges.OfType<JsonObject>())
            {
                sb.Append("::error file=").Append(GitHubAnnotations.Property(file))
                    .Append(",title=").Append(GitHubAnnotations.Property(result.Fqn))
                    .Append("::").Append(GitHubAnnotations.Data(Describe(change))).Append('\n');
            }

            if (result.IsBreaking && result.BreakingChanges.Count == 0)
            {
                sb.Append("::error file=").Append(GitHubAnnotations.Property(file)).Append(",title=").Append(GitHubAnnotations.Property(result.Fqn))
                    .Append("::").Append(GitHubAnnotations.Data($"{result.Fqn} is breaking under {result.CompatibilityMode}")).Append('\n');
            }
        }

        foreach (var error in check.ParseErrors)
        {
            sb.Append("::error file=").Append(GitHubAnnotations.Property(file)).Append(",title=parse error::").Append(GitHubAnnotations.Data(error)).Append('\n');
        }

        sb.Append(Verdict(check)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Breaking first, then changed, then new; by name within each.</summary>
    private static IEnumerable<CheckCompatResult> Ordered(IEnumerable<CheckCompatResult> results) =>
        results.OrderBy(r => r.IsBreaking ? 0 : r.ChangeType == "new" ? 2 : 1).ThenBy(r => r.Fqn, StringComparer.Ordinal);

    /// <summary><c>path: message</c> of one change on the wire.</summary>
    private static string Describe(JsonObject change)
    {
        var path = (string?)change["path"];
        var message = (string?)change["message"] ?? (string?)change["type"] ?? "changed";
        var against = (string?)change["against_version"];
        var text = string.IsNullOrEmpty(path) ? message : $"{path}: {message}";
        return against is null ? text : $"{text} (against {against})";
    }

    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";

    private static string Paint(string text, string code, bool colour) => colour ? code + text + Reset : text;
}
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Cli.Reports;

/// <summary>
/// The outputs of <c>tessera sync</c>: what the importer did with each item (created, published, unchanged, proposal,
/// error), for people (<c>text</c>), as the server's answers (<c>json</c>), as a pull-request comment
/// (<c>markdown</c>) or as GitHub workflow commands (<c>github</c>).
/// </summary>
public static class SyncReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>One importer call: the files it carried and the server's answer as sent.</summary>
    public sealed record Import(IReadOnlyList<string> Files, JsonObject Response)
    {
        /// <summary>The answer's items, whatever the format calls them.</summary>
        public IReadOnlyList<JsonObject> Items =>
            [.. ((Response["endpoints"] ?? Response["operations"] ?? Response["methods"] ?? Response["schemas"]) as JsonArray ?? []).OfType<JsonObject>()];

        public IReadOnlyList<string> ParseErrors => [.. (Response["parse_errors"] as JsonArray ?? []).Select(e => (string?)e ?? "")];
    }

    /// <summary>An item that opened a proposal (or, on a dry run, would open one).</summary>
    public static bool IsBreaking(JsonObject item) => (string?)item["action"] == "proposal_created" || (string?)item["status"] == "breaking";

    public static bool IsError(JsonObject item) => (string?)item["action"] == "error";

    /// <summary>1 when a breaking change opened (or would open) a proposal, else 2 when an item or part of a document failed, else 0.</summary>
    public static int ExitCode(IReadOnlyList<Import> imports) =>
        imports.SelectMany(i => i.Items).Any(IsBreaking) ? ExitCodes.Breaking
        : imports.Any(i => i.ParseErrors.Count > 0 || i.Items.Any(IsError)) ? ExitCodes.UsageOrParseError
        : ExitCodes.Compatible;

    public static string Render(string output, string format, string server, bool dryRun, IReadOnlyList<Import> imports, bool colour) => output switch
    {
        "json" => new JsonObject
        {
            ["imports"] = new JsonArray([.. imports.Select(i => (JsonNode)new JsonObject
            {
                ["files"] = new JsonArray([.. i.Files.Select(f => (JsonNode)f)]),
                ["response"] = i.Response.DeepClone(),
            })]),
        }.ToJsonString(Indented) + "\n",
        "markdown" => Markdown(format, server, dryRun, imports),
        "github" => GitHub(imports),
        _ => Text(format, server, dryRun, imports, colour),
    };

    /// <summary>"3 created, 1 published, 2 unchanged, 1 proposal, 0 errors" over every import.</summary>
    public static string Verdict(IReadOnlyList<Import> imports, bool dryRun)
    {
        var items = imports.SelectMany(i => i.Items).ToList();
        var created = items.Count(i => (string?)i["action"] is "created" or "would_create");
        var published = items.Count(i => (string?)i["status"] is "published" or "will_publish");
        var unchanged = items.Count(i => (string?)i["action"] == "unchanged");
        var proposals = items.Count(IsBreaking);
        // A document's parse errors usually repeat its failed items' errors: count whichever is more, per document.
        var errors = imports.Sum(i => Math.Max(i.Items.Count(IsError), i.ParseErrors.Count));
        var what = proposals > 0 ? "BREAKING" : errors > 0 ? "errors" : "ok";
        var prefix = dryRun ? "dry run, nothing written: " : "";
        return $"{what}: {prefix}{items.Count} item{(items.Count == 1 ? "" : "s")}, {created} {(dryRun ? "would be created" : "created")}, "
            + $"{published} {(dryRun ? "would publish" : "published")}, {unchanged} unchanged, {proposals} {(dryRun ? "breaking" : "proposals")}, {errors} errors.";
    }

    /// <summary>What the item is in its document: <c>GET /users/{id}</c>, <c>query user</c>, <c>UserService/GetUser</c>, <c>com.acme.User</c>.</summary>
    public static string Label(JsonObject item)
    {
        string? Text(string key) => (string?)item[key];
        if (Text("path") is { } path)
        {
            return $"{Text("method")} {path}";
        }

        if (Text("operation_name") is { } operation)
        {
            return $"{Text("operation_type")} {operation}";
        }

        if (Text("service") is { } service)
        {
            return $"{service}/{Text("method")}";
        }

        return Text("namespace") is { Length: > 0 } ns ? $"{ns}.{Text("name")}" : Text("name") ?? "";
    }

    /// <summary>
    /// created 1.0.0 / published 1.1.0 (minor) / updated / unchanged / PROPOSAL 2.0.0 (major) / ERROR, and on a dry run
    /// would create 1.0.0 / would publish 1.1.0 (minor) / BREAKING 2.0.0 (major).
    /// </summary>
    private static string Outcome(JsonObject item)
    {
        var action = (string?)item["action"] ?? "";
        var status = (string?)item["status"] ?? "";
        var version = (string?)item["version"];
        var change = (string?)item["change_type"];
        var versionText = version is null ? "" : $" {version}{(change is null ? "" : $" ({change})")}";
        var publishes = status is "published" or "will_publish";
        return action switch
        {
            "error" => "ERROR",
            "proposal_created" => "PROPOSAL" + versionText,
            _ when status == "breaking" => "BREAKING" + versionText,
            "unchanged" when !publishes => "unchanged",
            "created" => "created" + (publishes ? versionText : ""),
            "would_create" => "would create" + (publishes ? versionText : ""),
            "would_update" or "unchanged" when publishes => "would publish" + versionText,
            _ => publishes ? "published" + versionText : action.Replace('_', ' '),
        };
    }

    private static string Text(string format, string server, bool dryRun, IReadOnlyList<Import> imports, bool colour)
    {
        var sb = new StringBuilder();
        sb.Append($"tessera sync {format} -> {server}{(dryRun ? " (dry run)" : "")}\n");
        foreach (var import in imports)
        {
            sb.Append('\n').Append(Paint(string.Join(", ", import.Files), Bold, colour)).Append('\n');
            foreach (var item in import.Items)
            {
                var outcome = Outcome(item);
                var paint = IsError(item) || IsBreaking(item) ? Red : (string?)item["action"] == "unchanged" ? Dim : Green;
                sb.Append("  ").Append(Paint(outcome.PadRight(28), paint, colour)).Append(' ').Append((string?)item["fqn"]);
                if (Label(item) is { Length: > 0 } label)
                {
                    sb.Append("  (").Append(label).Append(')');
                }

                sb.Append('\n');
                if ((string?)item["error"] is { } error)
                {
                    sb.Append("      ").Append(error).Append('\n');
                }

                foreach (var change in (item["breaking_changes"] as JsonArray ?? []).OfType<JsonObject>().Where(_ => IsBreaking(item)))
                {
                    sb.Append("      ").Append(Describe(change)).Append('\n');
                }
            }

            foreach (var error in import.ParseErrors)
            {
                sb.Append("  ").Append(Paint("ERROR", Red, colour)).Append("  ").Append(error).Append('\n');
            }
        }

        var verdictColour = imports.SelectMany(i => i.Items).Any(IsBreaking) || ExitCode(imports) != ExitCodes.Compatible ? Red : Green;
        sb.Append('\n').Append(Paint(Verdict(imports, dryRun), Bold + verdictColour, colour)).Append('\n');
        return sb.ToString();
    }

    private static string Markdown(string format, string server, bool dryRun, IReadOnlyList<Import> imports)
    {
        var sb = new StringBuilder();
        var exit = ExitCode(imports);
        var icon = exit == ExitCodes.Breaking ? ":x:" : exit == ExitCodes.Compatible ? ":white_check_mark:" : ":warning:";
        sb.Append($"### {icon} Tessera sync {format}: {MarkdownReport.Cell(Verdict(imports, dryRun))}\n\n");
        sb.Append($"Server `{MarkdownReport.Code(server)}`{(dryRun ? " · dry run" : "")}\n");
        foreach (var import in imports)
        {
            sb.Append($"\n#### `{MarkdownReport.Code(string.Join(", ", import.Files))}`\n\n");
            sb.Append("| outcome | asset | operation | details |\n|---|---|---|---|\n");
            foreach (var item in import.Items)
            {
                var details = (string?)item["error"] is { } error ? MarkdownReport.Cell(error)
                    : string.Join("<br>", (item["breaking_changes"] as JsonArray ?? []).OfType<JsonObject>().Where(_ => IsBreaking(item))
                        .Select(c => MarkdownReport.Cell(Describe(c))));
                var outcome = IsError(item) || IsBreaking(item) ? $"**{Outcome(item)}**" : Outcome(item);
                sb.Append($"| {outcome} | `{MarkdownReport.Code((string?)item["fqn"] ?? "")}` | `{MarkdownReport.Code(Label(item))}` | {details} |\n");
            }

            foreach (var error in import.ParseErrors)
            {
                sb.Append($"\n- :warning: {MarkdownReport.Cell(error)}");
            }

            if (import.ParseErrors.Count > 0)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string GitHub(IReadOnlyList<Import> imports)
    {
        var sb = new StringBuilder();
        foreach (var import in imports)
        {
            var file = GitHubAnnotations.Property(import.Files.Count > 0 ? import.Files[0] : "");
            foreach (var item in import.Items)
            {
                var title = GitHubAnnotations.Property((string?)item["fqn"] ?? "");
                if ((string?)item["error"] is { } error)
                {
                    sb.Append($"::error file={file},title={title}::{GitHubAnnotations.Data(error)}\n");
                }
                else if (IsBreaking(item))
                {
                    var changes = (item["breaking_changes"] as JsonArray ?? []).OfType<JsonObject>().Select(Describe).ToList();
                    var message = $"{Outcome(item)}: {(changes.Count == 0 ? "breaking change" : string.Join("; ", changes))}";
                    sb.Append($"::error file={file},title={title}::{GitHubAnnotations.Data(message)}\n");
                }
            }

            foreach (var error in import.ParseErrors)
            {
                sb.Append($"::error file={file},title=parse error::{GitHubAnnotations.Data(error)}\n");
            }
        }

        sb.Append(Verdict(imports, imports.Any(i => (bool?)i.Response["dry_run"] == true))).Append('\n');
        return sb.ToString();
    }

    private static string Describe(JsonObject change)
    {
        var path = (string?)change["path"];
        var message = (string?)change["message"] ?? (string?)change["type"] ?? "changed";
        return string.IsNullOrEmpty(path) ? message : $"{path}: {message}";
    }

    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";

    private static string Paint(string text, string code, bool colour) => colour ? code + text + Reset : text;
}
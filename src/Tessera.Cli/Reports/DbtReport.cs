using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Client;

namespace Tessera.Cli.Reports;

/// <summary>
/// The outputs of <c>tessera sync dbt</c>: an upload's counts, proposals and warnings, or (with <c>--dry-run</c>) the CI
/// diff of every model, for people, as JSON (the server's answer), Markdown or GitHub workflow commands.
/// </summary>
public static class DbtReport
{
    private static readonly JsonSerializerOptions Indented = WireJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    /// <summary>Warnings of an upload, each prefixed with its kind.</summary>
    public static IReadOnlyList<string> Warnings(DbtSyncUploadResponse upload) =>
    [
        .. upload.OwnershipWarnings.Select(w => "ownership: " + w),
        .. upload.ContractWarnings.Select(w => "contract: " + w),
        .. upload.RegistrationWarnings.Select(w => "registration: " + w),
        .. upload.DependencyWarnings.Select(w => "dependency: " + w),
    ];

    /// <summary>Proposals that wait for consumers (a breaking change with none published at once).</summary>
    public static IReadOnlyList<DbtSyncProposalDetail> Pending(DbtSyncUploadResponse upload) =>
        [.. upload.Proposals.Details.Where(p => p.Status == "pending")];

    /// <summary>1 when a proposal waits for consumers, else 2 when part of the manifest was not imported, else 0.</summary>
    public static int ExitCode(DbtSyncUploadResponse upload) =>
        Pending(upload).Count > 0 || (upload.Proposals.Created > 0 && upload.Proposals.Details.Count == 0) ? ExitCodes.Breaking
        : upload.Status != "success" ? ExitCodes.UsageOrParseError
        : ExitCodes.Compatible;

    /// <summary>1 when the diff is blocked by a breaking change, else 2 when <c>meta.tessera</c> has errors, else 0.</summary>
    public static int ExitCode(DbtSyncDiffResponse diff) =>
        diff.Summary.Breaking > 0 && diff.Blocking ? ExitCodes.Breaking
        : diff.MetaErrors.Count > 0 ? ExitCodes.UsageOrParseError
        : ExitCodes.Compatible;

    public static string Verdict(DbtSyncUploadResponse upload)
    {
        var what = ExitCode(upload) switch
        {
            ExitCodes.Breaking => "BREAKING",
            ExitCodes.Compatible => "ok",
            _ => "partial",
        };
        return $"{what}: {upload.Assets.Created} created, {upload.Assets.Updated} updated, {upload.Assets.Skipped} skipped, {upload.Assets.Deleted} deleted; "
            + $"{upload.Contracts.Published} contracts published, {upload.Proposals.Created} proposals ({Pending(upload).Count} awaiting consumers), "
            + $"{upload.Dependencies.Synced} dependencies, {upload.Registrations.Created} registrations, {Warnings(upload).Count} warnings.";
    }

    public static string Verdict(DbtSyncDiffResponse diff) =>
        $"{(ExitCode(diff) == ExitCodes.Breaking ? "BREAKING" : diff.MetaErrors.Count > 0 ? "errors" : "ok")}: dry run, nothing written: "
        + $"{diff.Summary.New} new, {diff.Summary.Modified} modified, {diff.Summary.Unchanged} unchanged, {diff.Summary.Deleted} deleted, "
        + $"{diff.Summary.Breaking} breaking, {diff.MetaErrors.Count} meta errors.";

    public static string Render(string output, string file, string server, DbtSyncUploadResponse upload) => output switch
    {
        "json" => JsonSerializer.Serialize(upload, Indented) + "\n",
        "markdown" => Markdown($"### {Icon(ExitCode(upload))} Tessera sync dbt: {MarkdownReport.Cell(Verdict(upload))}", file, server,
            [.. upload.Proposals.Details.Select(p => $"| {(p.Status == "pending" ? "**PROPOSAL**" : "published")} | `{MarkdownReport.Code(p.Fqn)}` | "
                + $"{p.ProposedVersion} ({p.ChangeType}) | {p.BreakingChangesCount} breaking change(s) |")], Warnings(upload)),
        "github" => GitHub(file, [.. Pending(upload).Select(p => (p.Fqn,
            $"PROPOSAL {p.ProposedVersion} ({p.ChangeType}): {p.BreakingChangesCount} breaking change(s); consumers must acknowledge"))],
            Warnings(upload), Verdict(upload)),
        _ => Text(file, server, upload),
    };

    public static string Render(string output, string file, string server, DbtSyncDiffResponse diff) => output switch
    {
        "json" => JsonSerializer.Serialize(diff, Indented) + "\n",
        "markdown" => Markdown($"### {Icon(ExitCode(diff))} Tessera sync dbt (dry run): {MarkdownReport.Cell(Verdict(diff))}", file, server,
            [.. diff.Models.Where(m => m.ChangeType != "unchanged").Select(m => $"| {(m.SchemaChangeType == "breaking" ? "**BREAKING**" : m.ChangeType)} | "
                + $"`{MarkdownReport.Code(m.Fqn)}` | {m.SchemaChangeType} | {string.Join("<br>", Changes(m.BreakingChanges).Select(MarkdownReport.Cell))} |")],
            diff.MetaErrors),
        "github" => GitHub(file, [.. diff.Models.Where(m => m.SchemaChangeType == "breaking")
            .Select(m => (m.Fqn, "BREAKING: " + string.Join("; ", Changes(m.BreakingChanges))))], diff.MetaErrors, Verdict(diff)),
        _ => Text(file, server, diff),
    };

    private static string Text(string file, string server, DbtSyncUploadResponse upload)
    {
        var sb = new StringBuilder($"tessera sync dbt {file} -> {server}\n\n");
        foreach (var proposal in upload.Proposals.Details)
        {
            var marker = proposal.Status == "pending" ? "PROPOSAL" : "published";
            sb.Append($"  {marker,-10} {proposal.Fqn}  {proposal.ProposedVersion} ({proposal.ChangeType}), {proposal.BreakingChangesCount} breaking change(s)");
            sb.Append(proposal.Status == "pending" ? "; consumers must acknowledge\n" : ", no consumer to wait for\n");
        }

        foreach (var fqn in upload.Assets.DeletedFqns)
        {
            sb.Append($"  deleted    {fqn}\n");
        }

        foreach (var warning in Warnings(upload))
        {
            sb.Append($"  WARNING    {warning}\n");
        }

        return sb.Append('\n').Append(Verdict(upload)).Append('\n').ToString();
    }

    private static string Text(string file, string server, DbtSyncDiffResponse diff)
    {
        var sb = new StringBuilder($"tessera sync dbt {file} -> {server} (dry run)\n\n");
        foreach (var model in diff.Models.Where(m => m.ChangeType != "unchanged"))
        {
            var marker = model.SchemaChangeType == "breaking" ? "BREAKING" : model.ChangeType;
            sb.Append($"  {marker,-10} {model.Fqn}  ({model.NodeId}){(model.SchemaChangeType is "compatible" ? ", compatible schema change" : "")}\n");
            foreach (var change in Changes(model.BreakingChanges))
            {
                sb.Append("      ").Append(change).Append('\n');
            }
        }

        foreach (var error in diff.MetaErrors)
        {
            sb.Append($"  ERROR      {error}\n");
        }

        foreach (var warning in diff.Warnings)
        {
            sb.Append($"  WARNING    {warning}\n");
        }

        return sb.Append('\n').Append(Verdict(diff)).Append('\n').ToString();
    }

    private static string Markdown(string heading, string file, string server, IReadOnlyList<string> rows, IReadOnlyList<string> notes)
    {
        var sb = new StringBuilder(heading).Append("\n\n");
        sb.Append($"`{MarkdownReport.Code(file)}` → `{MarkdownReport.Code(server)}`\n");
        if (rows.Count > 0)
        {
            sb.Append("\n| outcome | asset | change | details |\n|---|---|---|---|\n");
            foreach (var row in rows)
            {
                sb.Append(row).Append('\n');
            }
        }

        foreach (var note in notes)
        {
            sb.Append("\n- :warning: ").Append(MarkdownReport.Cell(note));
        }

        return notes.Count > 0 ? sb.Append('\n').ToString() : sb.ToString();
    }

    private static string GitHub(string file, IReadOnlyList<(string Fqn, string Message)> errors, IReadOnlyList<string> warnings, string verdict)
    {
        var sb = new StringBuilder();
        foreach (var (fqn, message) in errors)
        {
            sb.Append($"::error file={GitHubAnnotations.Property(file)},title={GitHubAnnotations.Property(fqn)}::{GitHubAnnotations.Data(message)}\n");
        }

        foreach (var warning in warnings)
        {
            sb.Append($"::warning file={GitHubAnnotations.Property(file)}::{GitHubAnnotations.Data(warning)}\n");
        }

        return sb.Append(verdict).Append('\n').ToString();
    }

    private static IEnumerable<string> Changes(JsonArray changes) =>
        changes.OfType<JsonObject>().Select(c => (string?)c["path"] is { Length: > 0 } path
            ? $"{path}: {(string?)c["message"] ?? (string?)c["type"]}"
            : (string?)c["message"] ?? (string?)c["type"] ?? "changed");

    private static string Icon(int exit) => exit switch
    {
        ExitCodes.Breaking => ":x:",
        ExitCodes.Compatible => ":white_check_mark:",
        _ => ":warning:",
    };
}
using System.Text.Json.Nodes;

using Tessera.Cli.Reports;
using Tessera.Schemas;

namespace Tessera.Cli.Tests;

/// <summary>Hand-made findings and reports for the output tests (no format needed).</summary>
internal static class Findings
{
    public static Rule Rule(string type, Severity backward, Severity forward, string hint = "") =>
        new("jsonschema." + type, SchemaFormat.JsonSchema, type, type.Replace('_', ' '), backward, forward, ChangeType.Minor, "A test rule.", hint);

    public static Finding At(string path, string type, Severity backward, Severity forward = Severity.Safe, string hint = "", string? message = null) =>
        Finding.Create(Rule(type, backward, forward, hint), path, message ?? $"{type} at {path}", ChangeDirection.Data, backward, forward,
            JsonValue.Create("old"), null);

    public static DiffReport Report(CompatibilityMode mode, params Finding[] findings) =>
        new(new CompatibilityReport(mode, new DiffResult(SchemaFormat.JsonSchema, findings), []), SchemaFormat.JsonSchema, "old.json", "new.json");
}
using Tessera.Schemas;

namespace Tessera.Cli.Reports;

/// <summary>Everything an output format needs to print one <c>tessera diff</c> verdict.</summary>
/// <param name="Report">The engine's verdict.</param>
/// <param name="Format">The format the two files were read as.</param>
/// <param name="OldName">OLD as the user named it.</param>
/// <param name="NewName">NEW as the user named it (GitHub annotations point at it).</param>
public sealed record DiffReport(CompatibilityReport Report, SchemaFormat Format, string OldName, string NewName)
{
    public CompatibilityMode Mode => Report.Mode;

    /// <summary>Every finding: against the latest version, then (transitive modes) against older ones.</summary>
    public IReadOnlyList<Finding> Findings => [.. Report.Latest.Findings, .. Report.Transitive];

    public int Count(Severity severity) => Findings.Count(f => f.SeverityFor(Mode) == severity);

    /// <summary>"2 breaking, 1 dangerous, 3 safe" (unknown only when there is any).</summary>
    public string Counts()
    {
        var parts = new List<string> { $"{Count(Severity.Breaking)} breaking" };
        if (Count(Severity.Unknown) > 0)
        {
            parts.Add($"{Count(Severity.Unknown)} unknown");
        }

        parts.Add($"{Count(Severity.Dangerous)} dangerous");
        parts.Add($"{Count(Severity.Safe)} safe");
        return string.Join(", ", parts);
    }

    /// <summary>The one-line verdict shared by every human output.</summary>
    public string Verdict()
    {
        var what = Findings.Count == 0
            ? "no changes"
            : Report.IsCompatible ? "compatible" : "BREAKING";
        return $"{what} under {Mode.ToWire()} ({Format.ToWire()}): {Counts()}; change type {Report.ChangeType.ToWire()}.";
    }
}
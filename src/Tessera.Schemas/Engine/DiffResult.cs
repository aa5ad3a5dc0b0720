namespace Tessera.Schemas;

/// <summary>All findings between two versions of one contract, in deterministic order.</summary>
public sealed class DiffResult
{
    public DiffResult(SchemaFormat format, IEnumerable<Finding> findings)
    {
        Format = format;
        var sorted = findings.ToList();
        sorted.Sort(Finding.Order);
        Findings = sorted;
        ChangeType = Classify(sorted);
    }

    public SchemaFormat Format { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public bool HasChanges => Findings.Count > 0;

    /// <summary>
    /// patch / minor / major of the whole change. Like the original, this follows backward rules whatever the
    /// mode: any backward-blocking finding makes it major, otherwise the heaviest finding level wins.
    /// </summary>
    public ChangeType ChangeType { get; }

    public IReadOnlyList<Finding> BlockingFor(CompatibilityMode mode) =>
        Findings.Where(f => f.IsBlocking(mode)).ToList();

    public IReadOnlyList<Finding> NonBlockingFor(CompatibilityMode mode) =>
        Findings.Where(f => !f.IsBlocking(mode)).ToList();

    public bool IsCompatible(CompatibilityMode mode) => !Findings.Any(f => f.IsBlocking(mode));

    public static ChangeType Classify(IEnumerable<Finding> findings)
    {
        var level = ChangeType.Patch;
        foreach (var finding in findings)
        {
            var findingLevel = finding.Backward.IsBlocking() ? ChangeType.Major : finding.Level;
            if (findingLevel > level)
            {
                level = findingLevel;
            }
        }

        return level;
    }
}
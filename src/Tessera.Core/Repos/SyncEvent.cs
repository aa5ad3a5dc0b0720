namespace Tessera.Core.Repos;

/// <summary>One repository sync, successful or not (api.md §1.18).</summary>
public sealed class SyncEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid RepoId { get; set; }

    public bool Success { get; set; }

    public string? CommitSha { get; set; }

    public int SpecsFound { get; set; }

    public int ContractsPublished { get; set; }

    public int ProposalsCreated { get; set; }

    public int ServicesCreated { get; set; }

    public int AssetsCreated { get; set; }

    public int AssetsUpdated { get; set; }

    /// <summary>JSON array of error strings (per file, per publish).</summary>
    public string ErrorsJson { get; set; } = "[]";

    /// <summary>JSON array of warning strings.</summary>
    public string WarningsJson { get; set; } = "[]";

    public double? DurationSeconds { get; set; }

    /// <summary><c>worker</c> or <c>manual</c>.</summary>
    public string TriggeredBy { get; set; } = "worker";

    public DateTime CreatedAt { get; set; }
}
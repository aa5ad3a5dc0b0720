namespace Tessera.Core.Repos;

/// <summary>A git repository that Tessera clones and scans for spec files (api.md §1.3).</summary>
public sealed class Repo
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public required string GitUrl { get; set; }

    public string DefaultBranch { get; set; } = "main";

    /// <summary>JSON array of globs, directories or files relative to the repository root.</summary>
    public string SpecPathsJson { get; set; } = "[]";

    public Guid OwnerTeamId { get; set; }

    public bool SyncEnabled { get; set; } = true;

    public string? CodeownersPath { get; set; }

    /// <summary>Write-only: never returned by the API, never logged.</summary>
    public string? GitToken { get; set; }

    /// <summary>Write-only: never returned by the API, never logged.</summary>
    public string? SshKey { get; set; }

    public int PollIntervalSeconds { get; set; } = 300;

    public DateTime? LastSyncedAt { get; set; }

    public string? LastSyncedCommit { get; set; }

    public string? LastSyncError { get; set; }

    /// <summary>Who holds the sync lease (a server instance id); null when no sync runs.</summary>
    public string? SyncLeaseOwner { get; set; }

    /// <summary>When the sync lease lapses, so a crashed instance cannot block the repo for ever.</summary>
    public DateTime? SyncLeaseExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}
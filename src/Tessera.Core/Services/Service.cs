namespace Tessera.Core.Services;

/// <summary>A deployable service inside a repo; owns the assets found under its root path (api.md §1.4).</summary>
public sealed class Service
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public Guid RepoId { get; set; }

    public string RootPath { get; set; } = "/";

    public string? OtelServiceName { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}
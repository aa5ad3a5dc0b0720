using Tessera.Core.Common;

namespace Tessera.Core.Lineage;

/// <summary>An edge: <see cref="DependentAssetId"/> (downstream) depends on <see cref="DependencyAssetId"/> (upstream).</summary>
public sealed class Dependency
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DependentAssetId { get; set; }

    public Guid DependencyAssetId { get; set; }

    public DependencyType DependencyType { get; set; } = DependencyType.Consumes;

    public DependencySource Source { get; set; } = DependencySource.Manual;

    public double? Confidence { get; set; }

    public DateTime? LastObservedAt { get; set; }

    public int? CallCount { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}
using Tessera.Core.Common;

namespace Tessera.Core.Assets;

public sealed class Asset
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Fqn { get; set; }

    public string? Description { get; set; }

    public Guid OwnerTeamId { get; set; }

    public Guid? OwnerUserId { get; set; }

    public Guid? ServiceId { get; set; }

    public string Environment { get; set; } = "production";

    public ResourceType ResourceType { get; set; } = ResourceType.Other;

    public GuaranteeMode GuaranteeMode { get; set; } = GuaranteeMode.Notify;

    public SemverMode SemverMode { get; set; } = SemverMode.Auto;

    public string MetadataJson { get; set; } = "{}";

    public string TagsJson { get; set; } = "[]";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}
using Tessera.Core.Common;

namespace Tessera.Core.Registrations;

/// <summary>A consumer team registered on an asset, through the contract it registered on (DECISIONS §3.2).</summary>
public sealed class Registration
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ContractId { get; set; }

    /// <summary>The asset of <see cref="ContractId"/>, so a registration follows the asset across versions.</summary>
    public Guid AssetId { get; set; }

    public Guid ConsumerTeamId { get; set; }

    public string? PinnedVersion { get; set; }

    public RegistrationStatus Status { get; set; } = RegistrationStatus.Active;

    public DateTime RegisteredAt { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}
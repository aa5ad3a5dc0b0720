using Tessera.Core.Common;

namespace Tessera.Core.Proposals;

public sealed class Acknowledgment
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ProposalId { get; set; }

    public Guid ConsumerTeamId { get; set; }

    public Guid? AcknowledgedByUserId { get; set; }

    public AcknowledgmentResponse Response { get; set; }

    public DateTime? MigrationDeadline { get; set; }

    public DateTime RespondedAt { get; set; }

    public string? Notes { get; set; }
}
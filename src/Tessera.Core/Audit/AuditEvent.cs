namespace Tessera.Core.Audit;

/// <summary>One append-only audit row. Never updated or deleted.</summary>
public sealed class AuditEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string EntityType { get; set; }

    public Guid EntityId { get; set; }

    public required string Action { get; set; }

    public Guid? ActorId { get; set; }

    public string ActorType { get; set; } = "human";

    public string PayloadJson { get; set; } = "{}";

    public DateTime OccurredAt { get; set; }
}
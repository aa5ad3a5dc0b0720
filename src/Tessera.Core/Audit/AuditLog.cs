using System.Text.Json.Nodes;

using Tessera.Core.Access;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Audit;

/// <summary>Adds audit rows to the current unit of work, so they commit (or roll back) with the change they record.</summary>
public sealed class AuditLog(TesseraDbContext db, TimeProvider clock)
{
    public AuditEvent Record(string entityType, Guid entityId, string action, Caller? actor, JsonObject? payload = null) =>
        Record(entityType, entityId, action, actor?.TeamId, actor?.ActorType ?? "human", payload);

    public AuditEvent Record(string entityType, Guid entityId, string action, Guid? actorId, string actorType, JsonObject? payload = null)
    {
        var row = new AuditEvent
        {
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            ActorId = actorId,
            ActorType = actorType,
            PayloadJson = StoredJson.WriteObject(payload),
            OccurredAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AuditEvents.Add(row);
        return row;
    }
}
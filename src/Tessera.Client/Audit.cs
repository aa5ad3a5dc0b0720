using System.Text.Json.Nodes;

namespace Tessera.Client;

public sealed record AuditEventResponse(Guid Id, string EntityType, Guid EntityId, string Action, Guid? ActorId, string ActorType, JsonObject Payload, DateTime OccurredAt);
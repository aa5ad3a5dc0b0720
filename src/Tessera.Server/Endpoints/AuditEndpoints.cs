using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireRateLimitTier(RateLimitTier.Admin);
        audit.MapGet("/events", ListAsync);
        audit.MapGet("/events/{eventId}", GetAsync);
        audit.MapGet("/entities/{entityType}/{entityId}/history", HistoryAsync);
        return api;
    }

    private static async Task<PageResponse<AuditEventResponse>> ListAsync(HttpContext http, AuditTrail trail, [FromQuery(Name = "entity_type")] string? entityType, [FromQuery(Name = "entity_id")] Guid? entityId,
        string? action, [FromQuery(Name = "actor_id")] Guid? actorId, [FromQuery(Name = "actor_type")] string? actorType, DateTime? from, DateTime? to, [FromQuery(Name = "from_date")] DateTime? fromDate, [FromQuery(Name = "to_date")] DateTime? toDate, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(entityType, entityId, action, actorId, actorType, (from ?? fromDate)?.ToUniversalTime(), (to ?? toDate)?.ToUniversalTime());
        var page = await trail.ListAsync(http.Caller(), filter, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(ToResponse);
    }

    private static async Task<AuditEventResponse> GetAsync(HttpContext http, Guid eventId, AuditTrail trail, CancellationToken cancellationToken) =>
        ToResponse(await trail.GetAsync(http.Caller(), eventId, cancellationToken));

    private static async Task<PageResponse<AuditEventResponse>> HistoryAsync(HttpContext http, string entityType, Guid entityId, AuditTrail trail,
        int? limit, int? offset, CancellationToken cancellationToken)
    {
        var page = await trail.ListAsync(http.Caller(), new AuditFilter(entityType, entityId, null, null, null, null, null),
            PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(ToResponse);
    }

    private static AuditEventResponse ToResponse(AuditEvent e) =>
        new(e.Id, e.EntityType, e.EntityId, e.Action, e.ActorId, e.ActorType, StoredJson.ReadObject(e.PayloadJson), e.OccurredAt);
}
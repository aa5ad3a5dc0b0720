using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Audit;

public sealed record AuditFilter(string? EntityType, Guid? EntityId, string? Action, Guid? ActorId, string? ActorType, DateTime? From, DateTime? To);

/// <summary>Reads the audit trail (admin and read scopes). There is no way to change or delete an event.</summary>
public sealed class AuditTrail(TesseraDbContext db)
{
    public async Task<Page<AuditEvent>> ListAsync(Caller caller, AuditFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        Require(caller);
        var query = db.AuditEvents.AsNoTracking();
        if (filter.EntityType is { } type)
        {
            query = query.Where(e => e.EntityType == type);
        }

        if (filter.EntityId is { } id)
        {
            query = query.Where(e => e.EntityId == id);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (filter.ActorId is { } actor)
        {
            query = query.Where(e => e.ActorId == actor);
        }

        if (filter.ActorType is { } actorType)
        {
            query = query.Where(e => e.ActorType == actorType);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.OccurredAt <= to);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.OccurredAt).ThenBy(e => e.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        return new Page<AuditEvent>(rows, total, page.Limit, page.Offset);
    }

    public async Task<AuditEvent> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        Require(caller);
        return await db.AuditEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.NotFound, "Audit event not found");
    }

    private static void Require(Caller caller)
    {
        caller.Require(ApiScope.Admin);
        caller.Require(ApiScope.Read);
    }
}
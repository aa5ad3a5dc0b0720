using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Registrations;

public sealed record RegistrationView(Registration Registration, string? ConsumerTeamName);

/// <summary>
/// Consumer registrations. A registration is made on a contract but belongs to the contract's asset, so the
/// consumer stays a consumer of later versions (DECISIONS §3.2); one live registration per team and asset.
/// </summary>
public sealed partial class RegistrationService(TesseraDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Registration> CreateAsync(Caller caller, Guid? contractId, Guid? consumerTeamId, string? pinnedVersion, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var contract = contractId is { } cid
            ? await db.Contracts.FirstOrDefaultAsync(c => c.Id == cid, cancellationToken) ?? throw DomainException.NotFound(ErrorCodes.ContractNotFound, "Contract not found")
            : throw DomainException.Bad(ErrorCodes.InvalidInput, "contract_id is required (in the body or the query)");
        var teamId = consumerTeamId ?? throw DomainException.Invalid("consumer_team_id", "consumer_team_id is required", "missing");
        caller.RequireTeam(teamId, "the consumer team");
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }

        if (!await db.Assets.AnyAsync(a => a.Id == contract.AssetId && a.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.AssetNotFound, "The contract's asset was deleted");
        }

        ValidatePinned(pinnedVersion);
        if (await db.Registrations.AnyAsync(r => r.AssetId == contract.AssetId && r.ConsumerTeamId == teamId && r.DeletedAt == null, cancellationToken))
        {
            throw Duplicate();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var registration = new Registration
        {
            ContractId = contract.Id,
            AssetId = contract.AssetId,
            ConsumerTeamId = teamId,
            PinnedVersion = pinnedVersion,
            RegisteredAt = now,
            UpdatedAt = now,
        };
        db.Registrations.Add(registration);
        audit.Record("registration", registration.Id, "registration.created", caller, new JsonObject { ["contract_id"] = contract.Id.ToString(), ["asset_id"] = contract.AssetId.ToString() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw Duplicate();
        }

        return registration;
    }

    public async Task<Registration> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Registrations.FirstOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.RegistrationNotFound, "Registration not found");

    public async Task<Page<RegistrationView>> ListAsync(Guid? consumerTeamId, Guid? contractId, RegistrationStatus? status, Guid? assetId, PageRequest page,
        CancellationToken cancellationToken)
    {
        var query = db.Registrations.Where(r => r.DeletedAt == null);
        if (consumerTeamId is { } t)
        {
            query = query.Where(r => r.ConsumerTeamId == t);
        }

        if (contractId is { } c)
        {
            query = query.Where(r => r.ContractId == c);
        }

        if (assetId is { } a)
        {
            query = query.Where(r => r.AssetId == a);
        }

        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.RegisteredAt).ThenBy(r => r.Id).Skip(page.Offset).Take(page.Limit)
            .Select(r => new RegistrationView(r, db.Teams.Where(x => x.Id == r.ConsumerTeamId).Select(x => x.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new Page<RegistrationView>(rows, total, page.Limit, page.Offset);
    }

    public async Task<Registration> UpdateAsync(Caller caller, Guid id, string? pinnedVersion, RegistrationStatus? status, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var registration = await GetAsync(id, cancellationToken);
        caller.RequireTeam(registration.ConsumerTeamId, "this registration");
        ValidatePinned(pinnedVersion);
        var pinnedChanged = pinnedVersion is not null && pinnedVersion != registration.PinnedVersion;
        var statusChanged = status is { } st && st != registration.Status;
        registration.PinnedVersion = pinnedVersion ?? registration.PinnedVersion;
        registration.Status = status ?? registration.Status;
        registration.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("registration", registration.Id, "registration.updated", caller,
            new JsonObject { ["pinned_version_changed"] = pinnedChanged, ["status_changed"] = statusChanged });
        await db.SaveChangesAsync(cancellationToken);
        return registration;
    }

    public async Task DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var registration = await GetAsync(id, cancellationToken);
        caller.RequireTeam(registration.ConsumerTeamId, "this registration");
        registration.DeletedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("registration", registration.Id, "registration.deleted", caller, new JsonObject { ["contract_id"] = registration.ContractId.ToString() });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void ValidatePinned(string? pinnedVersion)
    {
        if (pinnedVersion is not null && !PinnedPattern().IsMatch(pinnedVersion))
        {
            throw DomainException.Invalid("pinned_version", "pinned_version must be X.Y.Z");
        }
    }

    private static DomainException Duplicate() =>
        DomainException.Conflict(ErrorCodes.DuplicateRegistration, "This team is already registered as a consumer of this asset");

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex PinnedPattern();
}
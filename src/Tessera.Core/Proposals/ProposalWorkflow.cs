using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Lineage;
using Tessera.Core.Persistence;
using Tessera.Core.Registrations;
using Tessera.Core.Users;

namespace Tessera.Core.Proposals;

public sealed record AcknowledgeRequest(Guid? ConsumerTeamId, AcknowledgmentResponse? Response, Guid? AcknowledgedByUserId, DateTime? MigrationDeadline, string? Notes);

public sealed record AcknowledgeOutcome(Acknowledgment Acknowledgment, Proposal Proposal, Contract? PublishedContract);

public sealed record ProposalStatusView(
    Proposal Proposal, string? AssetFqn, string? ProposedByName, IReadOnlyList<(Acknowledgment Ack, string? TeamName)> Acknowledgments,
    IReadOnlyList<(Guid TeamId, string TeamName, DateTime RegisteredAt)> PendingConsumers, int TotalConsumers, IReadOnlyList<ConsumerParty> Consumers);

public sealed record PendingItem(Proposal Proposal, string AssetFqn, string? ProposedByName, int TotalConsumers, int AcknowledgedCount);

public sealed record ProposalSummary(Proposal Proposal, string? AssetFqn, int AcknowledgmentCount, int TotalConsumers);

/// <summary>
/// The proposal lifecycle (api.md §3.5 with DECISIONS §3.4–3.7): acknowledge (all answered → published at
/// once; one blocked → rejected), withdraw, force (admin), publish, expire (manual and sweep), objections.
/// Every step takes the asset's lock, so parallel acknowledgments publish exactly once.
/// </summary>
public sealed class ProposalWorkflow(TesseraDbContext db, AuditLog audit, TimeProvider clock, ContractPublisher publisher, ProposalSettings settings)
{
    public async Task<Proposal> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Proposals.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.ProposalNotFound, "Proposal not found");

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(Caller caller, Guid proposalId, AcknowledgeRequest request, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var teamId = request.ConsumerTeamId ?? throw DomainException.Invalid("consumer_team_id", "consumer_team_id is required", "missing");
        var response = request.Response ?? throw DomainException.Invalid("response", "response is required: approved, blocked or migrating", "missing");
        if (request.Notes is { Length: > 2000 })
        {
            throw DomainException.Invalid("notes", "notes must be at most 2000 characters");
        }

        if (!caller.Acts(teamId))
        {
            throw DomainException.Forbidden(ErrorCodes.Forbidden, "You can only acknowledge for your own team",
                new Dictionary<string, object?> { ["code"] = ErrorCodes.InsufficientPermissions });
        }

        if (request.AcknowledgedByUserId is { } userId)
        {
            await db.RequireActiveUserAsync(userId, cancellationToken);
        }

        var assetId = await db.Proposals.Where(p => p.Id == proposalId).Select(p => (Guid?)p.AssetId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ProposalNotFound, "Proposal not found");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await AcknowledgeLockedAsync(caller, proposalId, assetId, teamId, response, request, cancellationToken);
            }
            catch (Exception e) when (attempt < 5 && DatabaseErrors.IsTransient(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<AcknowledgeOutcome> AcknowledgeLockedAsync(Caller caller, Guid proposalId, Guid assetId, Guid teamId, AcknowledgmentResponse response,
        AcknowledgeRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, assetId, cancellationToken);
        var proposal = await db.Proposals.FirstAsync(p => p.Id == proposalId, cancellationToken);
        EnsurePending(proposal);
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }

        var consumers = await ConsumerTeamsAsync(assetId, cancellationToken);
        if (!consumers.Any(c => c.TeamId == teamId))
        {
            throw DomainException.Forbidden(ErrorCodes.UnauthorizedTeam, "Only teams registered as active consumers of this asset can acknowledge");
        }

        if (await db.Acknowledgments.AnyAsync(a => a.ProposalId == proposalId && a.ConsumerTeamId == teamId, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateAcknowledgment, "This team has already acknowledged this proposal");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ack = new Acknowledgment
        {
            ProposalId = proposalId,
            ConsumerTeamId = teamId,
            AcknowledgedByUserId = request.AcknowledgedByUserId,
            Response = response,
            MigrationDeadline = request.MigrationDeadline?.ToUniversalTime(),
            Notes = request.Notes,
            RespondedAt = now,
        };
        db.Acknowledgments.Add(ack);
        audit.Record("proposal", proposalId, "proposal.acknowledged", caller, new JsonObject
        {
            ["consumer_team_id"] = teamId.ToString(),
            ["response"] = response.ToWire(),
            ["notes"] = request.Notes,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateAcknowledgment, "This team has already acknowledged this proposal");
        }

        Contract? published = null;
        if (response == AcknowledgmentResponse.Blocked)
        {
            Resolve(proposal, ProposalStatus.Rejected);
            audit.Record("proposal", proposalId, "proposal.rejected", caller, new JsonObject { ["blocked_by"] = teamId.ToString(), ["reason"] = request.Notes });
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            var answered = await db.Acknowledgments.Where(a => a.ProposalId == proposalId).Select(a => a.ConsumerTeamId).ToListAsync(cancellationToken);
            if (consumers.All(c => answered.Contains(c.TeamId)))
            {
                proposal.Status = ProposalStatus.Approved;
                audit.Record("proposal", proposalId, "proposal.approved", caller, new JsonObject { ["acknowledged_count"] = answered.Count, ["auto_approved"] = true });
                published = await PublishApprovedAsync(caller, proposal, proposal.ProposedBy, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new AcknowledgeOutcome(ack, proposal, published);
    }

    public async Task<Proposal> WithdrawAsync(Caller caller, Guid proposalId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        return await TransitionAsync(proposalId, cancellationToken, async proposal =>
        {
            if (!caller.Acts(proposal.ProposedBy))
            {
                throw DomainException.Forbidden(ErrorCodes.Forbidden, "Only the proposing team can withdraw this proposal",
                    new Dictionary<string, object?> { ["code"] = ErrorCodes.InsufficientPermissions });
            }

            EnsurePending(proposal);
            Resolve(proposal, ProposalStatus.Withdrawn);
            var fqn = await db.Assets.Where(a => a.Id == proposal.AssetId).Select(a => a.Fqn).FirstOrDefaultAsync(cancellationToken);
            audit.Record("proposal", proposal.Id, "proposal.withdrawn", caller, new JsonObject { ["asset_id"] = proposal.AssetId.ToString(), ["asset_fqn"] = fqn });
        });
    }

    /// <summary>
    /// Force-approves a pending proposal (admin only). DECISIONS §3.7 wants a reason of at least 10 characters and
    /// §2 says the call needs no body or query (the official SDK sends neither), so the reason is optional: when
    /// given (query or body) it must be 10–500 characters; when absent the audit event says so explicitly
    /// (<c>reason: null, reason_given: false</c>). <paramref name="actorTeamId"/> is the original's <c>actor_id</c>
    /// query: optional, it must name an active team and is recorded as the team the admin acted for.
    /// </summary>
    public async Task<Proposal> ForceAsync(Caller caller, Guid proposalId, string? reason, Guid? actorTeamId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var text = reason is null ? null : ForceReason.Validate(reason, "reason");

        if (actorTeamId is { } actor && !await db.Teams.AnyAsync(t => t.Id == actor && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team named by actor_id not found");
        }

        return await TransitionAsync(proposalId, cancellationToken, proposal =>
        {
            EnsurePending(proposal);
            proposal.Status = ProposalStatus.Approved;
            proposal.ResolvedAt = clock.GetUtcNow().UtcDateTime;
            proposal.UpdatedAt = proposal.ResolvedAt.Value;
            audit.Record("proposal", proposal.Id, "proposal.force_approved", caller, new JsonObject
            {
                ["reason"] = text,
                ["reason_given"] = text is not null,
                ["actor_team_id"] = (actorTeamId ?? caller.TeamId).ToString(),
                ["api_key_id"] = caller.ApiKeyId?.ToString(),
                ["warning"] = text is null
                    ? "Proposal was force-approved by an administrator without a reason and without every consumer's acknowledgment."
                    : "Proposal was force-approved by an administrator without every consumer's acknowledgment.",
            });
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Publishes an approved proposal. The request is checked before the proposal's state: the version's shape, the
    /// publishing team (existing, and the caller's unless admin) and the publishing user (existing, active). Only the
    /// asset's owner team or the proposing team may publish (admin bypasses).
    /// </summary>
    public async Task<(Proposal Proposal, Contract Contract, Guid? DeprecatedContractId)> PublishAsync(Caller caller, Guid proposalId, string? version,
        Guid? publishedBy, Guid? publishedByUserId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        if (version is not null && !Schemas.Versioning.VersionPolicy.IsAcceptedVersionString(version))
        {
            throw DomainException.Invalid("version", "version must be semantic: X.Y.Z with optional -prerelease and +build, 5–50 characters", "value_error.str.regex");
        }

        var team = publishedBy ?? caller.TeamId;
        if (!await db.Teams.AnyAsync(t => t.Id == team && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Publishing team not found");
        }

        caller.RequireTeam(team, "the publishing team");
        if (publishedByUserId is { } userId)
        {
            await db.RequireActiveUserAsync(userId, cancellationToken);
        }

        Contract? contract = null;
        Guid? deprecated = null;
        var proposal = await TransitionAsync(proposalId, cancellationToken, async p =>
        {
            var owner = await db.Assets.Where(a => a.Id == p.AssetId).Select(a => a.OwnerTeamId).FirstAsync(cancellationToken);
            if (!caller.Acts(owner) && !caller.Acts(p.ProposedBy))
            {
                throw DomainException.Forbidden(ErrorCodes.UnauthorizedTeam, "Only the asset's owner team or the proposing team can publish this proposal");
            }

            if (p.Status == ProposalStatus.Published)
            {
                throw DomainException.Bad(ErrorCodes.ProposalNotPending, "Proposal is already published");
            }

            if (p.Status != ProposalStatus.Approved)
            {
                throw DomainException.Bad(ErrorCodes.ProposalNotPending, $"Proposal is {p.Status.ToWire()}; only approved proposals can be published");
            }

            if (version is not null)
            {
                p.ProposedVersion = version;
            }

            deprecated = await db.Contracts.Where(c => c.AssetId == p.AssetId && c.Status == ContractStatus.Active).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            contract = await PublishApprovedAsync(caller, p, team, cancellationToken, publishedByUserId);
        });
        return (proposal, contract!, deprecated);
    }

    public async Task<Proposal> ExpireAsync(Caller caller, Guid proposalId, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        return await TransitionAsync(proposalId, cancellationToken, async proposal =>
        {
            var owner = await db.Assets.Where(a => a.Id == proposal.AssetId).Select(a => a.OwnerTeamId).FirstAsync(cancellationToken);
            if (!caller.Acts(proposal.ProposedBy) && !caller.Acts(owner))
            {
                throw DomainException.Forbidden(ErrorCodes.Forbidden, "Only the proposing team or the asset owner can expire this proposal");
            }

            EnsurePending(proposal);
            Resolve(proposal, ProposalStatus.Expired);
            audit.Record("proposal", proposal.Id, "proposal.expired", caller, new JsonObject
            {
                ["expires_at"] = proposal.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["auto_expire"] = proposal.AutoExpire,
                ["manual"] = true,
            });
        });
    }

    /// <summary>Expires every pending proposal whose <c>expires_at</c> has passed. Safe with several server processes.</summary>
    public async Task<IReadOnlyList<Guid>> ExpireDueAsync(Caller? caller, CancellationToken cancellationToken)
    {
        if (caller is not null)
        {
            caller.Require(ApiScope.Admin);
        }

        if (!settings.AutoExpireEnabled)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Proposals.Where(p => p.Status == ProposalStatus.Pending && p.ExpiresAt != null && p.ExpiresAt <= now)
            .OrderBy(p => p.ExpiresAt).Select(p => p.Id).Take(500).ToListAsync(cancellationToken);
        var expired = new List<Guid>();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            try
            {
                await TransitionAsync(id, cancellationToken, proposal =>
                {
                    if (proposal.Status != ProposalStatus.Pending)
                    {
                        return Task.CompletedTask;
                    }

                    Resolve(proposal, ProposalStatus.Expired);
                    audit.Record("proposal", proposal.Id, "proposal.expired", caller?.TeamId, caller?.ActorType ?? "system", new JsonObject
                    {
                        ["expires_at"] = proposal.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        ["auto_expire"] = true,
                    });
                    expired.Add(proposal.Id);
                    return Task.CompletedTask;
                });
            }
            catch (DomainException)
            {
                // Resolved by someone else meanwhile.
            }
        }

        return expired;
    }

    public async Task<(Proposal Proposal, JsonObject Objection, int Total, string? AssetFqn)> ObjectAsync(Caller caller, Guid proposalId, Guid? objectorTeamId,
        Guid? objectorUserId, string? reason, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var teamId = objectorTeamId ?? throw DomainException.Invalid("objector_team_id", "objector_team_id is required", "missing");
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > 1000)
        {
            throw DomainException.Invalid("reason", "reason must be 1–1000 characters");
        }

        caller.RequireTeam(teamId, "the objecting team");
        var teamName = await db.Teams.Where(t => t.Id == teamId && t.DeletedAt == null).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        var userName = objectorUserId is { } userId ? await db.RequireActiveUserAsync(userId, cancellationToken) : null;
        JsonObject objection = [];
        var total = 0;
        string? fqn = null;
        var proposal = await TransitionAsync(proposalId, cancellationToken, async p =>
        {
            EnsurePending(p);
            fqn = await db.Assets.Where(a => a.Id == p.AssetId).Select(a => a.Fqn).FirstOrDefaultAsync(cancellationToken);
            var affected = StoredJson.ReadArray(p.AffectedTeamsJson).Select(t => (string?)t?["team_id"]).ToHashSet();
            if (!affected.Contains(teamId.ToString()))
            {
                throw DomainException.Forbidden(ErrorCodes.Forbidden, "Only teams affected through lineage can object to this proposal",
                    new Dictionary<string, object?> { ["code"] = "NOT_AFFECTED_TEAM" });
            }

            var objections = StoredJson.ReadArray(p.ObjectionsJson);
            if (objections.Any(o => (string?)o?["team_id"] == teamId.ToString()))
            {
                throw DomainException.Conflict(ErrorCodes.DuplicateAcknowledgment, "This team has already objected to this proposal");
            }

            objection = new JsonObject
            {
                ["team_id"] = teamId.ToString(),
                ["team_name"] = teamName,
                ["reason"] = text,
                ["objected_at"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["objected_by_user_id"] = objectorUserId?.ToString(),
                ["objected_by_user_name"] = userName,
            };
            objections.Add(objection.DeepClone());
            total = objections.Count;
            p.ObjectionsJson = StoredJson.Write(objections);
            p.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("proposal", p.Id, "proposal.objection_filed", caller, new JsonObject
            {
                ["reason"] = text,
                ["asset_id"] = p.AssetId.ToString(),
                ["asset_fqn"] = fqn,
            });
        });
        return (proposal, objection, total, fqn);
    }

    public async Task<Page<ProposalSummary>> ListAsync(Guid? assetId, ProposalStatus? status, VersionChange? changeType, Guid? proposedBy, Guid? consumerTeamId,
        Guid? pendingAckFor, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Proposals.AsQueryable();
        if (assetId is { } a)
        {
            query = query.Where(p => p.AssetId == a);
        }

        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (changeType is { } ct)
        {
            query = query.Where(p => p.ChangeType == ct);
        }

        if (proposedBy is { } pb)
        {
            query = query.Where(p => p.ProposedBy == pb);
        }

        if (consumerTeamId is { } ctid)
        {
            query = query.Where(p => db.Registrations.Any(r => r.AssetId == p.AssetId && r.ConsumerTeamId == ctid && r.DeletedAt == null && r.Status == RegistrationStatus.Active));
        }

        if (pendingAckFor is { } paf)
        {
            query = query.Where(p => p.Status == ProposalStatus.Pending
                && db.Registrations.Any(r => r.AssetId == p.AssetId && r.ConsumerTeamId == paf && r.DeletedAt == null && r.Status == RegistrationStatus.Active)
                && !db.Acknowledgments.Any(k => k.ProposalId == p.Id && k.ConsumerTeamId == paf));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(p => p.ProposedAt).ThenBy(p => p.Id).Skip(page.Offset).Take(page.Limit)
            .Select(p => new ProposalSummary(p,
                db.Assets.Where(x => x.Id == p.AssetId).Select(x => x.Fqn).FirstOrDefault(),
                db.Acknowledgments.Count(k => k.ProposalId == p.Id),
                db.Registrations.Count(r => r.AssetId == p.AssetId && r.DeletedAt == null && r.Status == RegistrationStatus.Active)))
            .ToListAsync(cancellationToken);
        return new Page<ProposalSummary>(rows, total, page.Limit, page.Offset);
    }

    public async Task<ProposalStatusView> StatusAsync(Guid proposalId, CancellationToken cancellationToken)
    {
        var proposal = await GetAsync(proposalId, cancellationToken);
        var fqn = await db.Assets.Where(a => a.Id == proposal.AssetId).Select(a => a.Fqn).FirstOrDefaultAsync(cancellationToken);
        var proposer = await db.Teams.Where(t => t.Id == proposal.ProposedBy).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var acks = await (from k in db.Acknowledgments
                          join t in db.Teams on k.ConsumerTeamId equals t.Id
                          where k.ProposalId == proposalId
                          orderby k.RespondedAt
                          select new { k, t.Name }).ToListAsync(cancellationToken);
        var parties = await AffectedParties.ConsumersAsync(db, proposal.AssetId, cancellationToken);
        var consumers = parties.Select(c => (c.TeamId, c.TeamName, c.RegisteredAt)).ToList();
        var answered = acks.Select(a => a.k.ConsumerTeamId).ToHashSet();
        return new ProposalStatusView(proposal, fqn, proposer, [.. acks.Select(a => (a.k, (string?)a.Name))],
            [.. consumers.Where(c => !answered.Contains(c.TeamId))], consumers.Count, parties);
    }

    public async Task<Page<PendingItem>> PendingForTeamAsync(Caller caller, Guid teamId, ProposalStatus status, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Read);
        if (!caller.Acts(teamId))
        {
            throw DomainException.Forbidden(ErrorCodes.Forbidden, "You can only see your own team's pending proposals");
        }

        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Proposals.Where(p => p.Status == status
            && (p.ExpiresAt == null || p.ExpiresAt > now)
            && db.Registrations.Any(r => r.AssetId == p.AssetId && r.ConsumerTeamId == teamId && r.DeletedAt == null && r.Status == RegistrationStatus.Active)
            && !db.Acknowledgments.Any(k => k.ProposalId == p.Id && k.ConsumerTeamId == teamId));
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(p => p.ProposedAt).ThenBy(p => p.Id).Skip(page.Offset).Take(page.Limit)
            .Select(p => new PendingItem(p,
                db.Assets.Where(x => x.Id == p.AssetId).Select(x => x.Fqn).First(),
                db.Teams.Where(x => x.Id == p.ProposedBy).Select(x => x.Name).FirstOrDefault(),
                db.Registrations.Count(r => r.AssetId == p.AssetId && r.DeletedAt == null && r.Status == RegistrationStatus.Active),
                db.Acknowledgments.Count(k => k.ProposalId == p.Id)))
            .ToListAsync(cancellationToken);
        return new Page<PendingItem>(rows, total, page.Limit, page.Offset);
    }

    private async Task<Contract> PublishApprovedAsync(Caller caller, Proposal proposal, Guid publishedBy, CancellationToken cancellationToken,
        Guid? publishedByUserId = null)
    {
        var asset = await db.Assets.FirstAsync(a => a.Id == proposal.AssetId, cancellationToken);
        var current = await db.Contracts.Where(c => c.AssetId == proposal.AssetId && c.Status == ContractStatus.Active).FirstOrDefaultAsync(cancellationToken);
        var version = proposal.ProposedVersion;
        if (await db.Contracts.AnyAsync(c => c.AssetId == proposal.AssetId && c.Version == version, cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateContractVersion, $"Version {version} already exists for this asset; publish with another version");
        }

        var draft = new ContractDraft(version, proposal.ProposedSchemaJson, proposal.ProposedSourceJson, proposal.SchemaFormat, proposal.CompatibilityMode,
            proposal.ProposedGuaranteesJson is null ? null : StoredJson.ReadObject(proposal.ProposedGuaranteesJson),
            StoredJson.ReadObject(proposal.FieldDescriptionsJson), StoredJson.ReadObject(proposal.FieldTagsJson), publishedBy,
            publishedByUserId ?? proposal.ProposedByUserId, proposal.SourceDocumentId, proposal.SourceSelector);
        var contract = await publisher.WriteContractAsync(caller, asset, current, draft, "contract.published", new JsonObject
        {
            ["change_type"] = proposal.ChangeType.ToWire(),
            ["force"] = false,
            ["from_proposal_id"] = proposal.Id.ToString(),
        }, cancellationToken);
        Resolve(proposal, ProposalStatus.Published);
        proposal.PublishedContractId = contract.Id;
        audit.Record("proposal", proposal.Id, "proposal.published", caller, new JsonObject { ["contract_id"] = contract.Id.ToString(), ["version"] = version });
        await db.SaveChangesAsync(cancellationToken);
        return contract;
    }

    private async Task<Proposal> TransitionAsync(Guid proposalId, CancellationToken cancellationToken, Func<Proposal, Task> change)
    {
        var assetId = await db.Proposals.Where(p => p.Id == proposalId).Select(p => (Guid?)p.AssetId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ProposalNotFound, "Proposal not found");
        await using var transaction = await WriteLock.BeginAsync(db, assetId, cancellationToken);
        var proposal = await db.Proposals.FirstAsync(p => p.Id == proposalId, cancellationToken);
        await change(proposal);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return proposal;
    }

    /// <summary>The teams that must answer: one entry per active consumer team (registrations follow the asset).</summary>
    private async Task<List<(Guid TeamId, string TeamName, DateTime RegisteredAt)>> ConsumerTeamsAsync(Guid assetId, CancellationToken cancellationToken) =>
        [.. (await AffectedParties.ConsumersAsync(db, assetId, cancellationToken)).Select(c => (c.TeamId, c.TeamName, c.RegisteredAt))];

    private void Resolve(Proposal proposal, ProposalStatus status)
    {
        proposal.Status = status;
        proposal.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        proposal.UpdatedAt = proposal.ResolvedAt.Value;
    }

    private static void EnsurePending(Proposal proposal)
    {
        if (proposal.Status != ProposalStatus.Pending)
        {
            throw DomainException.Bad(ErrorCodes.ProposalNotPending, $"Proposal is {proposal.Status.ToWire()}, not pending");
        }
    }
}
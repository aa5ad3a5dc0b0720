using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Lineage;
using Tessera.Core.Proposals;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class ProposalEndpoints
{
    public static RouteGroupBuilder MapProposalEndpoints(this RouteGroupBuilder api)
    {
        var proposals = api.MapGroup("/proposals").WithTags("Proposals");
        proposals.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        proposals.MapPost("/expire-pending", ExpirePendingAsync).RequireRateLimitTier(RateLimitTier.Write);
        proposals.MapGet("/pending/{teamId}", PendingAsync).RequireRateLimitTier(RateLimitTier.Read);
        proposals.MapGet("/{proposalId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        proposals.MapGet("/{proposalId}/status", StatusAsync).RequireRateLimitTier(RateLimitTier.Read);
        proposals.MapPost("/{proposalId}/acknowledge", AcknowledgeAsync).RequireRateLimitTier(RateLimitTier.Write);
        proposals.MapPost("/{proposalId}/withdraw", WithdrawAsync).RequireRateLimitTier(RateLimitTier.Write);
        proposals.MapPost("/{proposalId}/object", ObjectAsync).RequireRateLimitTier(RateLimitTier.Write);
        proposals.MapPost("/{proposalId}/force", ForceAsync).RequireRateLimitTier(RateLimitTier.Admin);
        proposals.MapPost("/{proposalId}/publish", PublishAsync).RequireRateLimitTier(RateLimitTier.Write);
        proposals.MapPost("/{proposalId}/expire", ExpireAsync).RequireRateLimitTier(RateLimitTier.Write);
        return api;
    }

    private static async Task<PageResponse<JsonObject>> ListAsync(HttpContext http, ProposalWorkflow workflow, [FromQuery(Name = "asset_id")] Guid? assetId,
        string? status, [FromQuery(Name = "change_type")] string? changeType, [FromQuery(Name = "proposed_by")] Guid? proposedBy,
        [FromQuery(Name = "consumer_team_id")] Guid? consumerTeamId, [FromQuery(Name = "pending_ack_for")] Guid? pendingAckFor, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await workflow.ListAsync(assetId, WireMapping.Enum<ProposalStatus>(status, "status"), WireMapping.Enum<VersionChange>(changeType, "change_type"),
            proposedBy, consumerTeamId, pendingAckFor, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(s => new JsonObject
        {
            ["id"] = s.Proposal.Id.ToString(),
            ["asset_id"] = s.Proposal.AssetId.ToString(),
            ["asset_fqn"] = s.AssetFqn,
            ["status"] = s.Proposal.Status.ToWire(),
            ["change_type"] = s.Proposal.ChangeType.ToWire(),
            ["breaking_changes_count"] = StoredJson.ReadArray(s.Proposal.BreakingChangesJson).Count,
            ["proposed_by"] = s.Proposal.ProposedBy.ToString(),
            ["proposed_at"] = ContractWire.Node(s.Proposal.ProposedAt),
            ["proposed_version"] = s.Proposal.ProposedVersion,
            ["acknowledgment_count"] = s.AcknowledgmentCount,
            ["total_consumers"] = s.TotalConsumers,
        });
    }

    private static async Task<JsonObject> PendingAsync(HttpContext http, Guid teamId, ProposalWorkflow workflow, string? status, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        var page = await workflow.PendingForTeamAsync(http.Caller(), teamId, WireMapping.Enum<ProposalStatus>(status, "status") ?? ProposalStatus.Pending,
            PageRequest.Create(limit, offset), cancellationToken);
        return new JsonObject
        {
            ["pending_proposals"] = new JsonArray([.. page.Results.Select(i => (JsonNode)new JsonObject
            {
                ["proposal_id"] = i.Proposal.Id.ToString(),
                ["asset_id"] = i.Proposal.AssetId.ToString(),
                ["asset_fqn"] = i.AssetFqn,
                ["proposed_by_team"] = i.ProposedByName,
                ["proposed_at"] = ContractWire.Node(i.Proposal.ProposedAt),
                ["expires_at"] = ContractWire.Node(i.Proposal.ExpiresAt),
                ["breaking_changes_summary"] = new JsonArray([.. StoredJson.ReadArray(i.Proposal.BreakingChangesJson).Select(b => (JsonNode?)(string?)b?["message"])]),
                ["total_consumers"] = i.TotalConsumers,
                ["acknowledged_count"] = i.AcknowledgedCount,
                ["your_team_status"] = "AWAITING_RESPONSE",
            })]),
            ["total"] = page.Total,
            ["limit"] = page.Limit,
            ["offset"] = page.Offset,
        };
    }

    private static async Task<JsonObject> GetAsync(HttpContext http, Guid proposalId, ProposalWorkflow workflow, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var view = await workflow.StatusAsync(proposalId, cancellationToken);
        var json = ContractWire.Node(view.Proposal.ToResponse(AffectedParties.ConsumersJson(view.Consumers)))!.AsObject();
        foreach (var (key, value) in StatusFields(view))
        {
            if (!json.ContainsKey(key))
            {
                json[key] = value?.DeepClone();
            }
        }

        return json;
    }

    private static async Task<JsonObject> StatusAsync(HttpContext http, Guid proposalId, ProposalWorkflow workflow, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var view = await workflow.StatusAsync(proposalId, cancellationToken);
        var json = StatusFields(view);
        var proposal = ContractWire.Node(view.Proposal.ToResponse(AffectedParties.ConsumersJson(view.Consumers)))!.AsObject();
        foreach (var key in new[] { "asset_id", "change_type", "breaking_changes", "status", "proposed_at", "resolved_at", "expires_at", "auto_expire",
            "proposed_schema", "affected_teams", "affected_assets", "affected_consumers", "objections", "has_objections", "proposed_version" })
        {
            json[key] = proposal[key]?.DeepClone();
        }

        json["proposed_by"] = new JsonObject { ["team_id"] = view.Proposal.ProposedBy.ToString(), ["team_name"] = view.ProposedByName, ["user_id"] = view.Proposal.ProposedByUserId?.ToString(), ["user_name"] = null };
        json["proposal"] = proposal;
        return json;
    }

    private static JsonObject StatusFields(ProposalStatusView view)
    {
        var acknowledged = view.Acknowledgments.Count;
        var blocked = view.Acknowledgments.Count(a => a.Ack.Response == Core.Common.AcknowledgmentResponse.Blocked);
        return new JsonObject
        {
            ["proposal_id"] = view.Proposal.Id.ToString(),
            ["asset_fqn"] = view.AssetFqn,
            ["consumers"] = new JsonObject { ["total"] = view.TotalConsumers, ["acknowledged"] = acknowledged, ["pending"] = view.PendingConsumers.Count, ["blocked"] = blocked },
            ["required_acknowledgments"] = view.TotalConsumers,
            ["received_acknowledgments"] = acknowledged,
            ["acknowledgments"] = new JsonArray([.. view.Acknowledgments.Select(a => (JsonNode)new JsonObject
            {
                ["consumer_team_id"] = a.Ack.ConsumerTeamId.ToString(),
                ["consumer_team_name"] = a.TeamName,
                ["acknowledged_by_user_id"] = a.Ack.AcknowledgedByUserId?.ToString(),
                ["response"] = a.Ack.Response.ToWire(),
                ["responded_at"] = ContractWire.Node(a.Ack.RespondedAt),
                ["notes"] = a.Ack.Notes,
            })]),
            ["acknowledged_consumers"] = new JsonArray([.. view.Acknowledgments.Select(a => (JsonNode)new JsonObject { ["team_id"] = a.Ack.ConsumerTeamId.ToString(), ["team_name"] = a.TeamName, ["response"] = a.Ack.Response.ToWire() })]),
            ["pending_consumers"] = new JsonArray([.. view.PendingConsumers.Select(c => (JsonNode)new JsonObject
            {
                ["team_id"] = c.TeamId.ToString(),
                ["team_name"] = c.TeamName,
                ["registered_at"] = ContractWire.Node(c.RegisteredAt),
            })]),
            ["audit_status"] = null,
            ["warnings"] = new JsonArray(),
        };
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext http, Guid proposalId, Client.AcknowledgeRequest body, ProposalWorkflow workflow,
        CancellationToken cancellationToken)
    {
        var outcome = await workflow.AcknowledgeAsync(http.Caller(), proposalId, new Core.Proposals.AcknowledgeRequest(body.ConsumerTeamId,
            WireMapping.Enum<Core.Common.AcknowledgmentResponse>(body.Response, "response"), body.AcknowledgedByUserId, body.MigrationDeadline, body.Notes), cancellationToken);
        return TypedResults.Created($"/api/v1/proposals/{proposalId}", outcome.Acknowledgment.ToResponse(outcome.Proposal));
    }

    private static async Task<ProposalResponse> WithdrawAsync(HttpContext http, Guid proposalId, ProposalWorkflow workflow, CancellationToken cancellationToken) =>
        (await workflow.WithdrawAsync(http.Caller(), proposalId, cancellationToken)).ToResponse();

    private static async Task<IResult> ObjectAsync(HttpContext http, Guid proposalId, ObjectionRequest body, ProposalWorkflow workflow,
        [FromQuery(Name = "objector_team_id")] Guid? objectorTeamId, [FromQuery(Name = "objector_user_id")] Guid? objectorUserId, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var (proposal, objection, total, fqn) = await workflow.ObjectAsync(caller, proposalId, objectorTeamId ?? caller.TeamId, objectorUserId, body.Reason, cancellationToken);
        return TypedResults.Json(new JsonObject
        {
            ["action"] = "objection_filed",
            ["proposal_id"] = proposal.Id.ToString(),
            ["asset_fqn"] = fqn,
            ["objection"] = objection,
            ["total_objections"] = total,
            ["note"] = "Objections are recorded and shown to the producer; they do not block the proposal.",
        }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Admin only. No body or query is needed (the SDK sends none); an optional <c>reason</c> (query or body, 10–500
    /// characters) is audited, and so is its absence. <c>actor_id</c> (the original's query) may name the team acted for.
    /// </summary>
    private static async Task<ProposalResponse> ForceAsync(HttpContext http, Guid proposalId, ProposalWorkflow workflow, string? reason,
        [FromQuery(Name = "actor_id")] Guid? actorId, CancellationToken cancellationToken)
    {
        var body = await OptionalBody.ReadAsync<ForceRequest>(http, cancellationToken);
        return (await workflow.ForceAsync(http.Caller(), proposalId, reason ?? body?.Reason, actorId, cancellationToken)).ToResponse();
    }

    private static async Task<JsonObject> PublishAsync(HttpContext http, Guid proposalId, ProposalWorkflow workflow, CancellationToken cancellationToken)
    {
        var body = await OptionalBody.ReadAsync<PublishProposalRequest>(http, cancellationToken);
        var (proposal, contract, deprecated) = await workflow.PublishAsync(http.Caller(), proposalId, body?.Version, body?.PublishedBy, body?.PublishedByUserId,
            cancellationToken);
        var json = ContractWire.Node(contract.ToResponse())!.AsObject();
        json["action"] = "published";
        json["proposal_id"] = proposal.Id.ToString();
        json["contract"] = ContractWire.Node(contract.ToResponse());
        json["deprecated_contract_id"] = deprecated?.ToString();
        json["message"] = $"Published version {contract.Version} from proposal {proposal.Id}.";
        return json;
    }

    private static async Task<ProposalResponse> ExpireAsync(HttpContext http, Guid proposalId, ProposalWorkflow workflow, CancellationToken cancellationToken) =>
        (await workflow.ExpireAsync(http.Caller(), proposalId, cancellationToken)).ToResponse();

    private static async Task<JsonObject> ExpirePendingAsync(HttpContext http, ProposalWorkflow workflow, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (!caller.IsAdmin)
        {
            throw DomainException.Forbidden(ErrorCodes.Forbidden, "Only administrators can run the expiry sweep");
        }

        var expired = await workflow.ExpireDueAsync(caller, cancellationToken);
        return new JsonObject { ["expired_count"] = expired.Count, ["expired_proposal_ids"] = new JsonArray([.. expired.Select(id => (JsonNode)id.ToString())]) };
    }
}
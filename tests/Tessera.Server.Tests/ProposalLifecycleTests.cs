using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class ProposalLifecycleTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    /// <summary>An asset with v1, one registered consumer and a pending breaking proposal.</summary>
    private async Task<(Actor Owner, Actor Consumer, Guid AssetId, Guid ProposalId)> PendingAsync()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)first["contract"]!["id"]!));
        var (_, body) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id"));
        Assert.Equal("proposal.created", (string?)body["action"]);
        return (owner, consumer, asset.Id, Guid.Parse((string)body["proposal"]!["id"]!));
    }

    private async Task<HttpResponseMessage> PostAsync(TesseraClient client, string path) =>
        await client.Http.PostAsync(new Uri(path, UriKind.Relative), null);

    [Fact]
    public async Task Withdraw_ByProposer_WithdrawnAndNewProposalAllowed()
    {
        var (owner, consumer, assetId, proposalId) = await PendingAsync();
        await HttpAssert.ErrorAsync(await PostAsync(consumer.Client, $"/api/v1/proposals/{proposalId}/withdraw"), HttpStatusCode.Forbidden, "FORBIDDEN");
        var withdrawn = await HttpAssert.OkAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/withdraw"));
        Assert.Equal("withdrawn", (string?)withdrawn["status"]);
        Assert.NotNull(withdrawn["resolved_at"]);
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/withdraw"), HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING");
        var (_, again) = await TesseraApplication.PublishAsync(owner.Client, assetId, TesseraApplication.Schema("id"));
        Assert.Equal("proposal.created", (string?)again["action"]);
    }

    [Fact]
    public async Task Expire_Manual_ByOwner()
    {
        var (owner, consumer, _, proposalId) = await PendingAsync();
        await HttpAssert.ErrorAsync(await PostAsync(consumer.Client, $"/api/v1/proposals/{proposalId}/expire"), HttpStatusCode.Forbidden, "FORBIDDEN");
        var expired = await HttpAssert.OkAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/expire"));
        Assert.Equal("expired", (string?)expired["status"]);
        var (late, error) = await TesseraApplication.AcknowledgeAsync(consumer, proposalId);
        Assert.Equal(HttpStatusCode.BadRequest, late);
        Assert.Equal("PROPOSAL_NOT_PENDING", (string?)error["error"]!["code"]);
    }

    [Fact]
    public async Task Sweep_AfterExpiryDays_ExpiresOnlyDueProposals()
    {
        var (owner, consumer, _, proposalId) = await PendingAsync();
        var early = await HttpAssert.OkAsync(await PostAsync(App.Admin, "/api/v1/proposals/expire-pending"));
        Assert.DoesNotContain(proposalId.ToString(), early["expired_proposal_ids"]!.AsArray().Select(x => (string?)x));
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, "/api/v1/proposals/expire-pending"), HttpStatusCode.Forbidden, "FORBIDDEN");
        App.Clock.Advance(TimeSpan.FromDays(31));
        var swept = await HttpAssert.OkAsync(await PostAsync(App.Admin, "/api/v1/proposals/expire-pending"));
        Assert.Contains(proposalId.ToString(), swept["expired_proposal_ids"]!.AsArray().Select(x => (string?)x));
        var proposal = await owner.Client.GetAsync<JsonObject>($"/api/v1/proposals/{proposalId}");
        Assert.Equal("expired", (string?)proposal["status"]);
        var inbox = await consumer.Client.GetAsync<JsonObject>($"/api/v1/proposals/pending/{consumer.Team.Id}");
        Assert.Equal(0, (int)inbox["total"]!);
    }

    [Fact]
    public async Task Force_AdminOnly_ThenPublishWithFixedVersion()
    {
        var (owner, _, assetId, proposalId) = await PendingAsync();
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/force"), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        var forced = await HttpAssert.OkAsync(await PostAsync(App.Admin, $"/api/v1/proposals/{proposalId}/force"));
        Assert.Equal("approved", (string?)forced["status"]);
        var published = await HttpAssert.OkAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/publish"));
        Assert.Equal("published", (string?)published["action"]);
        Assert.Equal("2.0.0", (string?)published["version"]);
        Assert.Equal("2.0.0", (string?)published["contract"]!["version"]);
        Assert.NotNull(published["deprecated_contract_id"]);
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/publish"), HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING");
        var contracts = await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={assetId}&status=active");
        Assert.Equal("2.0.0", Assert.Single(contracts.Results).Version);
    }

    [Fact]
    public async Task Publish_PendingProposal_Is400()
    {
        var (owner, _, _, proposalId) = await PendingAsync();
        await HttpAssert.ErrorAsync(await PostAsync(owner.Client, $"/api/v1/proposals/{proposalId}/publish"), HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING");
    }

    [Fact]
    public async Task PendingInbox_ListsUntilAcknowledged()
    {
        var (_, consumer, _, proposalId) = await PendingAsync();
        var inbox = await consumer.Client.GetAsync<JsonObject>($"/api/v1/proposals/pending/{consumer.Team.Id}");
        Assert.Equal(proposalId.ToString(), (string?)inbox["pending_proposals"]![0]!["proposal_id"]);
        Assert.Equal("AWAITING_RESPONSE", (string?)inbox["pending_proposals"]![0]!["your_team_status"]);
        var stranger = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await stranger.Client.Http.GetAsync(new Uri($"/api/v1/proposals/pending/{consumer.Team.Id}", UriKind.Relative)),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        var filtered = await consumer.Client.GetAsync<PageResponse<JsonObject>>($"/api/v1/proposals?pending_ack_for={consumer.Team.Id}");
        Assert.Equal(1, filtered.Total);
    }

    [Fact]
    public async Task UnknownProposal_Is404()
    {
        var actor = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await actor.Client.Http.GetAsync(new Uri($"/api/v1/proposals/{Guid.NewGuid()}", UriKind.Relative)),
            HttpStatusCode.NotFound, "PROPOSAL_NOT_FOUND");
    }

    [Fact]
    public async Task EveryTransition_IsAudited()
    {
        var (owner, consumer, _, proposalId) = await PendingAsync();
        await TesseraApplication.AcknowledgeAsync(consumer, proposalId);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/entities/proposal/{proposalId}/history");
        Assert.Equal(["proposal.created", "proposal.acknowledged", "proposal.approved", "proposal.published"],
            events.Results.OrderBy(e => e.OccurredAt).Select(e => e.Action));
        Assert.All(events.Results, e => Assert.NotNull(e.ActorId));
        _ = owner;
    }
}

public sealed class ProposalLifecycleSqliteTests(SqliteFixture fixture) : ProposalLifecycleTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ProposalLifecyclePostgresTests(PostgresFixture fixture) : ProposalLifecycleTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>
/// Forcing past the workflow (DECISIONS §3.7 and §2): admin only, audited with the reason. Proposal force takes
/// an optional reason (10–500 characters when given) because the SDK's <c>proposals.force(id)</c> sends no body or
/// query; its absence is audited as such. Force publish requires the reason.
/// </summary>
public abstract class ForceTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private async Task<(Actor Owner, AssetResponse Asset, Guid ProposalId)> PendingAsync()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)first["contract"]!["id"]!));
        var (_, body) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id"));
        return (owner, asset, Guid.Parse((string)body["proposal"]!["id"]!));
    }

    private async Task<AuditEventResponse> ForceEventAsync(Guid proposalId)
    {
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={proposalId}&action=proposal.force_approved");
        return Assert.Single(events.Results);
    }

    private async Task<HttpResponseMessage> ForceAsync(string key, Guid proposalId, string query = "", string? body = null)
    {
        using var http = App.Raw(key);
        return await http.PostAsync(new Uri($"/api/v1/proposals/{proposalId}/force{query}", UriKind.Relative), body is null ? null : HttpAssert.Json(body));
    }

    [Fact]
    public async Task ProposalForce_NoBodyNoQuery_ApprovedAndAuditSaysNoReason()
    {
        var (_, _, proposalId) = await PendingAsync();
        var forced = await HttpAssert.OkAsync(await ForceAsync(TesseraApplication.AdminKey, proposalId));
        Assert.Equal("approved", (string?)forced["status"]);
        var audit = await ForceEventAsync(proposalId);
        Assert.Null(audit.Payload["reason"]);
        Assert.False((bool)audit.Payload["reason_given"]!);
        Assert.Contains("without a reason", (string)audit.Payload["warning"]!, StringComparison.Ordinal);
        Assert.Equal("human", audit.ActorType);
        Assert.NotNull(audit.ActorId);
    }

    [Fact]
    public async Task ProposalForce_ReasonInQuery_AuditedTrimmed()
    {
        var (_, _, proposalId) = await PendingAsync();
        await HttpAssert.OkAsync(await ForceAsync(TesseraApplication.AdminKey, proposalId, "?reason=%20%20incident%20INC-42%20%20"));
        var audit = await ForceEventAsync(proposalId);
        Assert.Equal("incident INC-42", (string?)audit.Payload["reason"]);
        Assert.True((bool)audit.Payload["reason_given"]!);
    }

    [Fact]
    public async Task ProposalForce_ReasonInBody_Audited()
    {
        var (_, _, proposalId) = await PendingAsync();
        await HttpAssert.OkAsync(await ForceAsync(TesseraApplication.AdminKey, proposalId, body: """{"reason": "consumer team agreed on a call"}"""));
        Assert.Equal("consumer team agreed on a call", (string?)(await ForceEventAsync(proposalId)).Payload["reason"]);
    }

    [Theory]
    [InlineData("?reason=123456789")]
    [InlineData("?reason=%20%20%20%20%20%20%20%20%20%20%20%20")]
    public async Task ProposalForce_ReasonUnderTenCharacters_Is422AndStaysPending(string query)
    {
        var (owner, _, proposalId) = await PendingAsync();
        var error = await HttpAssert.ErrorAsync(await ForceAsync(TesseraApplication.AdminKey, proposalId, query), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("reason", (string?)error["details"]!["errors"]![0]!["field"]);
        Assert.Equal("pending", (string?)(await owner.Client.GetAsync<JsonObject>($"/api/v1/proposals/{proposalId}"))["status"]);
        var none = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={proposalId}&action=proposal.force_approved");
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task ProposalForce_ReasonOfExactlyTenCharacters_Accepted()
    {
        var (_, _, proposalId) = await PendingAsync();
        await HttpAssert.OkAsync(await ForceAsync(TesseraApplication.AdminKey, proposalId, "?reason=1234567890"));
        Assert.Equal("1234567890", (string?)(await ForceEventAsync(proposalId)).Payload["reason"]);
    }

    [Fact]
    public async Task ProposalForce_WriteKeyEvenOfTheOwner_Is403()
    {
        var (owner, _, proposalId) = await PendingAsync();
        await HttpAssert.ErrorAsync(await ForceAsync(owner.Key, proposalId, "?reason=we%20really%20need%20this"), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task ProposalForce_WithActorId_RecordsTheTeamActedFor()
    {
        var (owner, _, proposalId) = await PendingAsync();
        await HttpAssert.OkAsync(await ForceAsync(TesseraApplication.AdminKey, proposalId, $"?actor_id={owner.Team.Id}"));
        Assert.Equal(owner.Team.Id.ToString(), (string?)(await ForceEventAsync(proposalId)).Payload["actor_team_id"]);
    }

    [Fact]
    public async Task ProposalForce_AdminKeyOfATeam_Works()
    {
        var (_, _, proposalId) = await PendingAsync();
        var ops = await App.CreateTeamAsync();
        var (key, _) = await App.CreateKeyAsync(ops.Id, "admin");
        await HttpAssert.OkAsync(await ForceAsync(key, proposalId));
        var audit = await ForceEventAsync(proposalId);
        Assert.Equal(ops.Id, audit.ActorId);
        Assert.Equal(ops.Id.ToString(), (string?)audit.Payload["actor_team_id"]);
    }

    [Fact]
    public async Task ForcePublish_SdkForceFlagWithoutReason_Is400AndWritesNothing()
    {
        var (_, asset, _) = await PendingAsync();
        var before = await DatabaseSnapshot.TakeAsync(App);
        using var http = App.Raw(TesseraApplication.AdminKey);
        var body = new JsonObject { ["version"] = "3.0.0", ["schema"] = TesseraApplication.Schema("other"), ["compatibility_mode"] = "backward", ["guarantees"] = null };
        var error = await HttpAssert.ErrorAsync(await http.PostAsync(new Uri($"/api/v1/assets/{asset.Id}/contracts?force=true", UriKind.Relative), HttpAssert.Json(body)),
            HttpStatusCode.BadRequest, "INVALID_INPUT");
        Assert.Contains("force_reason", (string)error["message"]!, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(App), "force publish without a reason");
    }

    [Theory]
    [InlineData("?force=true&force_reason=123456789", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("?force=true&force_reason=%20%20%20%20%201234567%20%20%20", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("?force=true", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    public async Task ForcePublish_AdminWithoutAValidReason_IsRefused(string query, HttpStatusCode status, string code)
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var (answer, body) = await TesseraApplication.PublishAsync(App.Admin, asset.Id, TesseraApplication.Schema("id"), query: query);
        Assert.Equal(status, answer);
        Assert.Equal(code, (string?)body["error"]!["code"]);
        Assert.Equal("1.0.0", (await owner.Client.GetAssetAsync(asset.Id)).ActiveContractVersion);
    }

    [Fact]
    public async Task ForcePublish_AdminWithTenCharacterReason_ForcePublishedAndAudited()
    {
        var (_, asset, _) = await PendingAsync();
        var (status, body) = await TesseraApplication.PublishAsync(App.Admin, asset.Id, TesseraApplication.Schema("other"), "3.0.0",
            query: "?force=true&force_reason=%201234567890%20");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("force.published", (string?)body["action"]);
        var contractId = (string)body["contract"]!["id"]!;
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={contractId}&action=contract.force_published");
        var audit = Assert.Single(events.Results);
        Assert.Equal("1234567890", (string?)audit.Payload["force_reason"]);
        Assert.True((bool)audit.Payload["force"]!);
    }

    [Fact]
    public async Task ForcePublish_OwnerWithReason_Is403()
    {
        var (owner, asset, _) = await PendingAsync();
        var (status, body) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("other"), "3.0.0",
            query: "?force=true&force_reason=incident%20hotfix%20now");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("INSUFFICIENT_SCOPE", (string?)body["error"]!["code"]);
    }
}

public sealed class ForceSqliteTests(SqliteFixture fixture) : ForceTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ForcePostgresTests(PostgresFixture fixture) : ForceTests(fixture), IClassFixture<PostgresFixture>;
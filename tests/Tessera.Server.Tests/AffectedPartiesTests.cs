using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>Breaking publishes and proposals name who they reach (DECISIONS §5.4): registered consumers and downstream owners.</summary>
public abstract class AffectedPartiesTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static readonly JsonObject V1 = TesseraApplication.Schema("id", "email");
    private static readonly JsonObject Removed = TesseraApplication.Schema("id");

    private sealed record Setup(Actor Owner, AssetResponse Asset, Actor Consumer, Actor DownOwner, AssetResponse Downstream);

    private async Task<Setup> SetupAsync(bool withConsumer = true)
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, V1);
        var consumer = await App.CreateActorAsync();
        if (withConsumer)
        {
            await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)first["contract"]!["id"]!));
        }

        var downOwner = await App.CreateActorAsync();
        var downstream = await App.CreateAssetAsync(downOwner);
        await downOwner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{downstream.Id}/dependencies", new CreateDependencyRequest(asset.Id));
        // A downstream asset of the owner's own team is not an affected party: the owner is the one changing it.
        var ownDownstream = await App.CreateAssetAsync(owner);
        await owner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{ownDownstream.Id}/dependencies", new CreateDependencyRequest(asset.Id));
        return new Setup(owner, asset, consumer, downOwner, downstream);
    }

    private static void AssertNamesEveryone(JsonObject body, Setup s, bool consumer = true)
    {
        var consumers = body["affected_consumers"]!.AsArray();
        if (consumer)
        {
            var c = Assert.Single(consumers)!;
            Assert.Equal((s.Consumer.Team.Id.ToString(), s.Consumer.Team.Name), ((string?)c["team_id"], (string?)c["team_name"]));
        }
        else
        {
            Assert.Empty(consumers);
        }

        var team = Assert.Single(body["affected_teams"]!.AsArray())!;
        Assert.Equal((s.DownOwner.Team.Id.ToString(), s.DownOwner.Team.Name), ((string?)team["team_id"], (string?)team["team_name"]));
        Assert.Equal([s.Downstream.Id.ToString()], team["assets"]!.AsArray().Select(n => (string?)n));
        var asset = Assert.Single(body["affected_assets"]!.AsArray())!;
        Assert.Equal((s.Downstream.Id.ToString(), s.Downstream.Fqn, s.DownOwner.Team.Name),
            ((string?)asset["asset_id"], (string?)asset["asset_fqn"], (string?)asset["owner_team_name"]));
    }

    [Fact]
    public async Task BreakingPublish_Proposal_NamesConsumersAndDownstreamOwners_InPublishAndProposalAnswers()
    {
        var s = await SetupAsync();
        var (status, body) = await TesseraApplication.PublishAsync(s.Owner.Client, s.Asset.Id, Removed);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("proposal.created", (string?)body["action"]);
        AssertNamesEveryone(body, s);
        var proposal = body["proposal"]!.AsObject();
        AssertNamesEveryone(proposal, s);

        var id = (string)proposal["id"]!;
        var fetched = await s.Consumer.Client.GetAsync<JsonObject>($"/api/v1/proposals/{id}");
        AssertNamesEveryone(fetched, s);
        var statusView = await s.Consumer.Client.GetAsync<JsonObject>($"/api/v1/proposals/{id}/status");
        AssertNamesEveryone(statusView, s);
        AssertNamesEveryone(statusView["proposal"]!.AsObject(), s);
        var typed = await s.Consumer.Client.GetAsync<ProposalResponse>($"/api/v1/proposals/{id}");
        Assert.Equal(s.Consumer.Team.Name, (string?)typed.AffectedConsumers![0]!["team_name"]);
    }

    [Fact]
    public async Task BreakingPublish_DryRun_NamesEveryoneAndWritesNothing()
    {
        var s = await SetupAsync();
        var (status, body) = await TesseraApplication.PublishAsync(s.Owner.Client, s.Asset.Id, Removed, query: "?dry_run=true");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertNamesEveryone(body, s);
        var proposals = await s.Owner.Client.GetAsync<PageResponse<JsonObject>>($"/api/v1/proposals?asset_id={s.Asset.Id}");
        Assert.Equal(0, proposals.Total);
    }

    [Fact]
    public async Task BreakingPublish_Forced_NamesEveryone()
    {
        var s = await SetupAsync();
        var (status, body) = await TesseraApplication.PublishAsync(App.Admin, s.Asset.Id, Removed,
            query: "?force=true&force_reason=" + Uri.EscapeDataString("hotfix approved by all owners"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("force.published", (string?)body["action"]);
        AssertNamesEveryone(body, s);
    }

    [Fact]
    public async Task BreakingPublish_NoConsumers_StillNamesDownstreamOwners()
    {
        var s = await SetupAsync(withConsumer: false);
        var (_, body) = await TesseraApplication.PublishAsync(s.Owner.Client, s.Asset.Id, Removed);
        Assert.Equal("published", (string?)body["action"]);
        AssertNamesEveryone(body, s, consumer: false);
        AssertNamesEveryone(body["recorded_proposal"]!.AsObject(), s, consumer: false);
    }

    [Fact]
    public async Task CompatiblePublish_NoAffectedPartyKeys()
    {
        var s = await SetupAsync();
        var (_, body) = await TesseraApplication.PublishAsync(s.Owner.Client, s.Asset.Id, TesseraApplication.Schema("id", "email", "name"));
        Assert.Equal("published", (string?)body["action"]);
        Assert.False(body.ContainsKey("affected_teams"));
        Assert.False(body.ContainsKey("affected_assets"));
    }
}

public sealed class AffectedPartiesSqliteTests(SqliteFixture fixture) : AffectedPartiesTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AffectedPartiesPostgresTests(PostgresFixture fixture) : AffectedPartiesTests(fixture), IClassFixture<PostgresFixture>;
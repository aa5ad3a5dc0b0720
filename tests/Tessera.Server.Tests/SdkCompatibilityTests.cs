using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>
/// The official Python SDK's calls (api.md §6.1, tessera-sdk 0.1.4), one test each: the exact method, path, query
/// and body the SDK sends, and every field its response models read (§6.2, checked by <see cref="SdkModels"/>).
/// The SDK's list calls expect bare arrays and are left out (DECISIONS §2 keeps the envelope).
/// </summary>
public abstract class SdkCompatibilityTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static readonly JsonObject V1 = TesseraApplication.Schema("id", "email");
    private static readonly JsonObject V1Compatible = TesseraApplication.Schema("id", "email", "name");
    private static readonly JsonObject Breaking = TesseraApplication.Schema("id");

    /// <summary>Sends a request the way the SDK's httpx client does: <c>json=</c> bodies, a bare POST when there is none.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SdkAsync(string? key, HttpMethod method, string path, JsonNode? body = null)
    {
        using var http = App.Raw(key);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static JsonNode? Expect((HttpStatusCode Status, JsonNode? Body) answer, HttpStatusCode status)
    {
        Assert.True(answer.Status == status, $"expected {(int)status} but got {(int)answer.Status}: {answer.Body?.ToJsonString()}");
        return answer.Body;
    }

    private static JsonObject PublishBody(JsonObject schema, string version) => new()
    {
        ["version"] = version,
        ["schema"] = schema.DeepClone(),
        ["compatibility_mode"] = "backward",
        ["guarantees"] = null,
    };

    private async Task<(Actor Owner, AssetResponse Asset, Guid ContractId)> PublishedAsync()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, body) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, V1, "1.0.0");
        return (owner, asset, Guid.Parse((string)body["contract"]!["id"]!));
    }

    /// <summary>An asset at 1.0.0 with <paramref name="consumers"/> registered teams and a pending breaking proposal.</summary>
    private async Task<(Actor Owner, Actor[] Consumers, AssetResponse Asset, Guid ProposalId)> PendingAsync(int consumers = 1)
    {
        var (owner, asset, contractId) = await PublishedAsync();
        var teams = new Actor[consumers];
        for (var i = 0; i < consumers; i++)
        {
            teams[i] = await App.CreateActorAsync();
            await TesseraApplication.RegisterAsync(teams[i], contractId);
        }

        var (_, body) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, Breaking);
        return (owner, teams, asset, Guid.Parse((string)body["proposal"]!["id"]!));
    }

    [Fact]
    public async Task Health_SdkCall_ReturnsJsonObject()
    {
        var body = Expect(await SdkAsync(null, HttpMethod.Get, "/health"), HttpStatusCode.OK);
        Assert.IsType<JsonObject>(body);
    }

    [Fact]
    public async Task HealthReady_SdkCall_ReturnsJsonObject()
    {
        var body = Expect(await SdkAsync(null, HttpMethod.Get, "/health/ready"), HttpStatusCode.OK);
        Assert.IsType<JsonObject>(body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TeamsCreate_SdkBody_Returns201Team(bool withMetadata)
    {
        var name = "sdk-" + Guid.NewGuid().ToString("N")[..10];
        var body = new JsonObject { ["name"] = name, ["metadata"] = withMetadata ? new JsonObject { ["slack"] = "#data" } : null };
        var team = SdkModels.Team(Expect(await SdkAsync(TesseraApplication.AdminKey, HttpMethod.Post, "/api/v1/teams", body), HttpStatusCode.Created));
        Assert.Equal(name, (string?)team["name"]);
        Assert.Equal(withMetadata ? "#data" : null, (string?)team["metadata"]!["slack"]);
    }

    [Fact]
    public async Task TeamsGet_SdkCall_ReturnsTeam()
    {
        var actor = await App.CreateActorAsync();
        var team = SdkModels.Team(Expect(await SdkAsync(actor.Key, HttpMethod.Get, $"/api/v1/teams/{actor.Team.Id}"), HttpStatusCode.OK));
        Assert.Equal(actor.Team.Id.ToString(), (string?)team["id"]);
    }

    [Fact]
    public async Task TeamsUpdate_SdkSubset_ReturnsTeam()
    {
        var actor = await App.CreateActorAsync();
        var renamed = actor.Team.Name + " renamed";
        var team = SdkModels.Team(Expect(await SdkAsync(TesseraApplication.AdminKey, HttpMethod.Patch, $"/api/v1/teams/{actor.Team.Id}",
            new JsonObject { ["name"] = renamed }), HttpStatusCode.OK));
        Assert.Equal(renamed, (string?)team["name"]);
        var withMetadata = SdkModels.Team(Expect(await SdkAsync(TesseraApplication.AdminKey, HttpMethod.Patch, $"/api/v1/teams/{actor.Team.Id}",
            new JsonObject { ["metadata"] = new JsonObject { ["tier"] = 1 } }), HttpStatusCode.OK));
        Assert.Equal(renamed, (string?)withMetadata["name"]);
        Assert.Equal(1, (int)withMetadata["metadata"]!["tier"]!);
    }

    [Fact]
    public async Task AssetsCreate_SdkBody_Returns201Asset()
    {
        var owner = await App.CreateActorAsync();
        var body = new JsonObject { ["fqn"] = "sdk.orders", ["owner_team_id"] = owner.Team.Id.ToString(), ["metadata"] = new JsonObject { ["layer"] = "gold" } };
        var asset = SdkModels.Asset(Expect(await SdkAsync(owner.Key, HttpMethod.Post, "/api/v1/assets", body), HttpStatusCode.Created));
        Assert.Equal("sdk.orders", (string?)asset["fqn"]);
        Assert.Equal(owner.Team.Id.ToString(), (string?)asset["owner_team_id"]);
        Assert.Equal("gold", (string?)asset["metadata"]!["layer"]);
        var noMetadata = new JsonObject { ["fqn"] = "sdk.customers", ["owner_team_id"] = owner.Team.Id.ToString(), ["metadata"] = null };
        SdkModels.Asset(Expect(await SdkAsync(owner.Key, HttpMethod.Post, "/api/v1/assets", noMetadata), HttpStatusCode.Created));
    }

    [Fact]
    public async Task AssetsGet_SdkCall_ReturnsAsset()
    {
        var owner = await App.CreateActorAsync();
        var created = await App.CreateAssetAsync(owner);
        var asset = SdkModels.Asset(Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/assets/{created.Id}"), HttpStatusCode.OK));
        Assert.Equal(created.Fqn, (string?)asset["fqn"]);
    }

    [Fact]
    public async Task AssetsUpdate_SdkSubset_ReturnsAsset()
    {
        var owner = await App.CreateActorAsync();
        var created = await App.CreateAssetAsync(owner);
        var asset = SdkModels.Asset(Expect(await SdkAsync(owner.Key, HttpMethod.Patch, $"/api/v1/assets/{created.Id}",
            new JsonObject { ["fqn"] = created.Fqn + "_v2", ["metadata"] = new JsonObject { ["k"] = "v" } }), HttpStatusCode.OK));
        Assert.Equal(created.Fqn + "_v2", (string?)asset["fqn"]);
        Assert.Equal("v", (string?)asset["metadata"]!["k"]);
        var other = await App.CreateTeamAsync();
        var moved = SdkModels.Asset(Expect(await SdkAsync(owner.Key, HttpMethod.Patch, $"/api/v1/assets/{created.Id}",
            new JsonObject { ["owner_team_id"] = other.Id.ToString() }), HttpStatusCode.OK));
        Assert.Equal(other.Id.ToString(), (string?)moved["owner_team_id"]);
    }

    [Fact]
    public async Task AssetsPublishContract_FirstVersion_Returns201WithMessageAndContract()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var result = SdkModels.PublishResult(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/assets/{asset.Id}/contracts", PublishBody(V1, "1.0.0")),
            HttpStatusCode.Created));
        var contract = SdkModels.Contract(result["contract"]);
        Assert.Equal("1.0.0", (string?)contract["version"]);
        Assert.Equal(owner.Team.Id.ToString(), (string?)contract["published_by"]);
        Assert.Equal("active", (string?)contract["status"]);
        Assert.Null(result["proposal"]);
    }

    [Fact]
    public async Task AssetsPublishContract_CompatibleWithPublishedBy_Returns201()
    {
        var (owner, asset, _) = await PublishedAsync();
        var result = SdkModels.PublishResult(Expect(await SdkAsync(owner.Key, HttpMethod.Post,
            $"/api/v1/assets/{asset.Id}/contracts?published_by={owner.Team.Id}", PublishBody(V1Compatible, "1.1.0")), HttpStatusCode.Created));
        Assert.Equal("1.1.0", (string?)SdkModels.Contract(result["contract"])["version"]);
    }

    [Fact]
    public async Task AssetsPublishContract_DryRun_Returns200WithMessageAndWritesNothing()
    {
        var (owner, asset, _) = await PublishedAsync();
        var before = await DatabaseSnapshot.TakeAsync(App);
        var result = SdkModels.PublishResult(Expect(await SdkAsync(owner.Key, HttpMethod.Post,
            $"/api/v1/assets/{asset.Id}/contracts?dry_run=true", PublishBody(V1Compatible, "1.1.0")), HttpStatusCode.OK));
        Assert.Contains("Dry run", (string)result["message"]!, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(App), "dry run");
    }

    [Fact]
    public async Task AssetsPublishContract_BreakingWithConsumer_ReturnsPendingProposal()
    {
        var (owner, asset, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, contractId);
        var result = SdkModels.PublishResult(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/assets/{asset.Id}/contracts", PublishBody(Breaking, "2.0.0")),
            HttpStatusCode.Created));
        var proposal = SdkModels.Proposal(result["proposal"]);
        Assert.Equal("pending", (string?)proposal["status"]);
        Assert.Equal(owner.Team.Id.ToString(), (string?)proposal["proposed_by"]);
        Assert.Null(result["contract"]);
    }

    [Fact]
    public async Task AssetsPublishContract_BreakingWithoutConsumers_PublishesAndStaysParseable()
    {
        var (owner, asset, _) = await PublishedAsync();
        var result = SdkModels.PublishResult(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/assets/{asset.Id}/contracts", PublishBody(Breaking, "2.0.0")),
            HttpStatusCode.Created));
        Assert.Equal("2.0.0", (string?)SdkModels.Contract(result["contract"])["version"]);
        Assert.Null(result["proposal"]);
        Assert.Equal("published", (string?)result["recorded_proposal"]!["status"]);
    }

    [Fact]
    public async Task AssetsGetContractHistory_SdkLimit_ReturnsObject()
    {
        var (owner, asset, _) = await PublishedAsync();
        var history = Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/assets/{asset.Id}/contracts/history?limit=10"), HttpStatusCode.OK);
        Assert.Equal(asset.Id.ToString(), (string?)history!["asset_id"]);
        Assert.Single(history["contracts"]!.AsArray());
    }

    [Fact]
    public async Task AssetsDiffContracts_SdkQuery_ReturnsContractDiff()
    {
        var (owner, asset, _) = await PublishedAsync();
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, Breaking, "2.0.0");
        var diff = SdkModels.ContractDiff(Expect(await SdkAsync(owner.Key, HttpMethod.Get,
            $"/api/v1/assets/{asset.Id}/contracts/diff?from_version=1.0.0&to_version=2.0.0"), HttpStatusCode.OK));
        Assert.Equal("major", (string?)diff["change_type"]);
        Assert.NotEmpty(diff["breaking_changes"]!.AsArray());
    }

    [Fact]
    public async Task AssetsCheckImpact_SdkWrappedBody_ReturnsImpactAnalysis()
    {
        var (owner, asset, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, contractId);
        var impact = SdkModels.ImpactAnalysis(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/assets/{asset.Id}/impact",
            new JsonObject { ["proposed_schema"] = Breaking.DeepClone() }), HttpStatusCode.OK));
        Assert.Equal(asset.Id.ToString(), (string?)impact["asset_id"]);
        Assert.False((bool)impact["safe_to_publish"]!);
        Assert.Equal("major", (string?)impact["change_type"]);
        Assert.Equal(consumer.Team.Id.ToString(), (string?)impact["impacted_consumers"]![0]!["team_id"]);

        var safe = SdkModels.ImpactAnalysis(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/assets/{asset.Id}/impact",
            new JsonObject { ["proposed_schema"] = V1Compatible.DeepClone() }), HttpStatusCode.OK));
        Assert.True((bool)safe["safe_to_publish"]!);
    }

    [Fact]
    public async Task ContractsCompare_SdkSchemas_ReturnsVerdict()
    {
        var actor = await App.CreateActorAsync();
        var body = new JsonObject { ["old_schema"] = V1.DeepClone(), ["new_schema"] = Breaking.DeepClone(), ["compatibility_mode"] = "backward" };
        var result = Expect(await SdkAsync(actor.Key, HttpMethod.Post, "/api/v1/contracts/compare", body), HttpStatusCode.OK)!.AsObject();
        Assert.False((bool)result["is_compatible"]!);
        Assert.Equal("major", (string?)result["change_type"]);
        Assert.All(result["breaking_changes"]!.AsArray(), SdkModels.BreakingChange);
        Assert.NotEmpty(result["breaking_changes"]!.AsArray());
    }

    [Fact]
    public async Task AssetsGetLineage_SdkDepth_ReturnsLineage()
    {
        var (owner, asset, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, contractId);
        var lineage = SdkModels.LineageResponse(Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/assets/{asset.Id}/lineage?depth=3"), HttpStatusCode.OK));
        Assert.Equal(asset.Id.ToString(), (string?)lineage["asset_id"]);
        Assert.Equal(consumer.Team.Id.ToString(), (string?)lineage["downstream"]![0]!["team_id"]);
    }

    [Fact]
    public async Task AssetsAddDependency_SdkBody_Returns201Dependency()
    {
        var owner = await App.CreateActorAsync();
        var source = await App.CreateAssetAsync(owner);
        var target = await App.CreateAssetAsync(owner);
        var body = new JsonObject { ["target_asset_id"] = target.Id.ToString(), ["dependency_type"] = "transforms", ["metadata"] = new JsonObject { ["job"] = "nightly" } };
        var dependency = SdkModels.Dependency(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/assets/{source.Id}/dependencies", body),
            HttpStatusCode.Created));
        Assert.Equal(source.Id.ToString(), (string?)dependency["source_asset_id"]);
        Assert.Equal(target.Id.ToString(), (string?)dependency["target_asset_id"]);
        Assert.Equal("transforms", (string?)dependency["dependency_type"]);
    }

    [Fact]
    public async Task AssetsRemoveDependency_SdkCall_Returns204()
    {
        var owner = await App.CreateActorAsync();
        var source = await App.CreateAssetAsync(owner);
        var target = await App.CreateAssetAsync(owner);
        var dependency = await owner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{source.Id}/dependencies", new CreateDependencyRequest(TargetAssetId: target.Id));
        var body = Expect(await SdkAsync(owner.Key, HttpMethod.Delete, $"/api/v1/assets/{source.Id}/dependencies/{dependency.Id}"), HttpStatusCode.NoContent);
        Assert.Null(body);
        Assert.Equal(0, (await owner.Client.GetAsync<PageResponse<DependencyResponse>>($"/api/v1/assets/{source.Id}/dependencies")).Total);
    }

    [Fact]
    public async Task ContractsGet_SdkCall_ReturnsContract()
    {
        var (owner, asset, contractId) = await PublishedAsync();
        var contract = SdkModels.Contract(Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/contracts/{contractId}"), HttpStatusCode.OK));
        Assert.Equal(asset.Id.ToString(), (string?)contract["asset_id"]);
        Assert.Equal("backward", (string?)contract["compatibility_mode"]);
    }

    [Fact]
    public async Task ContractsGet_WithGuarantees_GuaranteesMatchTheSdkModel()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var guarantees = new JsonObject
        {
            ["freshness"] = new JsonObject { ["max_staleness_minutes"] = 60 },
            ["volume"] = new JsonObject { ["min_rows"] = 1 },
            ["nullability"] = new JsonObject { ["id"] = "never" },
            ["accepted_values"] = new JsonObject { ["status"] = new JsonArray("open", "closed") },
        };
        var (_, published) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, V1, "1.0.0", guarantees: guarantees);
        var contract = SdkModels.Contract(Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/contracts/{published["contract"]!["id"]}"), HttpStatusCode.OK));
        Assert.Equal("never", (string?)contract["guarantees"]!["nullability"]!["id"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1.0.0")]
    public async Task RegistrationsCreate_SdkQueryAndBody_Returns201Registration(string? pinned)
    {
        var (_, _, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        var body = new JsonObject { ["consumer_team_id"] = consumer.Team.Id.ToString(), ["pinned_version"] = pinned };
        var registration = SdkModels.Registration(Expect(await SdkAsync(consumer.Key, HttpMethod.Post, $"/api/v1/registrations?contract_id={contractId}", body),
            HttpStatusCode.Created));
        Assert.Equal(contractId.ToString(), (string?)registration["contract_id"]);
        Assert.Equal(pinned, (string?)registration["pinned_version"]);
        Assert.Equal("active", (string?)registration["status"]);
    }

    [Fact]
    public async Task RegistrationsGet_SdkCall_ReturnsRegistration()
    {
        var (_, _, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        var created = await TesseraApplication.RegisterAsync(consumer, contractId);
        var registration = SdkModels.Registration(Expect(await SdkAsync(consumer.Key, HttpMethod.Get, $"/api/v1/registrations/{created.Id}"), HttpStatusCode.OK));
        Assert.Equal(consumer.Team.Id.ToString(), (string?)registration["consumer_team_id"]);
    }

    [Fact]
    public async Task RegistrationsUpdate_SdkSubset_ReturnsRegistration()
    {
        var (_, _, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        var created = await TesseraApplication.RegisterAsync(consumer, contractId);
        var migrating = SdkModels.Registration(Expect(await SdkAsync(consumer.Key, HttpMethod.Patch, $"/api/v1/registrations/{created.Id}",
            new JsonObject { ["status"] = "migrating" }), HttpStatusCode.OK));
        Assert.Equal("migrating", (string?)migrating["status"]);
        var pinned = SdkModels.Registration(Expect(await SdkAsync(consumer.Key, HttpMethod.Patch, $"/api/v1/registrations/{created.Id}",
            new JsonObject { ["pinned_version"] = "1.0.0" }), HttpStatusCode.OK));
        Assert.Equal("1.0.0", (string?)pinned["pinned_version"]);
        Assert.Equal("migrating", (string?)pinned["status"]);
    }

    [Fact]
    public async Task RegistrationsDelete_SdkCall_Returns204()
    {
        var (_, _, contractId) = await PublishedAsync();
        var consumer = await App.CreateActorAsync();
        var created = await TesseraApplication.RegisterAsync(consumer, contractId);
        Assert.Null(Expect(await SdkAsync(consumer.Key, HttpMethod.Delete, $"/api/v1/registrations/{created.Id}"), HttpStatusCode.NoContent));
        Expect(await SdkAsync(consumer.Key, HttpMethod.Get, $"/api/v1/registrations/{created.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProposalsGet_SdkCall_ReturnsProposal()
    {
        var (owner, _, asset, proposalId) = await PendingAsync();
        var proposal = SdkModels.Proposal(Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/proposals/{proposalId}"), HttpStatusCode.OK));
        Assert.Equal(proposalId.ToString(), (string?)proposal["id"]);
        Assert.Equal(asset.Id.ToString(), (string?)proposal["asset_id"]);
        Assert.Equal("pending", (string?)proposal["status"]);
        Assert.Equal("major", (string?)proposal["change_type"]);
    }

    [Fact]
    public async Task ProposalsGetStatus_SdkCall_ReturnsStatusWithProposalAndCounts()
    {
        var (owner, consumers, _, proposalId) = await PendingAsync(consumers: 2);
        var (acked, _) = await TesseraApplication.AcknowledgeAsync(consumers[0], proposalId);
        Assert.Equal(HttpStatusCode.Created, acked);
        var status = SdkModels.ProposalStatusResponse(Expect(await SdkAsync(owner.Key, HttpMethod.Get, $"/api/v1/proposals/{proposalId}/status"), HttpStatusCode.OK));
        Assert.Equal(proposalId.ToString(), (string?)status["proposal"]!["id"]);
        Assert.Equal("pending", (string?)status["proposal"]!["status"]);
        Assert.Equal(2, (int)status["required_acknowledgments"]!);
        Assert.Equal(1, (int)status["received_acknowledgments"]!);
        Assert.Single(status["pending_consumers"]!.AsArray());
        Assert.Single(status["acknowledged_consumers"]!.AsArray());
    }

    [Fact]
    public async Task ProposalsAcknowledge_SdkBody_Returns201WithAcknowledgedAt()
    {
        var (_, consumers, _, proposalId) = await PendingAsync(consumers: 2);
        var body = new JsonObject { ["consumer_team_id"] = consumers[0].Team.Id.ToString(), ["response"] = "migrating", ["notes"] = "moving off email by March" };
        var ack = SdkModels.Acknowledgment(Expect(await SdkAsync(consumers[0].Key, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/acknowledge", body),
            HttpStatusCode.Created));
        Assert.Equal("migrating", (string?)ack["response"]);
        Assert.Equal("moving off email by March", (string?)ack["notes"]);
        Assert.Equal((string?)ack["responded_at"], (string?)ack["acknowledged_at"]);
        var noNotes = new JsonObject { ["consumer_team_id"] = consumers[1].Team.Id.ToString(), ["response"] = "approved", ["notes"] = null };
        SdkModels.Acknowledgment(Expect(await SdkAsync(consumers[1].Key, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/acknowledge", noNotes),
            HttpStatusCode.Created));
    }

    [Fact]
    public async Task ProposalsWithdraw_SdkBarePost_ReturnsProposal()
    {
        var (owner, _, _, proposalId) = await PendingAsync();
        var proposal = SdkModels.Proposal(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/withdraw"), HttpStatusCode.OK));
        Assert.Equal("withdrawn", (string?)proposal["status"]);
    }

    [Fact]
    public async Task ProposalsForce_SdkBarePostAsAdmin_ReturnsApprovedProposal()
    {
        var (_, _, _, proposalId) = await PendingAsync();
        var proposal = SdkModels.Proposal(Expect(await SdkAsync(TesseraApplication.AdminKey, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/force"),
            HttpStatusCode.OK));
        Assert.Equal("approved", (string?)proposal["status"]);
    }

    [Fact]
    public async Task ProposalsPublish_SdkBarePost_ReturnsContractAtTopLevel()
    {
        var (owner, _, asset, proposalId) = await PendingAsync();
        Expect(await SdkAsync(TesseraApplication.AdminKey, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/force"), HttpStatusCode.OK);
        var contract = SdkModels.Contract(Expect(await SdkAsync(owner.Key, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/publish"), HttpStatusCode.OK));
        Assert.Equal(asset.Id.ToString(), (string?)contract["asset_id"]);
        Assert.Equal("2.0.0", (string?)contract["version"]);
        Assert.Equal("active", (string?)contract["status"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProposalsFileObjection_SdkQueryAndBody_Returns201ObjectionResponse(bool withUser)
    {
        var (owner, asset, _) = await PublishedAsync();
        var downstream = await App.CreateActorAsync();
        var downstreamAsset = await App.CreateAssetAsync(downstream);
        await downstream.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{downstreamAsset.Id}/dependencies", new CreateDependencyRequest(asset.Id));
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, (await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/assets/{asset.Id}/contracts")).Results[0].Id);
        var (_, published) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, Breaking);
        var proposalId = (string)published["proposal"]!["id"]!;
        var query = $"?objector_team_id={downstream.Team.Id}";
        UserResponse? user = null;
        if (withUser)
        {
            user = await App.Admin.PostAsync<UserResponse>("/api/v1/users", new CreateUserRequest("obj" + Guid.NewGuid().ToString("N")[..8], "Olga Objector", TeamId: downstream.Team.Id));
            query += $"&objector_user_id={user.Id}";
        }

        var objection = SdkModels.ObjectionResponse(Expect(await SdkAsync(downstream.Key, HttpMethod.Post, $"/api/v1/proposals/{proposalId}/object{query}",
            new JsonObject { ["reason"] = "our dashboard reads email" }), HttpStatusCode.Created));
        Assert.Equal(proposalId, (string?)objection["proposal_id"]);
        Assert.Equal(1, (int)objection["total_objections"]!);
        Assert.Equal(downstream.Team.Id.ToString(), (string?)objection["objection"]!["team_id"]);
        Assert.Equal(user?.Id.ToString(), (string?)objection["objection"]!["objected_by_user_id"]);
        Assert.Equal(user?.Name, (string?)objection["objection"]!["objected_by_user_name"]);
    }
}

public sealed class SdkCompatibilitySqliteTests(SqliteFixture fixture) : SdkCompatibilityTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SdkCompatibilityPostgresTests(PostgresFixture fixture) : SdkCompatibilityTests(fixture), IClassFixture<PostgresFixture>;
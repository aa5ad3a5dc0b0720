using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class AssetContextTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Context_ById_AggregatesContractConsumersLineageAndProposals()
    {
        var owner = await App.CreateActorAsync();
        var asset = await owner.Client.CreateAssetAsync(new CreateAssetRequest("warehouse.ctx_" + Guid.NewGuid().ToString("N")[..8], owner.Team.Id,
            Description: "Orders", Tags: ["pii"]));
        var upstream = await App.CreateAssetAsync(owner);
        await owner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{asset.Id}/dependencies", new CreateDependencyRequest(upstream.Id, DependencyType: "transforms"));
        var downOwner = await App.CreateActorAsync();
        var downstream = await App.CreateAssetAsync(downOwner);
        await downOwner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{downstream.Id}/dependencies", new CreateDependencyRequest(asset.Id));
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)first["contract"]!["id"]!));
        var (_, breaking) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id"));
        var (_, readKey) = await App.CreateKeyAsync(consumer.Team.Id, "read");

        var context = await readKey.GetAsync<AssetContextResponse>($"/api/v1/assets/{asset.Id}/context");

        Assert.Equal((asset.Id, "Orders", owner.Team.Name), (context.Asset.Id, context.Asset.Description, context.Asset.OwnerTeamName));
        Assert.Equal(["pii"], context.Asset.Tags);
        Assert.Equal("backward", context.Asset.CompatibilityMode);
        Assert.Equal("1.0.0", context.CurrentContract!.Version);
        Assert.Equal("email", context.CurrentContract.SchemaDef["properties"]!.AsObject().Last().Key);
        Assert.Equal(1, context.ContractHistoryCount);
        var registered = Assert.Single(context.Consumers);
        Assert.Equal((consumer.Team.Id, consumer.Team.Name, "active"), (registered.ConsumerTeamId, registered.ConsumerTeamName, registered.Status));
        var up = Assert.Single(context.UpstreamDependencies);
        Assert.Equal((upstream.Id, "transforms", owner.Team.Name), (up.AssetId, up.DependencyType, up.OwnerTeamName));
        var down = Assert.Single(context.DownstreamDependents);
        Assert.Equal((downstream.Id, downOwner.Team.Name), (down.AssetId, down.OwnerTeamName));
        var proposal = Assert.Single(context.ActiveProposals);
        Assert.Equal(((string)breaking["proposal"]!["id"]!, "pending", 1), (proposal.Id.ToString(), proposal.Status, proposal.BreakingChangesCount));
        Assert.Empty(context.RecentAudits);
    }

    [Fact]
    public async Task Context_NoContract_CurrentContractNull()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var context = await owner.Client.GetAsync<JsonObject>($"/api/v1/assets/{asset.Id}/context");
        Assert.Null(context["current_contract"]);
        Assert.Equal(0, (int)context["contract_history_count"]!);
        Assert.Empty(context["consumers"]!.AsArray());
    }

    [Fact]
    public async Task Context_ByFqn_FindsTheAsset_AndEnvironmentDisambiguates()
    {
        var owner = await App.CreateActorAsync();
        var fqn = "warehouse.shared_" + Guid.NewGuid().ToString("N")[..8];
        var production = await owner.Client.CreateAssetAsync(new CreateAssetRequest(fqn, owner.Team.Id));
        var byFqn = await owner.Client.GetAsync<AssetContextResponse>($"/api/v1/assets/context?fqn={fqn}");
        Assert.Equal(production.Id, byFqn.Asset.Id);

        var staging = await owner.Client.CreateAssetAsync(new CreateAssetRequest(fqn, owner.Team.Id, Environment: "staging"));
        var ambiguous = await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/context?fqn={fqn}", UriKind.Relative));
        var error = await HttpAssert.ErrorAsync(ambiguous, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal("environment", (string?)error["details"]!["errors"]![0]!["field"]);
        Assert.Contains("staging", (string?)error["details"]!["errors"]![0]!["message"], StringComparison.Ordinal);
        var chosen = await owner.Client.GetAsync<AssetContextResponse>($"/api/v1/assets/context?fqn={fqn}&environment=staging");
        Assert.Equal(staging.Id, chosen.Asset.Id);
    }

    [Fact]
    public async Task Context_UnknownOrDeleted_Is404()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        await owner.Client.DeleteAsync($"/api/v1/assets/{asset.Id}");
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/{asset.Id}/context", UriKind.Relative)), HttpStatusCode.NotFound,
            "ASSET_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/context?fqn={asset.Fqn}", UriKind.Relative)),
            HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri($"/api/v1/assets/{Guid.NewGuid()}/context", UriKind.Relative)),
            HttpStatusCode.NotFound, "ASSET_NOT_FOUND");
    }

    [Theory]
    [InlineData("/api/v1/assets/context")]
    [InlineData("/api/v1/assets/context?fqn=%20")]
    [InlineData("/api/v1/assets/not-a-uuid/context")]
    public async Task Context_BadInput_Is422(string path)
    {
        var owner = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Context_NoKeyOrNoReadScope_IsRefused()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        await HttpAssert.ErrorAsync(await App.Raw(null).GetAsync(new Uri($"/api/v1/assets/{asset.Id}/context", UriKind.Relative)),
            HttpStatusCode.Unauthorized, "MISSING_API_KEY");
        var (_, writeOnly) = await App.CreateKeyAsync(owner.Team.Id, "write");
        await HttpAssert.ErrorAsync(await writeOnly.Http.GetAsync(new Uri($"/api/v1/assets/{asset.Id}/context", UriKind.Relative)),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }
}

public sealed class AssetContextSqliteTests(SqliteFixture fixture) : AssetContextTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AssetContextPostgresTests(PostgresFixture fixture) : AssetContextTests(fixture), IClassFixture<PostgresFixture>;
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class ConcurrencyTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task ParallelCompatiblePublishes_GetUniqueGaplessVersions()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var schema = TesseraApplication.Schema("id", "email");
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, schema);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TesseraApplication.PublishAsync(owner.Client, asset.Id, schema)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var versions = results.Select(r => (string)r.Body["contract"]!["version"]!).OrderBy(v => int.Parse(v.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"1.0.{i}"), versions);
        var active = await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={asset.Id}&status=active");
        Assert.Equal("1.0.20", Assert.Single(active.Results).Version);
    }

    [Fact]
    public async Task ParallelBreakingPublishes_LeaveExactlyOnePendingProposal()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email", "name"));
        var consumer = await App.CreateActorAsync();
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)first["contract"]!["id"]!));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", $"only_{i}"))));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal("DUPLICATE_PROPOSAL", (string?)r.Body["error"]!["code"]);
        });
        var pending = await owner.Client.GetAsync<PageResponse<JsonObject>>($"/api/v1/proposals?asset_id={asset.Id}&status=pending");
        Assert.Equal(1, pending.Total);
    }

    [Fact]
    public async Task ParallelAcknowledgments_PublishExactlyOnce()
    {
        var owner = await App.CreateActorAsync();
        var asset = await App.CreateAssetAsync(owner);
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id", "email"));
        var contractId = Guid.Parse((string)first["contract"]!["id"]!);
        var consumers = new List<Actor>();
        for (var i = 0; i < 6; i++)
        {
            var consumer = await App.CreateActorAsync();
            await TesseraApplication.RegisterAsync(consumer, contractId);
            consumers.Add(consumer);
        }

        var (_, proposal) = await TesseraApplication.PublishAsync(owner.Client, asset.Id, TesseraApplication.Schema("id"));
        var proposalId = Guid.Parse((string)proposal["proposal"]!["id"]!);

        var acks = await Task.WhenAll(consumers.Select(c => TesseraApplication.AcknowledgeAsync(c, proposalId)));

        Assert.All(acks, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(acks, a => (string?)a.Body["proposal_status"] == "published");
        var contracts = await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={asset.Id}");
        Assert.Equal(["2.0.0", "1.0.0"], contracts.Results.Select(c => c.Version));
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={proposalId}&action=proposal.published");
        Assert.Single(events.Results);
    }
}

public sealed class ConcurrencySqliteTests(SqliteFixture fixture) : ConcurrencyTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ConcurrencyPostgresTests(PostgresFixture fixture) : ConcurrencyTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>Two server processes' worth of applications on one PostgreSQL database keep the same guarantees.</summary>
public sealed class TwoInstanceTests(Tessera.Testing.PostgresCluster cluster)
{
    [Fact]
    public async Task TwoInstances_OnePostgres_ParallelPublishesStayGaplessAndOneProposal()
    {
        cluster.EnsureAvailable();
        var url = Tessera.Testing.PostgresCluster.ToUrl(await cluster.CreateDatabaseAsync());
        await using var first = new TesseraApplication(url);
        await using var second = new TesseraApplication(url);
        var owner = await first.CreateActorAsync();
        var asset = await first.CreateAssetAsync(owner);
        var schema = TesseraApplication.Schema("id", "email");
        var viaSecond = second.ClientFor(owner.Key);
        await TesseraApplication.PublishAsync(owner.Client, asset.Id, schema);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            TesseraApplication.PublishAsync(i % 2 == 0 ? owner.Client : viaSecond, asset.Id, schema)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var patches = results.Select(r => int.Parse(((string)r.Body["contract"]!["version"]!).Split('.')[2], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, 20), patches);

        var consumer = await first.CreateActorAsync();
        var active = await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={asset.Id}&status=active");
        await TesseraApplication.RegisterAsync(consumer, Assert.Single(active.Results).Id);
        var breaking = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            TesseraApplication.PublishAsync(i % 2 == 0 ? owner.Client : viaSecond, asset.Id, TesseraApplication.Schema($"x{i}"))));
        Assert.Single(breaking, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(5, breaking.Count(r => r.Status == HttpStatusCode.Conflict));
    }
}
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;
using Tessera.Testing;

namespace Tessera.Server.Tests;

/// <summary>A loopback git server and one application (its git trusts the server's CA) per test class.</summary>
public abstract class RepoSyncFixture : IAsyncLifetime
{
    private TesseraApplication? _app;
    private GitServer? _git;

    public TesseraApplication App => _app ?? throw new InvalidOperationException("The application did not start.");

    public GitServer Git => _git ?? throw new InvalidOperationException("The git server did not start.");

    public virtual void EnsureAvailable()
    {
    }

    public async ValueTask InitializeAsync()
    {
        _git = await GitServer.StartAsync();
        var url = await DatabaseUrlAsync();
        if (url is null)
        {
            return;
        }

        _app = new TesseraApplication(url, new Dictionary<string, string?> { ["TESSERA_GIT_SSL_CA_INFO"] = _git.CaFile });
        using var warmUp = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_git is not null)
        {
            await _git.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<string?> DatabaseUrlAsync();
}

public sealed class RepoSyncSqliteFixture : RepoSyncFixture
{
    protected override Task<string?> DatabaseUrlAsync() =>
        Task.FromResult<string?>("sqlite:///" + Path.Combine(Path.GetTempPath(), "tessera-reposync-" + Guid.NewGuid().ToString("N")[..12], "t.db"));
}

public sealed class RepoSyncPostgresFixture(PostgresCluster cluster) : RepoSyncFixture
{
    public override void EnsureAvailable() => cluster.EnsureAvailable();

    protected override async Task<string?> DatabaseUrlAsync() =>
        cluster.AdminConnectionString is null ? null : PostgresCluster.ToUrl(await cluster.CreateDatabaseAsync());
}

/// <summary><c>POST /repos/{id}/sync</c> end to end: real git repositories on a loopback git server, the real git client.</summary>
public abstract class RepoSyncTests
{
    /// <summary>A service folder and operation name of its own, so tests sharing one application never share an FQN.</summary>
    private static string Unique() => "s" + Guid.NewGuid().ToString("N")[..10];

    private readonly RepoSyncFixture _fixture;

    protected RepoSyncTests(RepoSyncFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    private TesseraApplication App => _fixture.App;

    private GitServer Git => _fixture.Git;

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostSyncAsync(TesseraClient client, Guid repoId)
    {
        using var content = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        var response = await client.Http.PostAsync(new Uri($"/api/v1/repos/{repoId}/sync", UriKind.Relative), content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static Task<RepoResponse> CreateRepoAsync(Actor owner, string url, IReadOnlyList<string?>? specPaths = null, string? branch = null, string? token = null) =>
        owner.Client.CreateRepoAsync(new CreateRepoRequest("repo-" + Guid.NewGuid().ToString("N")[..8], url, owner.Team.Id, branch, specPaths ?? ["api/"],
            GitToken: token));

    [Fact]
    public async Task Sync_FirstTime_202WithTheResultAndTheRepoShowsIt()
    {
        var owner = await App.CreateActorAsync();
        var git = Git.CreateRepository();
        var name = Unique();
        var sha = git.Write($"api/{name}/openapi.yaml", SpecSamples.OpenApi("get" + name)).Commit();
        var repo = await CreateRepoAsync(owner, git.Url);

        var (status, body) = await PostSyncAsync(owner.Client, repo.Id);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("completed", (string?)body["status"]);
        Assert.Equal(repo.Id.ToString(), (string?)body["repo_id"]);
        Assert.Equal(sha, (string?)body["commit_sha"]);
        Assert.Equal(1, (int)body["specs_found"]!);
        Assert.Equal(1, (int)body["services_created"]!);
        Assert.Empty(body["errors"]!.AsArray());
        Assert.Equal("manual", (string?)body["triggered_by"]);
        foreach (var key in new[] { "contracts_published", "proposals_created", "warnings", "sync_event_id" })
        {
            Assert.True(body.ContainsKey(key), key);
        }

        var stored = await owner.Client.GetRepoAsync(repo.Id);
        Assert.Equal(sha, stored.LastSyncedCommit);
        Assert.NotNull(stored.LastSyncedAt);
        Assert.Null(stored.LastSyncError);
        Assert.Equal(1, stored.ServicesCount);
        var latest = await owner.Client.GetLatestRepoSyncAsync(repo.Id);
        Assert.Equal(((string?)body["sync_event_id"], true, sha, "manual"), (latest.Id.ToString(), latest.Success, latest.CommitSha, latest.TriggeredBy));
        var services = await owner.Client.GetAsync<PageResponse<JsonObject>>($"/api/v1/services?repo_id={repo.Id}");
        Assert.Equal(name, (string?)Assert.Single(services.Results)["name"]);
        Assert.Equal(1, (int)body["contracts_published"]!);
        var asset = await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?fqn={name}.rest.get{name}");
        Assert.Equal(owner.Team.Id, Assert.Single(asset.Results).OwnerTeamId);

        var (_, again) = await PostSyncAsync(owner.Client, repo.Id);
        Assert.Equal(["No new commits since last sync"], again["warnings"]!.AsArray().Select(w => (string?)w));
        Assert.Equal(2, (await owner.Client.GetRepoSyncHistoryAsync(repo.Id)).Total);
    }

    [Fact]
    public async Task Sync_CompatibleThenBreakingCommit_PublishesThenProposesAndTheConsumerDecides()
    {
        var owner = await App.CreateActorAsync();
        var consumer = await App.CreateActorAsync();
        var name = Unique();
        var path = $"services/{name}/openapi.yaml";
        var git = Git.CreateRepository();
        git.Write(path, SpecSamples.OpenApi("getOrder", "id", "email")).Commit();
        var repo = await CreateRepoAsync(owner, git.Url, ["services/"]);
        await PostSyncAsync(owner.Client, repo.Id);
        var fqn = $"{name}.rest.getOrder";
        var asset = Assert.Single((await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?fqn={fqn}")).Results);
        var v1 = Assert.Single((await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={asset.Id}")).Results);
        await TesseraApplication.RegisterAsync(consumer, v1.Id);

        git.Write(path, SpecSamples.OpenApi("getOrder", "id", "email", "total")).Commit();
        var (_, compatible) = await PostSyncAsync(owner.Client, repo.Id);
        git.Write(path, SpecSamples.OpenApi("getOrder", "id", "total")).Commit();
        var (_, breaking) = await PostSyncAsync(owner.Client, repo.Id);

        Assert.Equal((1, 0), ((int)compatible["contracts_published"]!, (int)compatible["proposals_created"]!));
        Assert.Equal((0, 1), ((int)breaking["contracts_published"]!, (int)breaking["proposals_created"]!));
        var pending = await owner.Client.GetAsync<PageResponse<JsonObject>>($"/api/v1/proposals?asset_id={asset.Id}&status=pending");
        var proposal = Assert.Single(pending.Results);
        Assert.Equal("2.0.0", (string?)proposal["proposed_version"]);
        var active = await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={asset.Id}&status=active");
        Assert.Equal("1.1.0", Assert.Single(active.Results).Version);

        var (ackStatus, ack) = await TesseraApplication.AcknowledgeAsync(consumer, Guid.Parse((string)proposal["id"]!));
        Assert.Equal(HttpStatusCode.Created, ackStatus);
        Assert.Equal("published", (string?)ack["proposal_status"]);
        active = await owner.Client.GetAsync<PageResponse<ContractResponse>>($"/api/v1/contracts?asset_id={asset.Id}&status=active");
        Assert.Equal("2.0.0", Assert.Single(active.Results).Version);
        var (_, after) = await PostSyncAsync(owner.Client, repo.Id);
        Assert.Equal(["No new commits since last sync"], after["warnings"]!.AsArray().Select(w => (string?)w));
    }

    [Fact]
    public async Task Sync_GitFails_202FailedWithTheErrorOnTheRepo()
    {
        var owner = await App.CreateActorAsync();
        var git = Git.CreateRepository();
        git.Write($"api/{Unique()}/openapi.yaml", SpecSamples.OpenApi("get" + Unique())).Commit();
        var repo = await CreateRepoAsync(owner, git.Url, branch: "does-not-exist");

        var (status, body) = await PostSyncAsync(owner.Client, repo.Id);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("failed", (string?)body["status"]);
        Assert.Contains("git clone failed", (string?)body["errors"]![0], StringComparison.Ordinal);
        var stored = await owner.Client.GetRepoAsync(repo.Id);
        Assert.Contains("git clone failed", stored.LastSyncError, StringComparison.Ordinal);
        Assert.Null(stored.LastSyncedCommit);
        Assert.False((await owner.Client.GetLatestRepoSyncAsync(repo.Id)).Success);
    }

    [Fact]
    public async Task Sync_PrivateRepo_TokenUsedNeverShown()
    {
        const string token = "ghp_syncTokenSECRET42";
        var owner = await App.CreateActorAsync();
        var git = Git.CreateRepository(requiredToken: token);
        git.Write($"api/{Unique()}/openapi.yaml", SpecSamples.OpenApi("get" + Unique())).Commit();
        var repo = await CreateRepoAsync(owner, git.Url, token: token);

        var (_, ok) = await PostSyncAsync(owner.Client, repo.Id);
        await owner.Client.UpdateRepoAsync(repo.Id, new UpdateRepoRequest(GitToken: "ghp_wrongTokenSECRET43"));
        git.Write($"api/{Unique()}/openapi.yaml", SpecSamples.OpenApi("get" + Unique())).Commit();
        var (_, refused) = await PostSyncAsync(owner.Client, repo.Id);

        Assert.Equal("completed", (string?)ok["status"]);
        Assert.Equal("failed", (string?)refused["status"]);
        Assert.DoesNotContain("SECRET", refused.ToJsonString(), StringComparison.Ordinal);
        var stored = await owner.Client.Http.GetStringAsync(new Uri($"/api/v1/repos/{repo.Id}", UriKind.Relative));
        Assert.DoesNotContain("SECRET", stored, StringComparison.Ordinal);
        var audit = await App.Admin.Http.GetStringAsync(new Uri($"/api/v1/audit/events?entity_id={repo.Id}&limit=100", UriKind.Relative));
        Assert.DoesNotContain("SECRET", audit, StringComparison.Ordinal);
        Assert.Contains("repo.sync_failed", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WhileAnotherSyncRuns_409SyncConflict()
    {
        var owner = await App.CreateActorAsync();
        using var remote = new HangingRemote();
        var repo = await CreateRepoAsync(owner, $"https://127.0.0.1:{remote.Port}/hang.git");
        var first = PostSyncAsync(owner.Client, repo.Id);
        for (var i = 0; i < 400 && remote.Accepted == 0 && !first.IsCompleted; i++)
        {
            await Task.Delay(25);
        }

        var (status, body) = await PostSyncAsync(owner.Client, repo.Id);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("SYNC_CONFLICT", (string?)body["error"]!["code"]);
        Assert.Contains("already running", (string?)body["error"]!["message"], StringComparison.Ordinal);
        for (var i = 0; i < 400 && !first.IsCompleted; i++)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(first, Task.Delay(25));
        }

        var (firstStatus, firstBody) = await first;
        Assert.Equal(HttpStatusCode.Accepted, firstStatus);
        Assert.Contains("TESSERA_GIT_TIMEOUT", (string?)firstBody["errors"]![0], StringComparison.Ordinal);
        Assert.Equal(1, (await owner.Client.GetRepoSyncHistoryAsync(repo.Id)).Total);
    }

    [Fact]
    public async Task Sync_CallerChecks_ErrorEnvelopeAndNothingWritten()
    {
        var owner = await App.CreateActorAsync();
        var stranger = await App.CreateActorAsync();
        var (_, reader) = await App.CreateKeyAsync(owner.Team.Id, "read");
        var repo = await CreateRepoAsync(owner, "https://127.0.0.1:9/never.git");

        var (otherStatus, other) = await PostSyncAsync(stranger.Client, repo.Id);
        var (readStatus, read) = await PostSyncAsync(reader, repo.Id);
        var (missingStatus, missing) = await PostSyncAsync(owner.Client, Guid.NewGuid());
        var (anonStatus, _) = await PostSyncAsync(App.ClientFor(null), repo.Id);

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM"), (otherStatus, (string?)other["error"]!["code"]));
        Assert.Equal((HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE"), (readStatus, (string?)read["error"]!["code"]));
        Assert.Equal((HttpStatusCode.NotFound, "REPO_NOT_FOUND"), (missingStatus, (string?)missing["error"]!["code"]));
        Assert.Equal(HttpStatusCode.Unauthorized, anonStatus);
        Assert.Equal(0, (await owner.Client.GetRepoSyncHistoryAsync(repo.Id)).Total);
        Assert.Null((await owner.Client.GetRepoAsync(repo.Id)).LastSyncedAt);
    }

    [Fact]
    public async Task Sync_AdminMaySyncAnyRepo()
    {
        var owner = await App.CreateActorAsync();
        var git = Git.CreateRepository();
        git.Write($"api/{Unique()}/openapi.yaml", SpecSamples.OpenApi("get" + Unique())).Commit();
        var repo = await CreateRepoAsync(owner, git.Url);

        var (status, body) = await PostSyncAsync(App.Admin, repo.Id);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("completed", (string?)body["status"]);
    }
}

public sealed class RepoSyncSqliteTests(RepoSyncSqliteFixture fixture) : RepoSyncTests(fixture), IClassFixture<RepoSyncSqliteFixture>;

public sealed class RepoSyncPostgresTests(RepoSyncPostgresFixture fixture) : RepoSyncTests(fixture), IClassFixture<RepoSyncPostgresFixture>;
using System.Security.Cryptography;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Repos;
using Tessera.Core.Services;
using Tessera.Testing;

namespace Tessera.Core.Tests.Repos;

/// <summary>One sync of one repo, against real repositories on a loopback git server, on SQLite and PostgreSQL.</summary>
public abstract class RepoSynchronizerTests(string provider, PostgresCluster cluster) : IAsyncLifetime
{
    internal const string Sdl = "type Query { orders: [String] }\n";

    internal static string Api(string operation, params string[] fields) => SpecSamples.OpenApi(operation, fields);
    internal const string Proto = "syntax = \"proto3\";\npackage orders.v1;\nservice Orders { rpc Get (Req) returns (Res); }\nmessage Req { string id = 1; }\nmessage Res { string id = 1; }\n";

    private GitServer _server = null!;

    protected SyncHarness H { get; private set; } = null!;

    protected GitServer Server => _server;

    public async ValueTask InitializeAsync()
    {
        _server = await GitServer.StartAsync();
        H = await SyncHarness.CreateAsync(provider, cluster);
        H.CaFile = _server.CaFile;
    }

    public async ValueTask DisposeAsync()
    {
        await H.DisposeAsync();
        await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits (bounded) until git is connected to the hanging remote, so its timeout timer is running before the clock moves.</summary>
    private static async Task WaitForConnectionAsync(HangingRemote remote, Task sync)
    {
        for (var i = 0; i < 1200 && remote.Accepted == 0 && !sync.IsCompleted; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(1, remote.Accepted);
    }

    [Fact]
    public async Task Sync_FirstTime_ClonesFindsSpecsCreatesServicesAndRecords()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        var sha = git.Write("services/orders/openapi/orders.yaml", Api("getOrder")).Write("services/orders/specs/refunds.yaml", Api("getRefund"))
            .Write("users/api/users.yaml", Api("getUser")).Write("README.md", "# hi").Commit();
        var repo = await H.RepoAsync(team, git.Url, "services/", "users/");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal("completed", result.Status);
        Assert.Equal(sha, result.CommitSha);
        Assert.Equal(3, result.SpecsFound);
        Assert.Equal(2, result.ServicesCreated);
        Assert.Empty(result.Errors);
        Assert.Equal((3, 3, 0), (result.ContractsPublished, result.AssetsCreated, result.ProposalsCreated));
        Assert.True(Directory.Exists(Path.Combine(H.RepoDirectory, repo.Id.ToString(), ".git")));

        await using var db = H.Context();
        var services = await db.Services.Where(s => s.RepoId == repo.Id).OrderBy(s => s.Name).ToListAsync();
        Assert.Equal(["orders:/services/orders", "users:/users"], services.Select(s => $"{s.Name}:{s.RootPath}"));
        var stored = await H.ReloadAsync(repo.Id);
        Assert.Equal(sha, stored.LastSyncedCommit);
        Assert.NotNull(stored.LastSyncedAt);
        Assert.Null(stored.LastSyncError);
        Assert.Null(stored.SyncLeaseOwner);
        var syncEvent = await db.SyncEvents.SingleAsync(e => e.RepoId == repo.Id);
        Assert.Equal((true, sha, 3, 2, "manual"), (syncEvent.Success, syncEvent.CommitSha, syncEvent.SpecsFound, syncEvent.ServicesCreated, syncEvent.TriggeredBy));
        Assert.Equal(result.SyncEventId, syncEvent.Id);
        var audit = await db.AuditEvents.Where(a => a.EntityId == repo.Id || a.EntityType == "service").OrderBy(a => a.OccurredAt).ToListAsync();
        Assert.Equal(2, audit.Count(a => a.Action == "service.created" && a.ActorType == "agent" && a.ActorId == team.Id));
        Assert.Single(audit, a => a.Action == "repo.synced" && a.ActorType == "agent");
        Assert.Single(audit, a => a.Action == "repo.sync_triggered" && a.ActorType == "human");

        var assets = await db.Assets.AsNoTracking().OrderBy(a => a.Fqn).ToListAsync();
        Assert.Equal(["orders.rest.getOrder", "orders.rest.getRefund", "users.rest.getUser"], assets.Select(a => a.Fqn));
        var orders = services.Single(s => s.Name == "orders");
        Assert.All(assets.Take(2), a => Assert.Equal(orders.Id, a.ServiceId));
        Assert.All(assets, a => Assert.Equal(team.Id, a.OwnerTeamId));
        var metadata = StoredJson.ReadObject(assets[0].MetadataJson);
        Assert.Equal(("repo_sync", repo.Id.ToString(), "services/orders/openapi/orders.yaml"),
            (metadata["sync_source"]?.ToString(), metadata["repo_id"]?.ToString(), metadata["source_path"]?.ToString()));
        var contracts = await db.Contracts.AsNoTracking().ToListAsync();
        Assert.Equal(3, contracts.Count);
        Assert.All(contracts, c => Assert.Equal(("1.0.0", ContractStatus.Active, ContractCompatibility.Backward, team.Id),
            (c.Version, c.Status, c.CompatibilityMode, c.PublishedBy)));
        Assert.Equal(3, await db.AuditEvents.CountAsync(a => a.Action == "asset.created" && a.ActorType == "agent"));
    }

    [Fact]
    public async Task Sync_GraphQLAndProtoSpecs_PublishedUnderTheirServiceWithImportsResolved()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("services/orders/graphql/schema.graphql", "type Query { order(id: ID!): Order }\ntype Order { id: ID!\n total: Int }\n")
            .Write("services/orders/proto/shop/orders/v1/orders.proto",
                "syntax = \"proto3\";\npackage shop.orders.v1;\nimport \"shop/common/v1/money.proto\";\n"
                + "service OrderService { rpc GetOrder (GetOrderRequest) returns (Order); }\n"
                + "message GetOrderRequest { string id = 1; }\nmessage Order { string id = 1; shop.common.v1.Money total = 2; }\n")
            .Write("services/orders/proto/shop/common/v1/money.proto", "syntax = \"proto3\";\npackage shop.common.v1;\nmessage Money { int64 units = 1; string currency = 2; }\n")
            .Write("services/broken/proto/broken.proto", "this is not protobuf {")
            .Commit();
        var repo = await H.RepoAsync(team, git.Url, "services/orders/");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal((3, 2, 1), (result.SpecsFound, result.ContractsPublished, result.ServicesCreated));
        await using var db = H.Context();
        var assets = await db.Assets.AsNoTracking().OrderBy(a => a.Fqn).Select(a => new { a.Fqn, a.ResourceType }).ToListAsync();
        Assert.Equal([("orders.graphql.query_order", ResourceType.GraphqlQuery), ("orders.grpc.OrderService_GetOrder", ResourceType.GrpcService)],
            assets.Select(a => (a.Fqn, a.ResourceType)));

        // A breaking change in the imported file reaches the RPC that uses it.
        git.Write("services/orders/proto/shop/common/v1/money.proto", "syntax = \"proto3\";\npackage shop.common.v1;\nmessage Money { string units = 1; string currency = 2; }\n").Commit();
        var second = await H.SyncAsync(team, repo);
        Assert.Equal(1, second.ContractsPublished);
        var grpc = await db.Assets.AsNoTracking().SingleAsync(a => a.Fqn == "orders.grpc.OrderService_GetOrder");
        Assert.Equal("2.0.0", (await db.Contracts.AsNoTracking().SingleAsync(c => c.AssetId == grpc.Id && c.Status == ContractStatus.Active)).Version);
    }

    [Fact]
    public async Task Sync_CompatibleCommit_PublishesTheNextVersion()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("orders/openapi.yaml", Api("getOrder", "id", "email")).Write("users/openapi.yaml", Api("getUser")).Commit();
        var repo = await H.RepoAsync(team, git.Url, ".");
        await H.SyncAsync(team, repo);
        git.Write("orders/openapi.yaml", Api("getOrder", "id", "email", "name")).Commit();

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal((2, 1, 0, 0, 1), (result.SpecsFound, result.ContractsPublished, result.ProposalsCreated, result.AssetsCreated, result.AssetsUpdated));
        await using var db = H.Context();
        var order = await db.Assets.SingleAsync(a => a.Fqn == "orders.rest.getOrder");
        var versions = await db.Contracts.Where(c => c.AssetId == order.Id).OrderBy(c => c.PublishedAt).Select(c => new { c.Version, c.Status }).ToListAsync();
        Assert.Equal([("1.0.0", ContractStatus.Deprecated), ("1.1.0", ContractStatus.Active)], versions.Select(v => (v.Version, v.Status)));
    }

    [Fact]
    public async Task Sync_BreakingCommitWithAConsumer_OpensAProposalAndKeepsTheContract()
    {
        var team = await H.TeamAsync();
        var consumer = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("orders/openapi.yaml", Api("getOrder", "id", "email")).Commit();
        var repo = await H.RepoAsync(team, git.Url, ".");
        await H.SyncAsync(team, repo);
        await using (var setup = H.Context())
        {
            var contract = await setup.Contracts.SingleAsync();
            var now = H.Clock.GetUtcNow().UtcDateTime;
            setup.Registrations.Add(new Registrations.Registration
            {
                ContractId = contract.Id,
                AssetId = contract.AssetId,
                ConsumerTeamId = consumer.Id,
                RegisteredAt = now,
                UpdatedAt = now,
            });
            await setup.SaveChangesAsync();
        }

        git.Write("orders/openapi.yaml", Api("getOrder", "id")).Commit();
        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal((0, 1, 1), (result.ContractsPublished, result.ProposalsCreated, result.AssetsUpdated));
        await using var db = H.Context();
        var proposal = await db.Proposals.SingleAsync();
        Assert.Equal((ProposalStatus.Pending, "2.0.0", team.Id), (proposal.Status, proposal.ProposedVersion, proposal.ProposedBy));
        Assert.Equal("1.0.0", (await db.Contracts.SingleAsync(c => c.Status == ContractStatus.Active)).Version);
        Assert.Single(await db.AuditEvents.Where(a => a.Action == "proposal.created" && a.ActorType == "agent").ToListAsync());

        // The next commit, still breaking, while the proposal is pending: reported for that operation, nothing else breaks.
        git.Write("orders/openapi.yaml", Api("getOrder", "other")).Write("users/openapi.yaml", Api("getUser")).Commit();
        var third = await H.SyncAsync(team, repo);
        Assert.True(third.Success);
        Assert.Equal(1, third.ContractsPublished);
        Assert.Contains(third.Errors, e => e.StartsWith("orders/openapi.yaml: GET /getOrder/{id}: ", StringComparison.Ordinal) && e.Contains("pending proposal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_BadSpec_ReportedForThatFileWhileTheRestPublishes()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("good/openapi.yaml", Api("getGood")).Write("bad/openapi.yaml", "openapi: 3.0.0\ninfo: {title: x}\npaths: 5\n")
            .Write("broken/openapi.yaml", "openapi: 3.0.0\npaths: [unclosed\n").Commit();
        var repo = await H.RepoAsync(team, git.Url, ".");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Equal(2, result.SpecsFound);
        Assert.Equal(1, result.ContractsPublished);
        Assert.Contains(result.Errors, e => e.StartsWith("bad/openapi.yaml: ", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("broken/openapi.yaml: ", StringComparison.Ordinal));
        Assert.Equal(2, result.Errors.Count);
        await using var db = H.Context();
        Assert.Equal(["good.rest.getGood"], await db.Assets.Select(a => a.Fqn).ToListAsync());
        Assert.Contains("bad/openapi.yaml", (await H.ReloadAsync(repo.Id)).LastSyncError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_DeletedSpecOrOperation_ReportedAndTheAssetsKept()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("orders/openapi.yaml", Api("getOrder")).Write("users/openapi.yaml", Api("getUser")).Commit();
        var repo = await H.RepoAsync(team, git.Url, ".");
        await H.SyncAsync(team, repo);

        git.Delete("users/openapi.yaml").Write("orders/openapi.yaml", Api("getOrderV2")).Commit();
        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Contains(result.Warnings, w => w.StartsWith("users/openapi.yaml is no longer in the repository", StringComparison.Ordinal)
            && w.Contains("users.rest.getUser", StringComparison.Ordinal) && w.Contains("kept, not deleted", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("orders/openapi.yaml no longer defines 1 asset(s)", StringComparison.Ordinal)
            && w.Contains("orders.rest.getOrder", StringComparison.Ordinal));
        await using var db = H.Context();
        Assert.Equal(3, await db.Assets.CountAsync(a => a.DeletedAt == null));
        Assert.Equal(3, await db.Contracts.CountAsync(c => c.Status == ContractStatus.Active));
    }

    [Fact]
    public async Task Sync_NewCommitWithoutSpecChanges_PublishesNothing()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("orders/openapi.yaml", Api("getOrder")).Commit();
        var repo = await H.RepoAsync(team, git.Url, ".");
        await H.SyncAsync(team, repo);
        git.Write("README.md", "docs only").Commit();

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Equal((1, 0, 0, 0), (result.SpecsFound, result.ContractsPublished, result.AssetsCreated, result.AssetsUpdated));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Sync_ExistingServices_LongestRootPrefixWinsAndNameCollisionsAreSuffixed()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("platform/billing/invoices.yaml", Api("getInvoice")).Write("platform/other/things.yaml", Api("getThing")).Write("orders/openapi.yaml", Api("getOrder")).Commit();
        var repo = await H.RepoAsync(team, git.Url, ".");
        await using (var db = H.Context())
        {
            var now = H.Clock.GetUtcNow().UtcDateTime;
            db.Services.AddRange(
                new Service { Name = "platform", RepoId = repo.Id, RootPath = "/platform", CreatedAt = now, UpdatedAt = now },
                new Service { Name = "billing", RepoId = repo.Id, RootPath = "/platform/billing/", CreatedAt = now, UpdatedAt = now },
                new Service { Name = "orders", RepoId = repo.Id, RootPath = "/elsewhere", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Equal(1, result.ServicesCreated);
        await using var check = H.Context();
        var created = await check.Services.SingleAsync(s => s.RepoId == repo.Id && s.RootPath == "/orders");
        Assert.Equal("orders_2", created.Name);
    }

    [Fact]
    public async Task Sync_HeadUnchanged_SucceedsWithWarningAndDoesNothingElse()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        var sha = git.Write("api/a/openapi.yaml", Api("getA")).Commit();
        var repo = await H.RepoAsync(team, git.Url, "api/");
        await H.SyncAsync(team, repo);

        var second = await H.SyncAsync(team, repo);

        Assert.True(second.Success);
        Assert.Equal(sha, second.CommitSha);
        Assert.Equal([RepoSynchronizer.NoNewCommits], second.Warnings);
        Assert.Equal((0, 0), (second.SpecsFound, second.ServicesCreated));
        await using var db = H.Context();
        Assert.Equal(2, await db.SyncEvents.CountAsync(e => e.RepoId == repo.Id));
    }

    [Fact]
    public async Task Sync_NewCommit_FetchesAndSeesTheNewFiles()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).Commit();
        var repo = await H.RepoAsync(team, git.Url, "api/");
        await H.SyncAsync(team, repo);
        var sha = git.Write("api/b/openapi.yaml", Api("getB")).Commit();

        var second = await H.SyncAsync(team, repo);

        Assert.Equal(sha, second.CommitSha);
        Assert.Equal(2, second.SpecsFound);
        Assert.Equal(1, second.ServicesCreated);
        Assert.Equal(sha, (await H.ReloadAsync(repo.Id)).LastSyncedCommit);
    }

    [Fact]
    public async Task Sync_SettingsChangedSinceLastSync_RescansTheSameCommit()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).Write("more/b/openapi.yaml", Api("getB")).Commit();
        var repo = await H.RepoAsync(team, git.Url, "api/");
        await H.SyncAsync(team, repo);
        await using (var db = H.Context())
        {
            await db.Repos.Where(r => r.Id == repo.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.SpecPathsJson, "[\"api/\", \"more/\"]").SetProperty(r => r.UpdatedAt, H.Clock.GetUtcNow().UtcDateTime));
        }

        var second = await H.SyncAsync(team, repo);

        Assert.Empty(second.Warnings);
        Assert.Equal(2, second.SpecsFound);
    }

    [Fact]
    public async Task Sync_NoSpecPaths_SucceedsWithWarningWithoutCloning()
    {
        var team = await H.TeamAsync();
        var repo = await H.RepoAsync(team, "https://127.0.0.1:9/never.git");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Contains("no spec_paths", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.False(Directory.Exists(H.RepoDirectory));
    }

    [Theory]
    [InlineData("file:///etc", "file://")]
    [InlineData("ext::sh -c id", "spaces")]
    [InlineData("ext::sh", "ext::")]
    [InlineData("/srv/git/repo.git", "local paths")]
    [InlineData("http://example.com/r.git", "plain http")]
    [InlineData("https://user:pw@example.com/r.git", "credentials")]
    public async Task Sync_RefusedTransport_FailsClearlyWithoutRunningGit(string url, string reason)
    {
        var team = await H.TeamAsync();
        var repo = await H.RepoAsync(team, url, "api/");

        var result = await H.SyncAsync(team, repo);

        Assert.False(result.Success);
        Assert.Equal("failed", result.Status);
        Assert.Contains(reason, Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(H.RepoDirectory, repo.Id.ToString())));
        var stored = await H.ReloadAsync(repo.Id);
        Assert.Contains(reason, stored.LastSyncError, StringComparison.Ordinal);
        Assert.Null(stored.LastSyncedCommit);
        await using var db = H.Context();
        Assert.Single(await db.AuditEvents.Where(a => a.EntityId == repo.Id && a.Action == "repo.sync_failed" && a.ActorType == "agent").ToListAsync());
    }

    [Theory]
    [InlineData("main..other")]
    [InlineData("-upload-pack=touch")]
    [InlineData("feature/../main")]
    public async Task Sync_UnsafeBranch_FailsClearly(string branch)
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).Commit();
        var repo = await H.RepoAsync(team, git.Url, ["api/"], r => r.DefaultBranch = branch);

        var result = await H.SyncAsync(team, repo);

        Assert.False(result.Success);
        Assert.Contains("is not a safe branch name", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Path.Contains(git.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_SpecPathsEscapingTheClone_ReportedWhileTheRestSyncs()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).Symlink("api/b/leak.yaml", "/etc/passwd").Symlink("linked", "/etc").Commit();
        var repo = await H.RepoAsync(team, git.Url, "../", "/etc/", "api/", "linked/", "api/b/leak.yaml");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Equal(1, result.SpecsFound);
        Assert.Contains(result.Errors, e => e.Contains("'..'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("absolute", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'linked' is a symbolic link", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'api/b/leak.yaml' is a symbolic link", StringComparison.Ordinal));
        Assert.NotNull((await H.ReloadAsync(repo.Id)).LastSyncError);
    }

    [Fact]
    public async Task Sync_CloneLargerThanTheLimit_DeletedAndFailed()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).WriteBytes("blob.bin", RandomNumberGenerator.GetBytes(3 * 1024 * 1024)).Commit();
        var repo = await H.RepoAsync(team, git.Url, "api/");
        H.MaxSizeBytes = 1024 * 1024;

        var result = await H.SyncAsync(team, repo);

        Assert.False(result.Success);
        Assert.Contains("TESSERA_REPO_MAX_SIZE_MB (1 MB); the clone was deleted", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(H.RepoDirectory, repo.Id.ToString())));
        Assert.Null((await H.ReloadAsync(repo.Id)).LastSyncedCommit);
    }

    [Fact]
    public async Task Sync_RemoteThatHangs_GitTimeoutKillsItAndTheSyncFails()
    {
        var team = await H.TeamAsync();
        using var remote = new HangingRemote();
        var repo = await H.RepoAsync(team, $"https://127.0.0.1:{remote.Port}/hang.git", "api/");

        var sync = H.SyncAsync(team, repo);
        await WaitForConnectionAsync(remote, sync);
        var result = await H.AdvanceUntilDoneAsync(sync, TimeSpan.FromSeconds(30));

        Assert.False(result.Success);
        Assert.Contains("git clone timed out after 120 s (TESSERA_GIT_TIMEOUT)", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Null((await H.ReloadAsync(repo.Id)).SyncLeaseOwner);
    }

    [Fact]
    public async Task Sync_WholeSyncTimeout_StopsGitAndFails()
    {
        var team = await H.TeamAsync();
        using var remote = new HangingRemote();
        var repo = await H.RepoAsync(team, $"https://127.0.0.1:{remote.Port}/hang.git", "api/");
        H.GitTimeout = TimeSpan.FromHours(1);
        H.SyncTimeout = TimeSpan.FromSeconds(300);

        var sync = H.SyncAsync(team, repo);
        await WaitForConnectionAsync(remote, sync);
        var result = await H.AdvanceUntilDoneAsync(sync, TimeSpan.FromSeconds(30));

        Assert.False(result.Success);
        Assert.Contains("Sync timed out after 300 s (TESSERA_SYNC_TIMEOUT)", Assert.Single(result.Errors), StringComparison.Ordinal);
        for (var i = 0; i < 200 && remote.ClosedByPeer == 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(1, remote.ClosedByPeer);
    }

    [Fact]
    public async Task Sync_PrivateRepo_RepoTokenThenDefaultTokenAndNoLeakOnFailure()
    {
        const string token = "repo-token-SECRET-1";
        var team = await H.TeamAsync();
        var git = _server.CreateRepository(requiredToken: token);
        git.Write("api/a/openapi.yaml", Api("getA")).Commit();
        var twin = _server.CreateRepository(requiredToken: token);
        twin.Write("api/a/openapi.yaml", Api("getTwin")).Commit();
        var withToken = await H.RepoAsync(team, git.Url, ["api/"], r => r.GitToken = token);
        var withoutToken = await H.RepoAsync(team, twin.Url, ["api/"], r => { });
        H.DefaultToken = "default-token-SECRET-2";

        var ok = await H.SyncAsync(team, withToken);
        var refused = await H.SyncAsync(team, withoutToken);
        H.DefaultToken = token;
        var viaDefault = await H.SyncAsync(team, withoutToken);

        Assert.True(ok.Success, string.Join("; ", ok.Errors));
        Assert.False(refused.Success);
        Assert.DoesNotContain("SECRET", string.Join(" ", refused.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", (await H.ReloadAsync(withoutToken.Id)).LastSyncError ?? "", StringComparison.Ordinal);
        Assert.True(viaDefault.Success, string.Join("; ", viaDefault.Errors));
    }

    [Fact]
    public async Task SyncNow_WhileAnotherSyncRuns_ConflictAndTheFirstFinishes()
    {
        var team = await H.TeamAsync();
        using var remote = new HangingRemote();
        var repo = await H.RepoAsync(team, $"https://127.0.0.1:{remote.Port}/hang.git", "api/");
        var first = H.Synchronizer(instance: "first").SyncNowAsync(SyncHarness.Writer(team), repo.Id, default);
        await WaitForConnectionAsync(remote, first);

        var conflict = await Assert.ThrowsAsync<DomainException>(() => H.Synchronizer(instance: "second").SyncNowAsync(SyncHarness.Writer(team), repo.Id, default));
        var none = await H.Synchronizer(instance: "worker").SyncDueAsync(repo.Id, default);

        Assert.Equal((FailureKind.Conflict, ErrorCodes.SyncConflict), (conflict.Kind, conflict.Code));
        Assert.Null(none);
        var result = await H.AdvanceUntilDoneAsync(first, TimeSpan.FromSeconds(30));
        Assert.False(result.Success);
        await using var db = H.Context();
        Assert.Equal(1, await db.SyncEvents.CountAsync(e => e.RepoId == repo.Id));
        Assert.Null((await H.ReloadAsync(repo.Id)).SyncLeaseOwner);
    }

    [Fact]
    public async Task SyncNow_LapsedLeaseOfACrashedProcess_IsTakenOver()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).Commit();
        var now = H.Clock.GetUtcNow().UtcDateTime;
        var held = await H.RepoAsync(team, "https://127.0.0.1:9/held.git", ["api/"], r => (r.SyncLeaseOwner, r.SyncLeaseExpiresAt) = ("crashed", now.AddMinutes(5)));
        var lapsed = await H.RepoAsync(team, git.Url, ["api/"], r => (r.SyncLeaseOwner, r.SyncLeaseExpiresAt) = ("crashed", now.AddMinutes(-1)));

        var conflict = await Assert.ThrowsAsync<DomainException>(() => H.SyncAsync(team, held));
        var result = await H.SyncAsync(team, lapsed);

        Assert.Equal(ErrorCodes.SyncConflict, conflict.Code);
        Assert.True(result.Success);
        Assert.Equal("crashed", (await H.ReloadAsync(held.Id)).SyncLeaseOwner);
        Assert.Null((await H.ReloadAsync(lapsed.Id)).SyncLeaseOwner);
    }

    [Fact]
    public async Task SyncNow_CallerChecks_ScopeOwnershipAndExistence()
    {
        var team = await H.TeamAsync();
        var other = await H.TeamAsync();
        var repo = await H.RepoAsync(team, "https://127.0.0.1:9/x.git", "api/");
        var reader = new Access.Caller(team.Id, new HashSet<ApiScope> { ApiScope.Read });

        var scope = await Assert.ThrowsAsync<DomainException>(() => H.Synchronizer().SyncNowAsync(reader, repo.Id, default));
        var owner = await Assert.ThrowsAsync<DomainException>(() => H.SyncAsync(other, repo));
        var missing = await Assert.ThrowsAsync<DomainException>(() => H.Synchronizer().SyncNowAsync(SyncHarness.Writer(team), Guid.NewGuid(), default));

        Assert.Equal(ErrorCodes.InsufficientScope, scope.Code);
        Assert.Equal(ErrorCodes.UnauthorizedTeam, owner.Code);
        Assert.Equal(ErrorCodes.RepoNotFound, missing.Code);
        await using var db = H.Context();
        Assert.Equal(0, await db.SyncEvents.CountAsync());
    }

    [Fact]
    public async Task SyncDue_RepoSyncedBySomeoneElseMeanwhile_Skipped()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("getA")).Commit();
        var repo = await H.RepoAsync(team, git.Url, "api/");
        var db = H.Context();
        var due = await RepoSyncSchedule.DueAsync(db, H.Clock.GetUtcNow().UtcDateTime, default);
        Assert.Contains(repo.Id, due);
        await H.SyncAsync(team, repo);

        // The worker decided "due" before that sync; its claim must see last_synced_at moved.
        var stale = await RepoSyncLease.TryClaimAsync(db, repo.Id, "late-worker", H.Clock.GetUtcNow().UtcDateTime, H.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), default,
            checkLastSynced: true, lastSyncedAt: null);

        Assert.False(stale);
        Assert.Null((await H.ReloadAsync(repo.Id)).SyncLeaseOwner);
        Assert.Null(await H.Synchronizer().SyncDueAsync(repo.Id, default));
        Assert.Equal(1, await db.SyncEvents.CountAsync(e => e.RepoId == repo.Id));
    }

    [Fact]
    public async Task PruneClones_RemovesClonesOfDeletedReposOnly()
    {
        var team = await H.TeamAsync();
        var live = await H.RepoAsync(team, "https://127.0.0.1:9/live.git", "api/");
        var deleted = await H.RepoAsync(team, "https://127.0.0.1:9/gone.git", ["api/"], r => r.DeletedAt = H.Clock.GetUtcNow().UtcDateTime);
        var unknown = Guid.NewGuid();
        foreach (var name in new[] { live.Id.ToString(), deleted.Id.ToString(), unknown.ToString(), ".git-state", "not-a-guid" })
        {
            Directory.CreateDirectory(Path.Combine(H.RepoDirectory, name, "x"));
        }

        await using var db = H.Context();
        var removed = await RepoClones.PruneAsync(db, H.RepoDirectory, default);

        Assert.Equal(new[] { deleted.Id, unknown }.Order(), removed.Order());
        Assert.Equal(new[] { ".git-state", live.Id.ToString(), "not-a-guid" }.Order(StringComparer.Ordinal),
            Directory.GetDirectories(H.RepoDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Schedule_HonoursPollIntervalEnabledSpecPathsAndLeases()
    {
        var team = await H.TeamAsync();
        var now = H.Clock.GetUtcNow().UtcDateTime;
        var never = await H.RepoAsync(team, "https://127.0.0.1:9/a.git", "api/");
        var recent = await H.RepoAsync(team, "https://127.0.0.1:9/b.git", ["api/"], r => (r.LastSyncedAt, r.PollIntervalSeconds) = (now.AddSeconds(-100), 300));
        var old = await H.RepoAsync(team, "https://127.0.0.1:9/c.git", ["api/"], r => (r.LastSyncedAt, r.PollIntervalSeconds) = (now.AddSeconds(-301), 300));
        var fast = await H.RepoAsync(team, "https://127.0.0.1:9/d.git", ["api/"], r => (r.LastSyncedAt, r.PollIntervalSeconds) = (now.AddSeconds(-61), 60));
        await H.RepoAsync(team, "https://127.0.0.1:9/e.git", ["api/"], r => r.SyncEnabled = false);
        await H.RepoAsync(team, "https://127.0.0.1:9/f.git");
        await H.RepoAsync(team, "https://127.0.0.1:9/g.git", ["api/"], r => r.DeletedAt = now);
        await H.RepoAsync(team, "https://127.0.0.1:9/h.git", ["api/"], r => (r.SyncLeaseOwner, r.SyncLeaseExpiresAt) = ("busy", now.AddMinutes(1)));
        var lapsed = await H.RepoAsync(team, "https://127.0.0.1:9/i.git", ["api/"], r => (r.SyncLeaseOwner, r.SyncLeaseExpiresAt, r.LastSyncedAt) = ("gone", now.AddMinutes(-1), now.AddDays(-1)));

        await using var db = H.Context();
        var due = await RepoSyncSchedule.DueAsync(db, now, default);

        Assert.Equal([never.Id, lapsed.Id, old.Id, fast.Id], due);
        Assert.DoesNotContain(recent.Id, due);
    }
}

public sealed class RepoSynchronizerSqliteTests(PostgresCluster cluster) : RepoSynchronizerTests("sqlite", cluster);

public sealed class RepoSynchronizerPostgresTests(PostgresCluster cluster) : RepoSynchronizerTests("postgresql", cluster);
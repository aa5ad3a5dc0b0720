using System.Security.Cryptography;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Repos;
using Tessera.Core.Services;
using Tessera.Testing;

namespace Tessera.Core.Tests.Repos;

/// <summary>One sync of one repo, against real repositories on a loopback git server, on SQLite and PostgreSQL.</summary>
public abstract class RepoSynchronizerTests(string provider, PostgresCluster cluster) : IAsyncLifetime
{
    internal const string Sdl = "type Query { orders: [String] }\n";
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

    [Fact]
    public async Task Sync_FirstTime_ClonesFindsSpecsCreatesServicesAndRecords()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        var sha = git.Write("services/orders/graphql/schema.graphql", Sdl).Write("services/orders/proto/orders.proto", Proto)
            .Write("users/api/users.graphql", Sdl).Write("README.md", "# hi").Commit();
        var repo = await H.RepoAsync(team, git.Url, "services/", "users/");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal("completed", result.Status);
        Assert.Equal(sha, result.CommitSha);
        Assert.Equal(3, result.SpecsFound);
        Assert.Equal(2, result.ServicesCreated);
        Assert.Empty(result.Errors);
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
    }

    [Fact]
    public async Task Sync_ExistingServices_LongestRootPrefixWinsAndNameCollisionsAreSuffixed()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("platform/billing/invoices.graphql", Sdl).Write("platform/other/things.graphql", Sdl).Write("orders/schema.graphql", Sdl).Commit();
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
        var sha = git.Write("api/a/schema.graphql", Sdl).Commit();
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
        git.Write("api/a/schema.graphql", Sdl).Commit();
        var repo = await H.RepoAsync(team, git.Url, "api/");
        await H.SyncAsync(team, repo);
        var sha = git.Write("api/b/schema.graphql", Sdl).Commit();

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
        git.Write("api/a/schema.graphql", Sdl).Write("more/b/schema.graphql", Sdl).Commit();
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
        git.Write("api/a/schema.graphql", Sdl).Commit();
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
        git.Write("api/a/schema.graphql", Sdl).Symlink("api/b/leak.graphql", "/etc/passwd").Symlink("linked", "/etc").Commit();
        var repo = await H.RepoAsync(team, git.Url, "../", "/etc/", "api/", "linked/", "api/b/leak.graphql");

        var result = await H.SyncAsync(team, repo);

        Assert.True(result.Success);
        Assert.Equal(1, result.SpecsFound);
        Assert.Contains(result.Errors, e => e.Contains("'..'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("absolute", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'linked' is a symbolic link", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'api/b/leak.graphql' is a symbolic link", StringComparison.Ordinal));
        Assert.NotNull((await H.ReloadAsync(repo.Id)).LastSyncError);
    }

    [Fact]
    public async Task Sync_CloneLargerThanTheLimit_DeletedAndFailed()
    {
        var team = await H.TeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/schema.graphql", Sdl).WriteBytes("blob.bin", RandomNumberGenerator.GetBytes(3 * 1024 * 1024)).Commit();
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

        var result = await H.AdvanceUntilDoneAsync(H.SyncAsync(team, repo), TimeSpan.FromSeconds(30));

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
        git.Write("api/a/schema.graphql", Sdl).Commit();
        var twin = _server.CreateRepository(requiredToken: token);
        twin.Write("api/a/schema.graphql", Sdl).Commit();
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
        while (remote.Accepted == 0 && !first.IsCompleted)
        {
            await Task.Delay(20);
        }

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
        git.Write("api/a/schema.graphql", Sdl).Commit();
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
        git.Write("api/a/schema.graphql", Sdl).Commit();
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
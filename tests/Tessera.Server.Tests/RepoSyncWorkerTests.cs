using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Core.Repos;
using Tessera.Server.Tests.Infrastructure;
using Tessera.Testing;

namespace Tessera.Server.Tests;

/// <summary>
/// The background sync worker and the database lease, with real git repositories on a loopback git server; two
/// server instances on one PostgreSQL never sync a repo twice.
/// </summary>
public sealed class RepoSyncWorkerTests(PostgresCluster cluster) : IAsyncLifetime
{
    private static string Api(string name) => SpecSamples.OpenApi("get" + name);

    private GitServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await GitServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private TesseraApplication NewApp(string url, int interval = 60) => new(url, new Dictionary<string, string?>
    {
        ["TESSERA_SYNC_INTERVAL"] = interval.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TESSERA_GIT_SSL_CA_INFO"] = _server.CaFile,
    });

    private static string SqliteUrl() => "sqlite:///" + Path.Combine(Path.GetTempPath(), "tessera-worker-" + Guid.NewGuid().ToString("N")[..12], "t.db");

    private async Task<string> DatabaseUrlAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return SqliteUrl();
        }

        cluster.EnsureAvailable();
        return PostgresCluster.ToUrl(await cluster.CreateDatabaseAsync());
    }

    private static async Task<T> InScopeAsync<T>(TesseraApplication app, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static Task<Guid> AddRepoAsync(TesseraApplication app, Guid teamId, string url, int pollSeconds = 300) => InScopeAsync(app, async sp =>
    {
        var db = sp.GetRequiredService<TesseraDbContext>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var repo = new Repo
        {
            Name = "repo-" + Guid.NewGuid().ToString("N")[..8],
            GitUrl = url,
            OwnerTeamId = teamId,
            SpecPathsJson = "[\"api/\"]",
            PollIntervalSeconds = pollSeconds,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Repos.Add(repo);
        await db.SaveChangesAsync();
        return repo.Id;
    });

    private static Task<List<SyncEvent>> EventsAsync(TesseraApplication app, Guid repoId) => InScopeAsync(app, sp =>
        sp.GetRequiredService<TesseraDbContext>().SyncEvents.AsNoTracking().Where(e => e.RepoId == repoId).OrderBy(e => e.CreatedAt).ToListAsync());

    /// <summary>Advances the clock by one worker interval, then waits (bounded) until <paramref name="done"/> holds.</summary>
    private static async Task TickUntilAsync(IEnumerable<TesseraApplication> apps, TimeSpan step, Func<Task<bool>> done)
    {
        foreach (var app in apps)
        {
            app.Clock.Advance(step);
        }

        for (var i = 0; i < 600 && !await done(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await done(), "the worker did not get there");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Worker_SyncsDueReposOnItsTickAndHonoursEachRepoPollInterval(string provider)
    {
        await using var app = NewApp(await DatabaseUrlAsync(provider));
        var team = await app.CreateTeamAsync();
        var fastGit = _server.CreateRepository();
        fastGit.Write("api/fast/openapi.yaml", Api("Fast")).Commit();
        var slowGit = _server.CreateRepository();
        slowGit.Write("api/slow/openapi.yaml", Api("Slow")).Commit();
        var fast = await AddRepoAsync(app, team.Id, fastGit.Url, pollSeconds: 60);
        var slow = await AddRepoAsync(app, team.Id, slowGit.Url, pollSeconds: 300);

        await TickUntilAsync([app], TimeSpan.FromSeconds(60), async () => (await EventsAsync(app, fast)).Count == 1 && (await EventsAsync(app, slow)).Count == 1);
        var first = (await EventsAsync(app, fast)).Single();
        Assert.Equal(("worker", true, 1), (first.TriggeredBy, first.Success, first.SpecsFound));

        // 120 s later the 60 s repo is due again, the 300 s one is not.
        await TickUntilAsync([app], TimeSpan.FromSeconds(61), async () => (await EventsAsync(app, fast)).Count == 2);
        Assert.Single(await EventsAsync(app, slow));
        Assert.Equal([RepoSynchronizer.NoNewCommits], StoredJson.ReadList((await EventsAsync(app, fast))[1].WarningsJson));
    }

    [Fact]
    public async Task Worker_IntervalZero_NeverSyncs()
    {
        await using var app = NewApp(SqliteUrl(), interval: 0);
        var team = await app.CreateTeamAsync();
        var git = _server.CreateRepository();
        git.Write("api/a/openapi.yaml", Api("A")).Commit();
        var repo = await AddRepoAsync(app, team.Id, git.Url, pollSeconds: 60);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var due = await InScopeAsync(app, sp => RepoSyncSchedule.DueAsync(sp.GetRequiredService<TesseraDbContext>(), app.Clock.GetUtcNow().UtcDateTime, default));

        Assert.Contains(repo, due);
        Assert.Empty(await EventsAsync(app, repo));
        Assert.DoesNotContain(_server.Requests, r => r.Path.Contains(git.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInstances_OnePostgres_ClaimsNeverOverlap()
    {
        cluster.EnsureAvailable();
        var url = PostgresCluster.ToUrl(await cluster.CreateDatabaseAsync());
        await using var first = NewApp(url, interval: 0);
        await using var second = NewApp(url, interval: 0);
        var team = await first.CreateTeamAsync();
        var repos = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var git = _server.CreateRepository();
            git.Write($"api/s{i}/openapi.yaml", Api($"S{i}")).Commit();
            repos.Add(await AddRepoAsync(first, team.Id, git.Url));
        }

        // Every instance finds every repo due; eight claims per repo race across the two processes' worth of services.
        var attempts = repos.SelectMany(id => Enumerable.Range(0, 8).Select(i => (id, app: i % 2 == 0 ? first : second))).ToList();
        var results = await Task.WhenAll(attempts.Select(a => InScopeAsync(a.app, sp => sp.GetRequiredService<RepoSynchronizer>().SyncDueAsync(a.id, default))));

        Assert.Equal(3, results.Count(r => r is not null));
        foreach (var repo in repos)
        {
            var events = await EventsAsync(first, repo);
            Assert.True(events.Single().Success);
            Assert.Equal(1, events.Single().ContractsPublished);
        }

        var contracts = await InScopeAsync(first, sp => sp.GetRequiredService<TesseraDbContext>().Contracts.CountAsync());
        Assert.Equal(3, contracts);
    }

    [Fact]
    public async Task TwoInstances_OnePostgres_WorkersSyncEachRepoOnce()
    {
        cluster.EnsureAvailable();
        var url = PostgresCluster.ToUrl(await cluster.CreateDatabaseAsync());
        await using var first = NewApp(url);
        await using var second = NewApp(url);
        var team = await first.CreateTeamAsync();
        _ = second.Services;
        var repos = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var git = _server.CreateRepository();
            git.Write($"api/s{i}/openapi.yaml", Api($"S{i}")).Commit();
            repos.Add(await AddRepoAsync(first, team.Id, git.Url));
        }

        await TickUntilAsync([first, second], TimeSpan.FromSeconds(60), async () =>
        {
            foreach (var repo in repos)
            {
                var events = await EventsAsync(first, repo);
                if (events.Count == 0)
                {
                    return false;
                }
            }

            return await InScopeAsync(first, async sp => !await sp.GetRequiredService<TesseraDbContext>().Repos.AnyAsync(r => r.SyncLeaseOwner != null));
        });

        foreach (var repo in repos)
        {
            Assert.Equal(1, Assert.Single(await EventsAsync(first, repo)).ContractsPublished);
        }

        Assert.Equal(4, await InScopeAsync(first, sp => sp.GetRequiredService<TesseraDbContext>().Contracts.CountAsync()));
    }
}
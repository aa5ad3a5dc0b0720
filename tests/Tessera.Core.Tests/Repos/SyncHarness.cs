using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Ingestion;
using Tessera.Core.Persistence;
using Tessera.Core.Repos;
using Tessera.Core.Teams;
using Tessera.Data.PostgreSql;
using Tessera.Data.Sqlite;
using Tessera.Testing;

namespace Tessera.Core.Tests.Repos;

/// <summary>
/// A database of either provider, a fake clock, a clone folder and the real git client, with which to build
/// <see cref="RepoSynchronizer"/>s (one per "request": each on its own context, as the server does).
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly Func<TesseraDbContext> _contexts;
    private readonly List<TesseraDbContext> _opened = [];

    private SyncHarness(Func<TesseraDbContext> contexts, string work)
    {
        _contexts = contexts;
        Work = work;
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public string Work { get; }

    public string RepoDirectory => Path.Combine(Work, "repos");

    public TimeSpan GitTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(600);

    public long MaxSizeBytes { get; set; } = 500L * 1024 * 1024;

    public string? DefaultToken { get; set; }

    public DiscoveryLimits Limits { get; set; } = new();

    public string? CaFile { get; set; }

    public static async Task<SyncHarness> CreateAsync(string provider, PostgresCluster cluster)
    {
        var work = Path.Combine(Path.GetTempPath(), "tessera-sync-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        Func<TesseraDbContext> contexts;
        if (provider == "postgresql")
        {
            cluster.EnsureAvailable();
            var connection = await cluster.CreateDatabaseAsync();
            contexts = () => new TesseraDbContext(PostgresDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), connection).Options);
        }
        else
        {
            var connection = SqliteDatabase.ConnectionString(Path.Combine(work, "t.db"));
            contexts = () => new TesseraDbContext(SqliteDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), connection).Options);
        }

        var harness = new SyncHarness(contexts, work);
        await harness.Context().Database.MigrateAsync();
        return harness;
    }

    /// <summary>A new context (disposed with the harness).</summary>
    public TesseraDbContext Context()
    {
        var db = _contexts();
        lock (_opened)
        {
            _opened.Add(db);
        }

        return db;
    }

    public RepoSynchronizer Synchronizer(TesseraDbContext? db = null, string instance = "test")
    {
        db ??= Context();
        var git = new GitCommandLine(new GitSettings(GitTimeout, Path.Combine(RepoDirectory, ".git-state"), SslCaInfo: CaFile), Clock);
        var settings = new RepoSyncSettings(RepoDirectory, SyncTimeout, MaxSizeBytes, DefaultToken, Limits, false, instance);
        var audit = new AuditLog(db, Clock);
        var gate = new SchemaGate(new SchemaLimitsOptions());
        var documents = new SourceDocumentStore(db, gate, Clock);
        var publisher = new ContractPublisher(db, audit, Clock, gate, new ProposalSettings(), documents);
        var importer = new ContractImporter(db, audit, Clock, publisher, documents, gate, new AssetDefaults("production"));
        return new RepoSynchronizer(db, audit, Clock, git, importer, gate, settings, NullLogger<RepoSynchronizer>.Instance);
    }

    public async Task<Team> TeamAsync(string? name = null)
    {
        await using var db = _contexts();
        var now = Clock.GetUtcNow().UtcDateTime;
        var team = new Team { Name = name ?? "team-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = now, UpdatedAt = now };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    public async Task<Repo> RepoAsync(Team owner, string gitUrl, params string[] specPaths) => await RepoAsync(owner, gitUrl, specPaths, r => { });

    public async Task<Repo> RepoAsync(Team owner, string gitUrl, string[] specPaths, Action<Repo> configure)
    {
        await using var db = _contexts();
        var now = Clock.GetUtcNow().UtcDateTime;
        var repo = new Repo
        {
            Name = "repo-" + Guid.NewGuid().ToString("N")[..8],
            GitUrl = gitUrl,
            OwnerTeamId = owner.Id,
            SpecPathsJson = StoredJson.WriteList(specPaths),
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure(repo);
        db.Repos.Add(repo);
        await db.SaveChangesAsync();
        return repo;
    }

    public async Task<Repo> ReloadAsync(Guid repoId)
    {
        await using var db = _contexts();
        return await db.Repos.AsNoTracking().SingleAsync(r => r.Id == repoId);
    }

    public static Caller Writer(Team team) => new(team.Id, new HashSet<ApiScope> { ApiScope.Read, ApiScope.Write });

    public async Task<RepoSyncResult> SyncAsync(Team team, Repo repo) => await Synchronizer().SyncNowAsync(Writer(team), repo.Id, default);

    /// <summary>Advances the fake clock in steps until <paramref name="task"/> finishes (bounded), for timeouts.</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            Clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(25));
        }

        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _opened)
        {
            await db.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CloneDirectory.Delete(Work);
    }
}
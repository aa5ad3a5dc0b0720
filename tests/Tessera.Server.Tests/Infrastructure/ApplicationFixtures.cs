using Tessera.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace Tessera.Server.Tests.Infrastructure;

/// <summary>One application on one fresh database per test class.</summary>
public abstract class ApplicationFixture : IAsyncLifetime
{
    private readonly Dictionary<Type, Task<object>> _shared = [];
    private readonly Lock _sharedLock = new();
    private TesseraApplication? _app;

    public TesseraApplication App => _app ?? throw new InvalidOperationException("The application did not start; see EnsureAvailable.");

    public abstract string Provider { get; }

    public virtual void EnsureAvailable()
    {
    }

    /// <summary>
    /// Set-up data built once per fixture (one database) and then only read, such as the world that the bad-input
    /// cases aim at; <paramref name="create"/> runs on first use.
    /// </summary>
    public async Task<T> SharedAsync<T>(Func<TesseraApplication, Task<T>> create)
        where T : class
    {
        Task<object> task;
        lock (_sharedLock)
        {
            if (!_shared.TryGetValue(typeof(T), out task!))
            {
                task = CreateSharedAsync(create);
                _shared[typeof(T)] = task;
            }
        }

        return (T)await task;
    }

    private async Task<object> CreateSharedAsync<T>(Func<TesseraApplication, Task<T>> create)
        where T : class => await create(App);

    public async ValueTask InitializeAsync()
    {
        var url = await CreateDatabaseUrlAsync();
        if (url is null)
        {
            return;
        }

        _app = new TesseraApplication(url);
        using var warmUp = _app.CreateClient();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A DATABASE_URL for a new, empty database, or null when the provider is unavailable.</summary>
    public abstract Task<string?> CreateDatabaseUrlAsync();
}

public sealed class SqliteFixture : ApplicationFixture
{
    private readonly List<string> _folders = [];

    public override string Provider => "sqlite";

    public override Task<string?> CreateDatabaseUrlAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tessera-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        lock (_folders)
        {
            _folders.Add(folder);
        }

        return Task.FromResult<string?>("sqlite:///" + Path.Combine(folder, "tessera.db"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}

public sealed class PostgresFixture(PostgresCluster cluster) : ApplicationFixture
{
    public override string Provider => "postgresql";

    public override void EnsureAvailable() => cluster.EnsureAvailable();

    public override async Task<string?> CreateDatabaseUrlAsync() =>
        cluster.AdminConnectionString is null ? null : PostgresCluster.ToUrl(await cluster.CreateDatabaseAsync());
}

/// <summary>Base of HTTP test classes that run once per database provider.</summary>
public abstract class ProviderTests
{
    private readonly ApplicationFixture _fixture;

    protected ProviderTests(ApplicationFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    protected TesseraApplication App => _fixture.App;

    protected ApplicationFixture Fixture => _fixture;
}
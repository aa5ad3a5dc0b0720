using Microsoft.Extensions.Configuration;

using Tessera.Server.Hosting;

namespace Tessera.Server.Tests;

public sealed class TesseraOptionsTests
{
    private static TesseraOptions Load(params (string Key, string Value)[] values) =>
        TesseraOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void Load_NoDatabaseUrl_UsesSqliteDataFolder()
    {
        var options = Load();
        Assert.Equal(DatabaseProvider.Sqlite, options.Database.Provider);
        Assert.Contains(Path.GetFullPath("./data/tessera.db"), options.Database.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(8000, options.Port);
    }

    [Theory]
    [InlineData("sqlite:///rel/dir/t.db", "rel/dir/t.db")]
    [InlineData("sqlite:////tmp/tessera-abs/t.db", "/tmp/tessera-abs/t.db")]
    [InlineData("sqlite+aiosqlite:///rel/t2.db", "rel/t2.db")]
    public void DatabaseUrl_SqliteForms_ResolveToTheFile(string url, string path)
    {
        var parsed = DatabaseUrl.Parse(url);
        Assert.Equal(DatabaseProvider.Sqlite, parsed.Provider);
        Assert.Contains("Data Source=" + Path.GetFullPath(path), parsed.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://tess:s%40cret@db.example:6543/tessera")]
    [InlineData("postgres://tess:s%40cret@db.example:6543/tessera")]
    [InlineData("postgresql+asyncpg://tess:s%40cret@db.example:6543/tessera")]
    public void DatabaseUrl_PostgresForms_ResolveToNpgsqlSettings(string url)
    {
        var parsed = DatabaseUrl.Parse(url);
        Assert.Equal(DatabaseProvider.PostgreSql, parsed.Provider);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(parsed.ConnectionString);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("tess", builder.Username);
        Assert.Equal("s@cret", builder.Password);
        Assert.Equal("tessera", builder.Database);
        Assert.DoesNotContain("s@cret", parsed.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void DatabaseUrl_SslModeQuery_IsApplied()
    {
        var parsed = DatabaseUrl.Parse("postgresql://u@h/d?sslmode=require");
        Assert.Equal(Npgsql.SslMode.Require, new Npgsql.NpgsqlConnectionStringBuilder(parsed.ConnectionString).SslMode);
    }

    [Theory]
    [InlineData("mysql://u@h/d", "unsupported scheme")]
    [InlineData("not a url", "must be a URL")]
    [InlineData("sqlite://", "needs a file path")]
    public void DatabaseUrl_Bad_StopsWithClearMessage(string url, string message)
    {
        var e = Assert.Throws<OptionsException>(() => Load(("DATABASE_URL", url)));
        Assert.StartsWith("DATABASE_URL", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AUTH_DISABLED", "maybe", "must be true or false")]
    [InlineData("PORT", "70000", "whole number from 1 to 65535")]
    [InlineData("MAX_SCHEMA_SIZE_BYTES", "-1", "whole number")]
    [InlineData("ENVIRONMENT", "staging", "development, test or production")]
    [InlineData("BOOTSTRAP_API_KEY", "short", "at least 16")]
    [InlineData("ADMIN_USERNAME", "admin", "set together")]
    [InlineData("TESSERA_SYNC_INTERVAL", "-1", "whole number from 0 to 86400")]
    [InlineData("TESSERA_SYNC_CONCURRENCY", "0", "whole number from 1 to 32")]
    [InlineData("TESSERA_SYNC_CONCURRENCY", "33", "whole number from 1 to 32")]
    [InlineData("TESSERA_SYNC_TIMEOUT", "0", "whole number")]
    [InlineData("TESSERA_GIT_TIMEOUT", "601", "must not exceed TESSERA_SYNC_TIMEOUT")]
    [InlineData("TESSERA_REPO_MAX_SIZE_MB", "0", "whole number")]
    [InlineData("TESSERA_SYNC_MAX_FILES", "lots", "whole number")]
    [InlineData("TESSERA_SYNC_MAX_SPEC_BYTES", "10", "whole number")]
    [InlineData("TESSERA_GIT_SSL_CA_INFO", "/nonexistent/ca.pem", "does not exist")]
    [InlineData("TESSERA_GIT_ALLOW_INSECURE_HTTP", "sometimes", "must be true or false")]
    public void Load_BadValue_StopsNamingTheVariable(string key, string value, string message)
    {
        var e = Assert.Throws<OptionsException>(() => Load((key, value)));
        Assert.Equal(key, e.Variable);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepoSyncDefaults_AreTheOriginals()
    {
        var options = Load();

        Assert.Equal(Path.GetFullPath("./data/repos"), options.RepoDirectory);
        Assert.Equal((60, 4, 600, 120, 500), (options.SyncIntervalSeconds, options.SyncConcurrency, options.SyncTimeoutSeconds, options.GitTimeoutSeconds, options.RepoMaxSizeMb));
        Assert.Null(options.GitToken);
        Assert.False(options.GitAllowInsecureHttp);
    }

    [Fact]
    public void Load_RepoSyncSettings_Read()
    {
        var options = Load(("TESSERA_REPO_DIR", "rel/clones"), ("TESSERA_SYNC_INTERVAL", "0"), ("TESSERA_GIT_TOKEN", "tok"), ("TESSERA_SYNC_TIMEOUT", "30"),
            ("TESSERA_GIT_TIMEOUT", "30"), ("TESSERA_SYNC_MAX_FILES", "100"), ("TESSERA_SYNC_MAX_SPEC_BYTES", "2000"));

        Assert.Equal(Path.GetFullPath("rel/clones"), options.RepoDirectory);
        Assert.Equal((0, "tok", 30, 30, 100, 2000), (options.SyncIntervalSeconds, options.GitToken, options.SyncTimeoutSeconds, options.GitTimeoutSeconds,
            options.SyncMaxFiles, options.SyncMaxSpecBytes));
    }

    [Fact]
    public void Load_ProductionWithDefaultSecret_IsRefused()
    {
        var e = Assert.Throws<OptionsException>(() => Load(("ENVIRONMENT", "production"), ("AUTO_CREATE_TABLES", "false")));
        Assert.Equal("SESSION_SECRET_KEY", e.Variable);
    }

    [Theory]
    [InlineData("AUTH_DISABLED", "true")]
    [InlineData("RATE_LIMIT_ENABLED", "false")]
    [InlineData("AUTO_CREATE_TABLES", "true")]
    [InlineData("TESSERA_GIT_ALLOW_INSECURE_HTTP", "true")]
    public void Load_ProductionUnsafeSetting_IsRefused(string key, string value)
    {
        var settings = new Dictionary<string, string>
        {
            ["ENVIRONMENT"] = "production",
            ["SESSION_SECRET_KEY"] = "a-real-secret-for-production",
            ["AUTO_CREATE_TABLES"] = "false",
            [key] = value,
        };
        var e = Assert.Throws<OptionsException>(() => Load([.. settings.Select(kv => (kv.Key, kv.Value))]));
        Assert.Equal(key, e.Variable);
    }

    [Fact]
    public void Load_ProductionSafeSettings_Loads()
    {
        var options = Load(("ENVIRONMENT", "production"), ("SESSION_SECRET_KEY", "a-real-secret-for-production"), ("AUTO_CREATE_TABLES", "false"),
            ("CORS_ORIGINS", "[\"https://a.example\", \"https://b.example\"]"));
        Assert.True(options.IsProduction);
        Assert.Equal(["https://a.example", "https://b.example"], options.CorsOrigins);
    }

    [Fact]
    public void Load_NoRateLimitSettings_UsesTheOriginalsDefaults()
    {
        var limits = Load().RateLimits;
        Assert.True(Load().RateLimitEnabled);
        Assert.Equal(["1000/minute", "100/minute", "50/minute", "20/minute"],
            [.. new[] { RateLimitTier.Read, RateLimitTier.Write, RateLimitTier.Admin, RateLimitTier.Expensive }.Select(t => limits.For(t, agent: false).ToString())]);
        Assert.Equal(["5000/minute", "500/minute", "250/minute", "20/minute"],
            [.. new[] { RateLimitTier.Read, RateLimitTier.Write, RateLimitTier.Admin, RateLimitTier.Expensive }.Select(t => limits.For(t, agent: true).ToString())]);
        Assert.Equal("30/minute", limits.Auth.ToString());
        Assert.Equal("5000/minute", limits.Global.ToString());
    }

    [Theory]
    [InlineData("100/minute", 100, 60)]
    [InlineData("100 per minute", 100, 60)]
    [InlineData("7/second", 7, 1)]
    [InlineData("10/5 minutes", 10, 300)]
    [InlineData(" 2 / hour ", 2, 3600)]
    [InlineData("1000/Day", 1000, 86400)]
    public void Load_RateLimitNotation_IsParsed(string text, int permits, int windowSeconds)
    {
        var limit = Load(("RATE_LIMIT_WRITE", text)).RateLimits.Write;
        Assert.Equal(new RateLimit(permits, TimeSpan.FromSeconds(windowSeconds)), limit);
    }

    [Fact]
    public void Load_ExpensiveSetWithoutAgentExpensive_AgentsGetTheSameLimit()
    {
        var limits = Load(("RATE_LIMIT_EXPENSIVE", "5/minute")).RateLimits;
        Assert.Equal(RateLimit.PerMinute(5), limits.For(RateLimitTier.Expensive, agent: true));
        Assert.Equal(RateLimit.PerMinute(9), Load(("RATE_LIMIT_EXPENSIVE", "5/minute"), ("RATE_LIMIT_AGENT_EXPENSIVE", "9/minute")).RateLimits.AgentExpensive);
    }

    [Theory]
    [InlineData("RATE_LIMIT_READ", "lots")]
    [InlineData("RATE_LIMIT_WRITE", "100")]
    [InlineData("RATE_LIMIT_ADMIN", "0/minute")]
    [InlineData("RATE_LIMIT_EXPENSIVE", "-5/minute")]
    [InlineData("RATE_LIMIT_AUTH", "30/fortnight")]
    [InlineData("RATE_LIMIT_GLOBAL", "99999999999/minute")]
    [InlineData("RATE_LIMIT_AGENT_READ", "5/0 minutes")]
    public void Load_BadRateLimit_IsRefusedNamingTheVariable(string key, string value)
    {
        var e = Assert.Throws<OptionsException>(() => Load((key, value)));
        Assert.Equal(key, e.Variable);
    }
}
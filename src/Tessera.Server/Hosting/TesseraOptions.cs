using System.Globalization;

using Microsoft.Extensions.Configuration;

namespace Tessera.Server.Hosting;

/// <summary>
/// The server's settings, read from environment variables (api.md §4) and validated once at start-up.
/// A bad value throws <see cref="OptionsException"/> naming the variable.
/// </summary>
public sealed record TesseraOptions
{
    public const string DefaultSessionSecret = "tessera-dev-secret-key-change-in-production";

    public string Environment { get; init; } = "development";

    public DatabaseUrl Database { get; init; } = DatabaseUrl.Parse(null);

    public bool AutoCreateTables { get; init; } = true;

    public bool AuthDisabled { get; init; }

    public string? BootstrapApiKey { get; init; }

    public string SessionSecretKey { get; init; } = DefaultSessionSecret;

    public string? AdminUsername { get; init; }

    public string? AdminPassword { get; init; }

    public string AdminName { get; init; } = "Admin";

    public string? AdminEmail { get; init; }

    public bool RateLimitEnabled { get; init; } = true;

    /// <summary>The <c>RATE_LIMIT_*</c> limits (api.md §3.18, §4).</summary>
    public RateLimitSettings RateLimits { get; init; } = new();

    public IReadOnlyList<string> CorsOrigins { get; init; } =
        ["http://localhost:3000", "http://localhost:5173", "http://127.0.0.1:3000", "http://127.0.0.1:5173"];

    public int MaxSchemaSizeBytes { get; init; } = 1_000_000;

    public int MaxSchemaProperties { get; init; } = 1000;

    public int MaxSchemaNestingDepth { get; init; } = 10;

    /// <summary>Largest document an importer accepts, in UTF-8 bytes (ours; <c>SYNC_MAX_DOCUMENT_BYTES</c>).</summary>
    public int SyncMaxDocumentBytes { get; init; } = 10_000_000;

    /// <summary>Largest dbt manifest <c>/sync/dbt/*</c> accept, in bytes (<c>MAX_DBT_MANIFEST_BYTES</c>; also those routes' body limit).</summary>
    public int MaxDbtManifestBytes { get; init; } = 64_000_000;

    /// <summary>Most models, seeds, snapshots and sources one manifest may hold (<c>MAX_DBT_MANIFEST_NODES</c>).</summary>
    public int MaxDbtManifestNodes { get; init; } = 20_000;

    public string DefaultEnvironment { get; init; } = "production";

    public int ImpactDepthDefault { get; init; } = 5;

    public int ImpactDepthMax { get; init; } = 10;

    public int ProposalDefaultExpirationDays { get; init; } = 30;

    public bool ProposalAutoExpireEnabled { get; init; } = true;

    /// <summary>Seconds between expiry sweeps (ours; <c>PROPOSAL_EXPIRY_SWEEP_SECONDS</c>, 0 disables the worker).</summary>
    public int ProposalExpirySweepSeconds { get; init; } = 300;

    public int PaginationLimitDefault { get; init; } = 50;

    public int PaginationLimitMax { get; init; } = 100;

    public int Port { get; init; } = 8000;

    /// <summary>TESSERA_REPO_DIR: where repo clones live (<c>&lt;dir&gt;/&lt;repo id&gt;</c>), as an absolute path.</summary>
    public string RepoDirectory { get; init; } = Path.GetFullPath("./data/repos");

    /// <summary>TESSERA_GIT_TOKEN: https token for repos without their own git_token. Never logged.</summary>
    public string? GitToken { get; init; }

    /// <summary>TESSERA_SYNC_INTERVAL: seconds between the sync worker's looks for due repos; 0 disables the worker.</summary>
    public int SyncIntervalSeconds { get; init; } = 60;

    /// <summary>TESSERA_SYNC_CONCURRENCY: repos synced at once by one server process.</summary>
    public int SyncConcurrency { get; init; } = 4;

    /// <summary>TESSERA_SYNC_TIMEOUT: seconds one repo's whole sync may take.</summary>
    public int SyncTimeoutSeconds { get; init; } = 600;

    /// <summary>TESSERA_GIT_TIMEOUT: seconds one git command may take before it is killed.</summary>
    public int GitTimeoutSeconds { get; init; } = 120;

    /// <summary>TESSERA_REPO_MAX_SIZE_MB: a clone larger than this on disk is deleted and the sync fails.</summary>
    public int RepoMaxSizeMb { get; init; } = 500;

    /// <summary>TESSERA_SYNC_MAX_FILES (ours): files and folders one sync may list while looking for specs.</summary>
    public int SyncMaxFiles { get; init; } = 20_000;

    /// <summary>TESSERA_SYNC_MAX_SPEC_BYTES (ours): the largest spec file a sync reads.</summary>
    public int SyncMaxSpecBytes { get; init; } = 5_000_000;

    /// <summary>TESSERA_GIT_SSL_CA_INFO (ours): a CA bundle (PEM) git trusts for https remotes.</summary>
    public string? GitSslCaInfo { get; init; }

    /// <summary>
    /// TESSERA_GIT_ALLOW_INSECURE_HTTP (ours, development and tests only): also allow plain http:// remotes on a loopback
    /// address. Refused in production.
    /// </summary>
    public bool GitAllowInsecureHttp { get; init; }

    public bool IsProduction => Environment == "production";

    public static TesseraOptions Load(IConfiguration configuration)
    {
        string? Get(string key) => configuration[key] is { } v && v.Trim().Length > 0 ? v.Trim() : null;

        var environment = (Get("ENVIRONMENT") ?? "development").ToLowerInvariant();
        if (environment is not ("development" or "test" or "production"))
        {
            throw new OptionsException("ENVIRONMENT", $"must be development, test or production, not '{environment}'");
        }

        var options = new TesseraOptions
        {
            Environment = environment,
            Database = DatabaseUrl.Parse(Get("DATABASE_URL")),
            AutoCreateTables = Bool(Get, "AUTO_CREATE_TABLES", true),
            AuthDisabled = Bool(Get, "AUTH_DISABLED", false),
            BootstrapApiKey = Get("BOOTSTRAP_API_KEY"),
            SessionSecretKey = Get("SESSION_SECRET_KEY") ?? DefaultSessionSecret,
            AdminUsername = Get("ADMIN_USERNAME"),
            AdminPassword = Get("ADMIN_PASSWORD"),
            AdminName = Get("ADMIN_NAME") ?? "Admin",
            AdminEmail = Get("ADMIN_EMAIL"),
            RateLimitEnabled = Bool(Get, "RATE_LIMIT_ENABLED", true),
            RateLimits = RateLimitSettings.Load(Get),
            CorsOrigins = Get("CORS_ORIGINS") is { } cors ? List(cors) : new TesseraOptions().CorsOrigins,
            MaxSchemaSizeBytes = Int(Get, "MAX_SCHEMA_SIZE_BYTES", 1_000_000, 1, 100_000_000),
            MaxSchemaProperties = Int(Get, "MAX_SCHEMA_PROPERTIES", 1000, 1, 1_000_000),
            MaxSchemaNestingDepth = Int(Get, "MAX_SCHEMA_NESTING_DEPTH", 10, 1, 100),
            SyncMaxDocumentBytes = Int(Get, "SYNC_MAX_DOCUMENT_BYTES", 10_000_000, 1_000, 16_000_000),
            MaxDbtManifestBytes = Int(Get, "MAX_DBT_MANIFEST_BYTES", 64_000_000, 1_000, 1_000_000_000),
            MaxDbtManifestNodes = Int(Get, "MAX_DBT_MANIFEST_NODES", 20_000, 1, 1_000_000),
            DefaultEnvironment = Get("DEFAULT_ENVIRONMENT") ?? "production",
            ImpactDepthDefault = Int(Get, "IMPACT_DEPTH_DEFAULT", 5, 1, 100),
            ImpactDepthMax = Int(Get, "IMPACT_DEPTH_MAX", 10, 1, 100),
            ProposalDefaultExpirationDays = Int(Get, "PROPOSAL_DEFAULT_EXPIRATION_DAYS", 30, 1, 3650),
            ProposalAutoExpireEnabled = Bool(Get, "PROPOSAL_AUTO_EXPIRE_ENABLED", true),
            ProposalExpirySweepSeconds = Int(Get, "PROPOSAL_EXPIRY_SWEEP_SECONDS", 300, 0, 86_400),
            PaginationLimitDefault = Int(Get, "PAGINATION_LIMIT_DEFAULT", 50, 1, 1000),
            PaginationLimitMax = Int(Get, "PAGINATION_LIMIT_MAX", 100, 1, 1000),
            Port = Int(Get, "PORT", 8000, 1, 65535),
            RepoDirectory = Path.GetFullPath(Get("TESSERA_REPO_DIR") ?? "./data/repos"),
            GitToken = Get("TESSERA_GIT_TOKEN"),
            SyncIntervalSeconds = Int(Get, "TESSERA_SYNC_INTERVAL", 60, 0, 86_400),
            SyncConcurrency = Int(Get, "TESSERA_SYNC_CONCURRENCY", 4, 1, 32),
            SyncTimeoutSeconds = Int(Get, "TESSERA_SYNC_TIMEOUT", 600, 1, 86_400),
            GitTimeoutSeconds = Int(Get, "TESSERA_GIT_TIMEOUT", 120, 1, 86_400),
            RepoMaxSizeMb = Int(Get, "TESSERA_REPO_MAX_SIZE_MB", 500, 1, 1_000_000),
            SyncMaxFiles = Int(Get, "TESSERA_SYNC_MAX_FILES", 20_000, 1, 10_000_000),
            SyncMaxSpecBytes = Int(Get, "TESSERA_SYNC_MAX_SPEC_BYTES", 5_000_000, 1_000, 100_000_000),
            GitSslCaInfo = Get("TESSERA_GIT_SSL_CA_INFO"),
            GitAllowInsecureHttp = Bool(Get, "TESSERA_GIT_ALLOW_INSECURE_HTTP", false),
        };
        if (options.BootstrapApiKey is { Length: < 16 })
        {
            throw new OptionsException("BOOTSTRAP_API_KEY", "must be at least 16 characters");
        }

        if ((options.AdminUsername is null) != (options.AdminPassword is null))
        {
            throw new OptionsException("ADMIN_USERNAME", "and ADMIN_PASSWORD must be set together");
        }

        if (options.AdminPassword is { Length: < 8 or > 128 })
        {
            throw new OptionsException("ADMIN_PASSWORD", "must be 8–128 characters");
        }

        if (options.PaginationLimitDefault > options.PaginationLimitMax)
        {
            throw new OptionsException("PAGINATION_LIMIT_DEFAULT", "must not exceed PAGINATION_LIMIT_MAX");
        }

        if (options.ImpactDepthDefault > options.ImpactDepthMax)
        {
            throw new OptionsException("IMPACT_DEPTH_DEFAULT", "must not exceed IMPACT_DEPTH_MAX");
        }

        if (options.GitTimeoutSeconds > options.SyncTimeoutSeconds)
        {
            throw new OptionsException("TESSERA_GIT_TIMEOUT", "must not exceed TESSERA_SYNC_TIMEOUT (one git command cannot outlast the whole sync)");
        }

        if (options.GitSslCaInfo is { } caInfo && !File.Exists(caInfo))
        {
            throw new OptionsException("TESSERA_GIT_SSL_CA_INFO", $"names a file that does not exist: '{caInfo}'");
        }

        if (options.RepoDirectory.Contains('\n', StringComparison.Ordinal) || options.RepoDirectory.Contains('\0', StringComparison.Ordinal))
        {
            throw new OptionsException("TESSERA_REPO_DIR", "must not contain line breaks or NUL characters");
        }

        if (environment is not ("development" or "test") && options.SessionSecretKey == DefaultSessionSecret)
        {
            throw new OptionsException("SESSION_SECRET_KEY", "must be changed from its default outside development and test");
        }

        if (options.IsProduction)
        {
            if (options.AuthDisabled)
            {
                throw new OptionsException("AUTH_DISABLED", "must be false in production");
            }

            if (!options.RateLimitEnabled)
            {
                throw new OptionsException("RATE_LIMIT_ENABLED", "must be true in production");
            }

            if (options.GitAllowInsecureHttp)
            {
                throw new OptionsException("TESSERA_GIT_ALLOW_INSECURE_HTTP", "must be false in production: git remotes use https or ssh");
            }

            if (options.AutoCreateTables)
            {
                throw new OptionsException("AUTO_CREATE_TABLES",
                    "must be false in production: apply migrations with `Tessera.Server migrate` before starting");
            }
        }

        return options;
    }

    private static bool Bool(Func<string, string?> get, string key, bool fallback) => get(key)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        var other => throw new OptionsException(key, $"must be true or false, not '{other}'"),
    };

    private static int Int(Func<string, string?> get, string key, int fallback, int min, int max)
    {
        var text = get(key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new OptionsException(key, $"must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    private static List<string> List(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<List<string>>(trimmed) ?? [];
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new OptionsException("CORS_ORIGINS", $"is not a valid JSON list: {e.Message}");
            }
        }

        return [.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
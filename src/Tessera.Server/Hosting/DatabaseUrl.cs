using Npgsql;

namespace Tessera.Server.Hosting;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>
/// <c>DATABASE_URL</c> read into a provider and an ADO.NET connection string. Accepts
/// <c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c>, <c>sqlite+aiosqlite:///…</c>, and
/// <c>postgresql://</c>, <c>postgres://</c>, <c>postgresql+asyncpg://</c> URLs (DECISIONS §4).
/// </summary>
public sealed record DatabaseUrl(DatabaseProvider Provider, string ConnectionString, string Display)
{
    public const string DefaultSqlitePath = "./data/tessera.db";

    public static DatabaseUrl Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Sqlite(DefaultSqlitePath);
        }

        var text = url.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new OptionsException("DATABASE_URL", "must be a URL such as sqlite:///data/tessera.db or postgresql://user:pass@host:5432/db");
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        switch (scheme)
        {
            case "sqlite" or "sqlite+aiosqlite" or "sqlite+pysqlite":
                // sqlite:///relative/path.db → "/relative/path.db" after the scheme; one more slash makes it absolute.
                if (!rest.StartsWith('/') || rest.Length < 2)
                {
                    throw new OptionsException("DATABASE_URL", "a SQLite URL needs a file path: sqlite:///relative.db or sqlite:////absolute/path.db");
                }

                var path = rest[1..];
                var query = path.IndexOf('?', StringComparison.Ordinal);
                if (query >= 0)
                {
                    path = path[..query];
                }

                return path.Length == 0
                    ? throw new OptionsException("DATABASE_URL", "a SQLite URL needs a file path")
                    : Sqlite(Uri.UnescapeDataString(path));
            case "postgresql" or "postgres" or "postgresql+asyncpg" or "postgresql+psycopg" or "postgresql+psycopg2":
                return Postgres(text, rest);
            default:
                throw new OptionsException("DATABASE_URL", $"unsupported scheme '{scheme}': use sqlite:/// or postgresql://");
        }
    }

    private static DatabaseUrl Sqlite(string path) =>
        new(DatabaseProvider.Sqlite, Data.Sqlite.SqliteDatabase.ConnectionString(path), $"sqlite:{Path.GetFullPath(path)}");

    private static DatabaseUrl Postgres(string original, string rest)
    {
        Uri uri;
        try
        {
            uri = new Uri("postgresql://" + rest);
        }
        catch (UriFormatException e)
        {
            throw new OptionsException("DATABASE_URL", $"is not a valid PostgreSQL URL: {e.Message}");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new OptionsException("DATABASE_URL", "a PostgreSQL URL needs a host");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database.Length == 0 ? "postgres" : database,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]).ToLowerInvariant();
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (key)
            {
                case "sslmode" or "ssl":
                    builder.SslMode = value.ToLowerInvariant() switch
                    {
                        "disable" or "false" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" or "true" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new OptionsException("DATABASE_URL", $"unknown sslmode '{value}'"),
                    };
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    break;
            }
        }

        var display = original.Contains('@', StringComparison.Ordinal)
            ? original[..(original.IndexOf("://", StringComparison.Ordinal) + 3)] + "***@" + original[(original.LastIndexOf('@') + 1)..]
            : original;
        return new DatabaseUrl(DatabaseProvider.PostgreSql, builder.ToString(), display);
    }
}
using Microsoft.EntityFrameworkCore;

using Tessera.Core.Persistence;
using Tessera.Data.PostgreSql;
using Tessera.Data.Sqlite;
using Tessera.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace Tessera.Core.Tests.Persistence;

/// <summary>Fresh, migrated databases of either provider for use-case tests.</summary>
public static class Databases
{
    public static async Task<TesseraDbContext> SqliteAsync(bool migrate = true)
    {
        var path = Path.Combine(Path.GetTempPath(), "tessera-core-" + Guid.NewGuid().ToString("N")[..12], "t.db");
        var db = new TesseraDbContext(SqliteDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), SqliteDatabase.ConnectionString(path)).Options);
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }

        return db;
    }

    public static async Task<TesseraDbContext> PostgresAsync(PostgresCluster cluster, bool migrate = true)
    {
        var connection = await cluster.CreateDatabaseAsync();
        var db = new TesseraDbContext(PostgresDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), connection).Options);
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }

        return db;
    }
}
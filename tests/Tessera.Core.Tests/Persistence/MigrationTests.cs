using System.Data.Common;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Audit;
using Tessera.Core.Persistence;
using Tessera.Data.PostgreSql;
using Tessera.Data.Sqlite;
using Tessera.Testing;

namespace Tessera.Core.Tests.Persistence;

public sealed class MigrationTests(PostgresCluster cluster)
{
    [Fact]
    public void SqliteMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = new TesseraDbContext(SqliteDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), "Data Source=unused.db").Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a SQLite migration (see src/Tessera.Data.Sqlite/README.md).");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = new TesseraDbContext(PostgresDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), "Host=unused").Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a PostgreSQL migration (see src/Tessera.Data.PostgreSql/README.md).");
    }

    [Fact]
    public async Task Sqlite_Migrated_UsesWalJournal()
    {
        await using var db = await Databases.SqliteAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(30000L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task SqliteAuditEvents_UpdateOrDelete_AreRefused()
    {
        await using var db = await Databases.SqliteAsync();
        await AssertAppendOnlyAsync(db);
    }

    [Fact]
    public async Task PostgresAuditEvents_UpdateOrDelete_AreRefused()
    {
        cluster.EnsureAvailable();
        await using var db = await Databases.PostgresAsync(cluster);
        await AssertAppendOnlyAsync(db);
    }

    private static async Task AssertAppendOnlyAsync(TesseraDbContext db)
    {
        var row = new AuditEvent { EntityType = "team", EntityId = Guid.NewGuid(), Action = "team.created", OccurredAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.AuditEvents.Add(row);
        await db.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEvents.Where(e => e.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Action, "tampered")));
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEvents.Where(e => e.Id == row.Id).ExecuteDeleteAsync());
        db.ChangeTracker.Clear();
        var stored = await db.AuditEvents.SingleAsync(e => e.Id == row.Id);
        Assert.Equal("team.created", stored.Action);
    }
}
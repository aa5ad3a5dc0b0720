using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tessera.Core.Persistence;

/// <summary>
/// Serialises workflow steps on one asset across requests and server processes: a transaction that holds a
/// row lock on the asset (PostgreSQL <c>SELECT … FOR UPDATE</c>) or the database write lock (SQLite
/// <c>BEGIN IMMEDIATE</c>, waited for through the busy timeout).
/// </summary>
public static class WriteLock
{
    private const long GlobalLockKey = 0x7e55e7a;

    public static async Task<IDbContextTransaction> BeginAsync(TesseraDbContext db, Guid? assetId, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres && assetId is { } id)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM assets WHERE id = {id} FOR UPDATE", cancellationToken);
        }
        else if (db.IsPostgres)
        {
            // Set-up work with no row to lock (bootstrap): one global advisory lock for this transaction.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({GlobalLockKey})", cancellationToken);
        }

        return transaction;
    }

    /// <summary>
    /// A transaction that holds the lock of every asset in <paramref name="assetIds"/> (PostgreSQL: row locks taken in id
    /// order, so two batches cannot deadlock; SQLite: the database write lock).
    /// </summary>
    public static async Task<IDbContextTransaction> BeginManyAsync(TesseraDbContext db, IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres)
        {
            var ids = assetIds.ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM assets WHERE id = ANY({ids}) ORDER BY id FOR UPDATE", cancellationToken);
        }

        return transaction;
    }

    /// <summary>Locks one more asset inside an open transaction (PostgreSQL; SQLite already holds the write lock).</summary>
    public static async Task LockAsync(TesseraDbContext db, Guid assetId, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM assets WHERE id = {assetId} FOR UPDATE", cancellationToken);
        }
    }
}
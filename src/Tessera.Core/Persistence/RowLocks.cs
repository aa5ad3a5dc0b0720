using Microsoft.EntityFrameworkCore;

namespace Tessera.Core.Persistence;

/// <summary>
/// Row locks for the ownership chain repo → service → asset, taken inside an open transaction. On PostgreSQL a
/// <c>FOR UPDATE</c> (deleting or changing the row) or <c>FOR SHARE</c> (hanging something off it) lock, so a
/// service cannot be created under a repo that is being deleted, nor an asset attached to a service that is being
/// deleted; the caller re-reads the row afterwards and sees the committed state. On SQLite the transaction
/// already holds the database write lock (<c>BEGIN IMMEDIATE</c>), so nothing more is needed.
/// </summary>
public static class RowLocks
{
    public static async Task RepoAsync(TesseraDbContext db, Guid repoId, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await (exclusive
                ? db.Database.ExecuteSqlAsync($"SELECT 1 FROM repos WHERE id = {repoId} FOR UPDATE", cancellationToken)
                : db.Database.ExecuteSqlAsync($"SELECT 1 FROM repos WHERE id = {repoId} FOR SHARE", cancellationToken));
        }
    }

    public static async Task ServiceAsync(TesseraDbContext db, Guid serviceId, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await (exclusive
                ? db.Database.ExecuteSqlAsync($"SELECT 1 FROM services WHERE id = {serviceId} FOR UPDATE", cancellationToken)
                : db.Database.ExecuteSqlAsync($"SELECT 1 FROM services WHERE id = {serviceId} FOR SHARE", cancellationToken));
        }
    }
}
using Microsoft.EntityFrameworkCore;

using Tessera.Core.Persistence;

namespace Tessera.Core.Repos;

/// <summary>
/// The claim on a repo that lets exactly one sync run at a time, across server processes: a conditional
/// <c>UPDATE repos SET sync_lease_owner = …, sync_lease_expires_at = … WHERE id = … AND (lease free or lapsed)</c>,
/// judged by its affected row count. The database serialises the two updates (a row lock on PostgreSQL, the write
/// lock on SQLite), so of two claimants one sees one row changed and the other none. A lease lapses on its own, so a
/// crashed process cannot block a repo for ever.
/// </summary>
public static class RepoSyncLease
{
    /// <summary>Takes the lease unless another holder's lease is still running.</summary>
    /// <param name="lastSyncedAt">When given, the claim also requires <c>last_synced_at</c> to still be this value: the
    /// repo was not synced by someone else since the caller decided it was due.</param>
    public static async Task<bool> TryClaimAsync(TesseraDbContext db, Guid repoId, string owner, DateTime now, DateTime until, CancellationToken cancellationToken,
        bool checkLastSynced = false, DateTime? lastSyncedAt = null)
    {
        var query = db.Repos.Where(r => r.Id == repoId && r.DeletedAt == null
            && (r.SyncLeaseOwner == null || r.SyncLeaseExpiresAt == null || r.SyncLeaseExpiresAt < now));
        if (checkLastSynced)
        {
            query = lastSyncedAt is { } seen ? query.Where(r => r.LastSyncedAt == seen) : query.Where(r => r.LastSyncedAt == null);
        }

        var changed = await query.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.SyncLeaseOwner, owner)
            .SetProperty(r => r.SyncLeaseExpiresAt, until), cancellationToken);
        return changed == 1;
    }

    /// <summary>Gives the lease back, if this owner still holds it.</summary>
    public static Task<int> ReleaseAsync(TesseraDbContext db, Guid repoId, string owner, CancellationToken cancellationToken) =>
        db.Repos.Where(r => r.Id == repoId && r.SyncLeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.SyncLeaseOwner, (string?)null)
            .SetProperty(r => r.SyncLeaseExpiresAt, (DateTime?)null), cancellationToken);
}
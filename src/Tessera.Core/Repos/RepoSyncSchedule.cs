using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Repos;

/// <summary>
/// Which repos the worker should sync now: sync enabled, not deleted, with spec_paths, no running lease, and whose
/// last sync (any outcome) is at least the repo's own <c>poll_interval_seconds</c> ago — or never synced. Oldest first.
/// (The original ignored poll_interval_seconds and used the global interval; api.md §1.3 ⚠.)
/// </summary>
public static class RepoSyncSchedule
{
    public static async Task<IReadOnlyList<Guid>> DueAsync(TesseraDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var candidates = await db.Repos.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.SyncEnabled && r.SpecPathsJson != "[]"
                && (r.SyncLeaseOwner == null || r.SyncLeaseExpiresAt == null || r.SyncLeaseExpiresAt < now))
            .Select(r => new { r.Id, r.LastSyncedAt, r.PollIntervalSeconds, r.SpecPathsJson })
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Where(r => IsDue(r.SpecPathsJson, r.LastSyncedAt, r.PollIntervalSeconds, now))
            .OrderBy(r => r.LastSyncedAt ?? DateTime.MinValue)
            .ThenBy(r => r.Id)
            .Select(r => r.Id)];
    }

    /// <summary>Whether a repo with these settings is due at <paramref name="now"/> (leases and flags aside).</summary>
    public static bool IsDue(Repo repo, DateTime now) =>
        repo.DeletedAt is null && repo.SyncEnabled && IsDue(repo.SpecPathsJson, repo.LastSyncedAt, repo.PollIntervalSeconds, now);

    private static bool IsDue(string specPathsJson, DateTime? lastSyncedAt, int pollIntervalSeconds, DateTime now) =>
        StoredJson.ReadList(specPathsJson).Count > 0 && (lastSyncedAt is not { } last || last.AddSeconds(Math.Max(pollIntervalSeconds, 1)) <= now);
}
/// <summary>Removes the clones of repos that were deleted (or never existed) from TESSERA_REPO_DIR.</summary>
public static class RepoClones
{
    public static async Task<IReadOnlyList<Guid>> PruneAsync(TesseraDbContext db, string repoDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(repoDirectory))
        {
            return [];
        }

        var clones = new List<(Guid Id, string Path)>();
        foreach (var directory in Directory.EnumerateDirectories(repoDirectory))
        {
            if (Guid.TryParseExact(Path.GetFileName(directory), "D", out var id))
            {
                clones.Add((id, directory));
            }
        }

        var removed = new List<Guid>();
        foreach (var chunk in clones.Chunk(500))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            var live = await db.Repos.AsNoTracking().Where(r => ids.Contains(r.Id) && r.DeletedAt == null).Select(r => r.Id).ToListAsync(cancellationToken);
            foreach (var (id, path) in chunk.Where(c => !live.Contains(c.Id)))
            {
                CloneDirectory.Delete(path);
                removed.Add(id);
            }
        }

        return removed;
    }
}
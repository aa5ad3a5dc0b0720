using Tessera.Core.Persistence;
using Tessera.Core.Repos;
using Tessera.Server.Hosting;

namespace Tessera.Server.Workers;

/// <summary>
/// Every TESSERA_SYNC_INTERVAL seconds (0 disables it), syncs the repos that are due (<see cref="RepoSyncSchedule"/>),
/// at most TESSERA_SYNC_CONCURRENCY at once, each in its own DI scope. Each repo is claimed through the database
/// (<see cref="RepoSyncLease"/>), so several server processes may run this worker without syncing a repo twice. Clones
/// of deleted repos are removed on each tick.
/// </summary>
public sealed class RepoSyncWorker(IServiceScopeFactory scopes, TimeProvider clock, TesseraOptions options, ILogger<RepoSyncWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SyncIntervalSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.SyncIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Repo sync tick failed");
            }
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
            due = await RepoSyncSchedule.DueAsync(db, clock.GetUtcNow().UtcDateTime, stoppingToken);
            var pruned = await RepoClones.PruneAsync(db, options.RepoDirectory, stoppingToken);
            if (pruned.Count > 0)
            {
                logger.LogInformation("Removed {Count} clone(s) of deleted repos", pruned.Count);
            }
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.SyncConcurrency, CancellationToken = stoppingToken },
            async (repoId, cancellationToken) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<RepoSynchronizer>().SyncDueAsync(repoId, cancellationToken);
                    if (result is { Success: false })
                    {
                        logger.LogWarning("Repo {RepoId} sync failed: {Errors}", repoId, string.Join("; ", result.Errors));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Repo {RepoId} sync failed", repoId);
                }
            });
    }
}
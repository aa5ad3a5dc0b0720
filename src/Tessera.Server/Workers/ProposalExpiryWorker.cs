using Tessera.Core.Proposals;
using Tessera.Server.Hosting;

namespace Tessera.Server.Workers;

/// <summary>
/// Expires pending proposals past <c>expires_at</c> every PROPOSAL_EXPIRY_SWEEP_SECONDS. Each proposal is
/// expired under its asset's lock, so several replicas may sweep at once without expiring anything twice.
/// </summary>
public sealed class ProposalExpiryWorker(IServiceScopeFactory scopes, TimeProvider clock, TesseraOptions options, ILogger<ProposalExpiryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ProposalExpirySweepSeconds <= 0 || !options.ProposalAutoExpireEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ProposalExpirySweepSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<ProposalWorkflow>().ExpireDueAsync(null, stoppingToken);
                if (expired.Count > 0)
                {
                    logger.LogInformation("Expired {Count} proposal(s)", expired.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Proposal expiry sweep failed");
            }
        }
    }
}
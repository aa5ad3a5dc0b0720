using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Lineage;
using Tessera.Core.Persistence;
using Tessera.Core.Proposals;

namespace Tessera.Core.Assets;

/// <summary>An asset linked to another by a live lineage edge, with its owner team.</summary>
public sealed record LinkedAsset(Guid AssetId, string Fqn, ResourceType ResourceType, DependencyType DependencyType, Guid OwnerTeamId, string OwnerTeamName);

/// <summary>Everything about one asset in one answer (api.md §2.3 <c>/assets/{id}/context</c>).</summary>
public sealed record AssetContextView(
    AssetView Asset, Contract? Current, int ContractHistoryCount, IReadOnlyList<ConsumerParty> Consumers, IReadOnlyList<LinkedAsset> Upstream,
    IReadOnlyList<LinkedAsset> Downstream, IReadOnlyList<Proposal> OpenProposals);

/// <summary>
/// The one-shot aggregate view of an asset: the asset and its owner, the active contract, the active consumers
/// (registrations on any version), one hop of lineage both ways with owner teams, and the open proposals.
/// </summary>
public sealed class AssetContextQuery(TesseraDbContext db, AssetService assets)
{
    public async Task<AssetContextView> ByIdAsync(Guid assetId, CancellationToken cancellationToken) =>
        await BuildAsync(await assets.FindAsync(assetId, cancellationToken), cancellationToken);

    /// <summary>
    /// By FQN. When the FQN exists in several environments, <paramref name="environment"/> picks one; without it the
    /// answer is a 422 naming the environments (the original answered 500).
    /// </summary>
    public async Task<AssetContextView> ByFqnAsync(string? fqn, string? environment, CancellationToken cancellationToken)
    {
        var clean = fqn?.Trim() ?? "";
        if (clean.Length == 0)
        {
            throw DomainException.Invalid("fqn", "fqn is required", "missing");
        }

        var query = db.Assets.Where(a => a.Fqn == clean && a.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(environment))
        {
            var env = environment.Trim();
            query = query.Where(a => a.Environment == env);
        }

        var matches = await query.OrderBy(a => a.Environment).Take(20).ToListAsync(cancellationToken);
        return matches.Count switch
        {
            0 => throw DomainException.NotFound(ErrorCodes.AssetNotFound, $"No asset with fqn '{clean}'"),
            1 => await BuildAsync(matches[0], cancellationToken),
            _ => throw DomainException.Invalid("environment",
                $"fqn '{clean}' exists in several environments ({string.Join(", ", matches.Select(a => a.Environment))}); pass environment to choose one",
                "ambiguous"),
        };
    }

    private async Task<AssetContextView> BuildAsync(Asset asset, CancellationToken cancellationToken)
    {
        var view = await assets.ViewAsync(asset, cancellationToken);
        var current = await db.Contracts.Where(c => c.AssetId == asset.Id && c.Status == ContractStatus.Active).FirstOrDefaultAsync(cancellationToken);
        var history = await db.Contracts.CountAsync(c => c.AssetId == asset.Id, cancellationToken);
        var consumers = await AffectedParties.ConsumersAsync(db, asset.Id, cancellationToken);
        var upstream = await (from d in db.Dependencies
                              join a in db.Assets on d.DependencyAssetId equals a.Id
                              join t in db.Teams on a.OwnerTeamId equals t.Id
                              where d.DependentAssetId == asset.Id && d.DeletedAt == null && a.DeletedAt == null
                              select new LinkedAsset(a.Id, a.Fqn, a.ResourceType, d.DependencyType, a.OwnerTeamId, t.Name)).ToListAsync(cancellationToken);
        var downstream = await AffectedParties.DownstreamAsync(db, asset.Id, 1, cancellationToken);
        var proposals = await db.Proposals.Where(p => p.AssetId == asset.Id && (p.Status == ProposalStatus.Pending || p.Status == ProposalStatus.Approved))
            .OrderByDescending(p => p.ProposedAt).ToListAsync(cancellationToken);
        return new AssetContextView(view, current, history, consumers,
            [.. upstream.OrderBy(u => u.Fqn, StringComparer.Ordinal).ThenBy(u => u.AssetId)],
            [.. downstream.Assets.Select(d => new LinkedAsset(d.AssetId, d.Fqn, d.ResourceType, d.DependencyType, d.OwnerTeamId, d.OwnerTeamName))],
            proposals);
    }
}
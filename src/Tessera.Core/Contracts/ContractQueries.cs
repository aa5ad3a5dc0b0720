using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Contracts;

public sealed record ContractView(Contract Contract, string? AssetFqn, string? PublisherName);

/// <summary>Reading contracts: by id, per asset, across assets.</summary>
public sealed class ContractQueries(TesseraDbContext db)
{
    public async Task<ContractView> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Contracts.Where(c => c.Id == id)
            .Select(c => new ContractView(c, db.Assets.Where(a => a.Id == c.AssetId).Select(a => a.Fqn).FirstOrDefault(),
                db.Teams.Where(t => t.Id == c.PublishedBy).Select(t => t.Name).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.ContractNotFound, "Contract not found");

    public async Task<Page<ContractView>> ListAsync(Guid? assetId, ContractStatus? status, string? version, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Contracts.AsQueryable();
        if (assetId is { } a)
        {
            query = query.Where(c => c.AssetId == a);
        }

        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(version))
        {
            query = query.Where(c => c.Version.Contains(version));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Version).Skip(page.Offset).Take(page.Limit)
            .Select(c => new ContractView(c, db.Assets.Where(x => x.Id == c.AssetId).Select(x => x.Fqn).FirstOrDefault(),
                db.Teams.Where(t => t.Id == c.PublishedBy).Select(t => t.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new Page<ContractView>(rows, total, page.Limit, page.Offset);
    }
}
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Schemas;

namespace Tessera.Core.Contracts;

/// <summary>Version history with change annotations, and the diff of two stored versions.</summary>
public sealed class ContractHistory(TesseraDbContext db, SchemaGate gate, SourceDocumentStore documents)
{
    public async Task<JsonObject> HistoryAsync(Guid assetId, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        var contracts = await db.Contracts.Where(c => c.AssetId == assetId).OrderBy(c => c.PublishedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var items = new List<JsonNode>();
        for (var i = 0; i < contracts.Count; i++)
        {
            var c = contracts[i];
            string changeType = "initial";
            var breaking = 0;
            if (i > 0)
            {
                var diff = await DiffAsync(contracts[i - 1], c, cancellationToken);
                changeType = ContractPublisher.ToVersionChange(diff.ChangeType).ToWire();
                breaking = diff.BlockingFor(ContractPublisher.ToEngine(contracts[i - 1].CompatibilityMode)).Count;
            }

            items.Add(new JsonObject
            {
                ["id"] = c.Id.ToString(),
                ["version"] = c.Version,
                ["status"] = c.Status.ToWire(),
                ["published_at"] = c.PublishedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["published_by"] = c.PublishedBy.ToString(),
                ["compatibility_mode"] = c.CompatibilityMode.ToWire(),
                ["change_type"] = changeType,
                ["breaking_changes_count"] = breaking,
            });
        }

        items.Reverse();
        return new JsonObject { ["asset_id"] = assetId.ToString(), ["asset_fqn"] = asset.Fqn, ["contracts"] = new JsonArray([.. items]) };
    }

    public async Task<JsonObject> DiffAsync(Guid assetId, string? fromVersion, string? toVersion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fromVersion) || string.IsNullOrWhiteSpace(toVersion))
        {
            throw DomainException.Invalid(string.IsNullOrWhiteSpace(fromVersion) ? "from_version" : "to_version", "from_version and to_version are required", "missing");
        }

        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");
        var from = await db.Contracts.FirstOrDefaultAsync(c => c.AssetId == assetId && c.Version == fromVersion, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ContractNotFound, $"Version {fromVersion} not found");
        var to = await db.Contracts.FirstOrDefaultAsync(c => c.AssetId == assetId && c.Version == toVersion, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ContractNotFound, $"Version {toVersion} not found");
        var diff = await DiffAsync(from, to, cancellationToken);
        var mode = ContractPublisher.ToEngine(from.CompatibilityMode);
        return new JsonObject
        {
            ["asset_id"] = assetId.ToString(),
            ["asset_fqn"] = asset.Fqn,
            ["from_version"] = fromVersion,
            ["to_version"] = toVersion,
            ["change_type"] = ContractPublisher.ToVersionChange(diff.ChangeType).ToWire(),
            ["is_compatible"] = diff.IsCompatible(mode),
            ["breaking_changes"] = FindingWire.ToJson(diff.BlockingFor(mode), mode),
            ["all_changes"] = FindingWire.ToJson(diff.Findings, mode),
            ["compatibility_mode"] = from.CompatibilityMode.ToWire(),
        };
    }

    /// <summary>Natively when both versions keep an original in the same format (source text or an imported document), else by their views.</summary>
    private async Task<DiffResult> DiffAsync(Contract from, Contract to, CancellationToken cancellationToken)
    {
        var same = from.SchemaFormat == to.SchemaFormat && HasOriginal(from) && HasOriginal(to);
        var a = await documents.LoadAsync(from, same, cancellationToken);
        var b = await documents.LoadAsync(to, same, cancellationToken);
        return gate.Engine.Diff(a, b);
    }

    private static bool HasOriginal(Contract c) => c.SourceJson is not null || (c.SourceDocumentId is not null && c.SourceSelector is not null);
}
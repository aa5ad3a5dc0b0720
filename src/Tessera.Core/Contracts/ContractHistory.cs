using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Schemas;

namespace Tessera.Core.Contracts;

/// <summary>Version history with change annotations, and the diff of two stored versions.</summary>
public sealed class ContractHistory(TesseraDbContext db, SchemaGate gate)
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
                var diff = Diff(contracts[i - 1], c);
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
        var diff = Diff(from, to);
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

    private DiffResult Diff(Contract from, Contract to)
    {
        var same = from.SchemaFormat == to.SchemaFormat && from.SourceJson is not null && to.SourceJson is not null;
        var a = same ? gate.Load(from.SourceJson!, from.SchemaFormat) : gate.Load(from.SchemaJson, StoredSchemaFormat.JsonSchema);
        var b = same ? gate.Load(to.SourceJson!, to.SchemaFormat) : gate.Load(to.SchemaJson, StoredSchemaFormat.JsonSchema);
        return gate.Engine.Diff(a, b);
    }
}
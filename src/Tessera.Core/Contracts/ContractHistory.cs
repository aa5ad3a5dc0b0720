using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Schemas;

namespace Tessera.Core.Contracts;

/// <summary>The compare request: two stored contracts by id, or two schemas; wire enums already parsed.</summary>
public sealed record CompareInput(Guid? ContractId1, Guid? ContractId2, JsonNode? OldSchema, JsonNode? NewSchema, ContractCompatibility? Mode,
    StoredSchemaFormat? SchemaFormat);

/// <summary>What a compare found. The contracts are null when two schemas were compared.</summary>
public sealed record CompareResult(Contract? Contract1, Contract? Contract2, ContractCompatibility Mode, StoredSchemaFormat Format, VersionChange ChangeType,
    bool IsCompatible, JsonArray BreakingChanges, JsonArray AllChanges);

/// <summary>Version history with change annotations, the diff of two stored versions, and compare.</summary>
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

    /// <summary>
    /// <c>POST /contracts/compare</c> (DECISIONS §2): <c>{contract_id_1, contract_id_2}</c> (mode defaults to the first
    /// contract's) or <c>{old_schema, new_schema}</c> (mode defaults to backward, format to json_schema). Judged by
    /// the engine in the native format when both sides share it.
    /// </summary>
    public async Task<CompareResult> CompareAsync(CompareInput input, CancellationToken cancellationToken)
    {
        var byId = input.ContractId1 is not null || input.ContractId2 is not null;
        var bySchema = input.OldSchema is not null || input.NewSchema is not null;
        if (byId && bySchema)
        {
            throw DomainException.Invalid("body", "send either contract_id_1 and contract_id_2, or old_schema and new_schema, not both");
        }

        if (!byId && !bySchema)
        {
            throw DomainException.Invalid([
                new FieldError("contract_id_1", "contract_id_1 and contract_id_2 (or old_schema and new_schema) are required", "missing"),
                new FieldError("contract_id_2", "contract_id_1 and contract_id_2 (or old_schema and new_schema) are required", "missing")]);
        }

        DiffResult diff;
        Contract? first = null;
        Contract? second = null;
        ContractCompatibility mode;
        StoredSchemaFormat format;
        if (byId)
        {
            var missing = new List<FieldError>();
            if (input.ContractId1 is null)
            {
                missing.Add(new FieldError("contract_id_1", "contract_id_1 is required", "missing"));
            }

            if (input.ContractId2 is null)
            {
                missing.Add(new FieldError("contract_id_2", "contract_id_2 is required", "missing"));
            }

            if (missing.Count > 0)
            {
                throw DomainException.Invalid(missing);
            }

            first = await FindContractAsync(input.ContractId1!.Value, cancellationToken);
            second = await FindContractAsync(input.ContractId2!.Value, cancellationToken);
            diff = await DiffAsync(first, second, cancellationToken);
            mode = input.Mode ?? first.CompatibilityMode;
            format = first.SchemaFormat == second.SchemaFormat && HasOriginal(first) && HasOriginal(second) ? first.SchemaFormat : StoredSchemaFormat.JsonSchema;
        }
        else
        {
            format = input.SchemaFormat ?? StoredSchemaFormat.JsonSchema;
            var (oldDocument, _, _) = gate.Admit(input.OldSchema, format, "old_schema");
            var (newDocument, _, _) = gate.Admit(input.NewSchema, format, "new_schema");
            diff = gate.Engine.Diff(oldDocument, newDocument);
            mode = input.Mode ?? ContractCompatibility.Backward;
        }

        var engineMode = ContractPublisher.ToEngine(mode);
        return new CompareResult(first, second, mode, format, ContractPublisher.ToVersionChange(diff.ChangeType), diff.IsCompatible(engineMode),
            FindingWire.ToJson(diff.BlockingFor(engineMode), engineMode), FindingWire.ToJson(diff.Findings, engineMode));
    }

    private async Task<Contract> FindContractAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new DomainException(FailureKind.NotFound, ErrorCodes.ContractNotFound, "Contract not found",
            new Dictionary<string, object?> { ["contract_id"] = id.ToString() });

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
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Persistence;
using Tessera.Schemas;

namespace Tessera.Core.Ingestion;

/// <summary>
/// The import pipeline shared by every importer (the <c>/sync</c> endpoints and repo sync): one asset per item, and
/// each item's contract published through <see cref="ContractPublisher"/>, the same workflow as a hand publish.
/// A compatible change publishes (version suggested), a breaking one opens a proposal (or publishes at once when no
/// consumer is registered), an unchanged one is reported and nothing is written. The original document is stored once
/// and each contract points at its part of it. Items fail one by one: one bad item never stops the others.
/// </summary>
public sealed class ContractImporter(
    TesseraDbContext db, AuditLog audit, TimeProvider clock, ContractPublisher publisher, SourceDocumentStore documents, SchemaGate gate,
    AssetDefaults defaults)
{
    /// <summary>Rows per <c>IN (...)</c> lookup.</summary>
    private const int LookupChunk = 500;

    /// <summary>New assets created (and first contracts published) per transaction.</summary>
    private const int FirstImportChunk = 250;

    public async Task<ImportResult> ImportAsync(Caller caller, IReadOnlyList<ImportItem> items, ImportOptions options, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var environment = ValidateEnvironment(options.Environment ?? defaults.Environment);
        if (!await db.Teams.AnyAsync(t => t.Id == options.OwnerTeamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }

        caller.RequireTeam(options.OwnerTeamId, "the owner team");
        var results = new ImportItemResult?[items.Count];
        var candidates = Screen(items, (index, error) => results[index] = new ImportItemResult(items[index], ImportAction.Error, "failed", Error: error));

        var documentIds = new Dictionary<ImportDocument, Guid?>(ReferenceEqualityComparer.Instance);
        foreach (var document in candidates.Select(i => items[i].Source).Distinct(ReferenceEqualityComparer.Instance).Cast<ImportDocument>())
        {
            documentIds[document] = options.DryRun
                ? await documents.FindAsync(document.Content, cancellationToken)
                : await documents.SaveAsync(document.Format, document.Content, document.Parsed, cancellationToken);
        }

        var (assets, contracts) = await LoadAsync([.. candidates.Select(i => items[i].Fqn)], environment, cancellationToken);
        if (!options.DryRun)
        {
            var fresh = candidates.Where(i => !assets.ContainsKey(items[i].Fqn)).ToList();
            foreach (var chunk in fresh.Chunk(FirstImportChunk))
            {
                await ImportNewAsync(caller, items, chunk, results, documentIds, options, environment, cancellationToken);
            }
        }

        foreach (var index in candidates.Where(i => results[i] is null))
        {
            var item = items[index];
            var asset = assets.GetValueOrDefault(item.Fqn);
            var contract = asset is null ? null : contracts.GetValueOrDefault(asset.Id);
            try
            {
                results[index] = await ImportItemAsync(caller, item, documentIds[item.Source], asset, contract, options, environment, cancellationToken);
            }
            catch (Exception e) when (e is DomainException or SchemaParseException or ArgumentException)
            {
                results[index] = new ImportItemResult(item, ImportAction.Error, "failed", asset?.Id, Error: e.Message);
            }
            finally
            {
                // Each item is its own unit of work; nothing half-done may ride along with the next one.
                db.ChangeTracker.Clear();
            }
        }

        return new ImportResult([.. results.Select(r => r!)], options.DryRun);
    }

    /// <summary>
    /// How each item compares with the stored contracts, under their stored modes (or <paramref name="modeOverride"/>, a
    /// what-if); nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<ImportPreview>> PreviewAsync(IReadOnlyList<ImportItem> items, string? environment, CancellationToken cancellationToken,
        CompatibilityMode? modeOverride = null)
    {
        var env = ValidateEnvironment(environment ?? defaults.Environment);
        var previews = new ImportPreview?[items.Count];
        var candidates = Screen(items, (index, error) => previews[index] = new ImportPreview(items[index], null, false, false, false, null, [], error));
        var documentIds = new Dictionary<ImportDocument, Guid?>(ReferenceEqualityComparer.Instance);
        foreach (var document in candidates.Select(i => items[i].Source).Distinct(ReferenceEqualityComparer.Instance).Cast<ImportDocument>())
        {
            documentIds[document] = await documents.FindAsync(document.Content, cancellationToken);
        }

        var (assets, contracts) = await LoadAsync([.. candidates.Select(i => items[i].Fqn)], env, cancellationToken);
        foreach (var index in candidates)
        {
            var item = items[index];
            var asset = assets.GetValueOrDefault(item.Fqn);
            if (asset is null || asset.DeletedAt is not null)
            {
                previews[index] = new ImportPreview(item, null, false, false, true, null, []);
                continue;
            }

            var contract = contracts.GetValueOrDefault(asset.Id);
            try
            {
                if (contract is null)
                {
                    _ = item.View;
                    previews[index] = new ImportPreview(item, asset.Id, false, false, true, null, []);
                }
                else if (IsSameSource(contract, item, documentIds[item.Source], null) || await IsUnchangedAsync(contract, item, null, cancellationToken))
                {
                    previews[index] = new ImportPreview(item, asset.Id, true, true, true, null, [], Current: contract,
                        Mode: modeOverride ?? ContractPublisher.ToEngine(contract.CompatibilityMode));
                }
                else
                {
                    var preview = await publisher.PreviewAsync(asset, contract, item.Document, item.View, item.Source.Format, item.Guarantees, null, cancellationToken,
                        modeOverride);
                    previews[index] = new ImportPreview(item, asset.Id, true, false, preview.IsCompatible, preview.ChangeType, preview.Breaking,
                        Current: contract, Mode: preview.Mode, NonBreakingChanges: preview.NonBreaking);
                }
            }
            catch (Exception e) when (e is DomainException or SchemaParseException or ArgumentException)
            {
                previews[index] = new ImportPreview(item, asset.Id, contract is not null, false, false, null, [], e.Message);
            }
        }

        return [.. previews.Select(p => p!)];
    }

    /// <summary>
    /// Items that can be imported: built without error, a valid FQN, and an FQN no other item of the batch has (two
    /// operations such as <c>/users/{id}</c> and <c>/users/id</c> can map to one name; neither is imported then).
    /// </summary>
    private static List<int> Screen(IReadOnlyList<ImportItem> items, Action<int, string> fail)
    {
        var candidates = new List<int>();
        var byFqn = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Error is not null)
            {
                fail(i, item.Error);
                continue;
            }

            try
            {
                AssetService.ValidateFqn(item.Fqn);
            }
            catch (DomainException)
            {
                fail(i, $"'{item.Fqn}' (from {item.Selector}) is not a valid asset FQN: it needs at least two dot-separated segments, each a letter or '_' followed by letters, digits or '_'.");
                continue;
            }

            if (!byFqn.TryGetValue(item.Fqn, out var same))
            {
                byFqn[item.Fqn] = same = [];
            }

            same.Add(i);
        }

        foreach (var (fqn, indexes) in byFqn)
        {
            if (indexes.Count == 1)
            {
                candidates.Add(indexes[0]);
                continue;
            }

            var names = string.Join(", ", indexes.Select(i => items[i].Selector));
            foreach (var i in indexes)
            {
                fail(i, $"FQN collision: {names} all map to '{fqn}'; none of them was imported. Rename one of them.");
            }
        }

        candidates.Sort();
        return candidates;
    }

    private async Task<(Dictionary<string, Asset> Assets, Dictionary<Guid, Contract> Contracts)> LoadAsync(IReadOnlyList<string> fqns, string environment,
        CancellationToken cancellationToken)
    {
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var chunk in fqns.Chunk(LookupChunk))
        {
            var rows = await db.Assets.AsNoTracking().Where(a => chunk.Contains(a.Fqn) && a.Environment == environment).ToListAsync(cancellationToken);
            foreach (var asset in rows)
            {
                assets[asset.Fqn] = asset;
            }
        }

        var contracts = new Dictionary<Guid, Contract>();
        foreach (var chunk in assets.Values.Select(a => a.Id).Chunk(LookupChunk))
        {
            var rows = await db.Contracts.AsNoTracking().Where(c => chunk.Contains(c.AssetId) && c.Status == ContractStatus.Active).ToListAsync(cancellationToken);
            foreach (var contract in rows)
            {
                contracts[contract.AssetId] = contract;
            }
        }

        return (assets, contracts);
    }

    private async Task<ImportItemResult> ImportItemAsync(Caller caller, ImportItem item, Guid? documentId, Asset? asset, Contract? contract, ImportOptions options,
        string environment, CancellationToken cancellationToken)
    {
        if (asset is null)
        {
            if (options.DryRun)
            {
                _ = item.View;
                _ = item.Document;
                return new ImportItemResult(item, ImportAction.WouldCreate, options.AutoPublishContracts ? "will_publish" : "will_skip", Version: "1.0.0");
            }

            var created = await CreateAssetAsync(caller, item, options, environment, cancellationToken);
            if (created is null)
            {
                // Another import created it in the meantime: carry on as with an existing asset.
                db.ChangeTracker.Clear();
                var existing = await db.Assets.AsNoTracking().FirstAsync(a => a.Fqn == item.Fqn && a.Environment == environment, cancellationToken);
                var active = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.AssetId == existing.Id && c.Status == ContractStatus.Active, cancellationToken);
                return await ImportItemAsync(caller, item, documentId, existing, active, options, environment, cancellationToken);
            }

            if (!options.AutoPublishContracts)
            {
                return new ImportItemResult(item, ImportAction.Created, "skipped", created.Id);
            }

            var first = await PublishAsync(caller, created.Id, item, documentId, options, options.DryRun, cancellationToken);
            return Map(item, created.Id, first, ImportAction.Created);
        }

        if (asset.DeletedAt is not null)
        {
            return new ImportItemResult(item, ImportAction.Error, "failed", asset.Id,
                Error: $"The asset '{asset.Fqn}' ({asset.Environment}) was deleted; restore it to import into it again.");
        }

        if (asset.OwnerTeamId != options.OwnerTeamId)
        {
            return new ImportItemResult(item, ImportAction.Error, "failed", asset.Id,
                Error: $"The asset '{asset.Fqn}' ({asset.Environment}) belongs to another team; it was left alone.");
        }

        var skipped = options.DryRun ? "will_skip" : "skipped";
        if (contract is not null && IsSameSource(contract, item, documentId, options.CompatibilityMode))
        {
            return new ImportItemResult(item, ImportAction.Unchanged, skipped, asset.Id, contract.Id, Version: contract.Version);
        }

        var metadataChanged = await MergeAssetAsync(caller, asset, item, options, cancellationToken);
        if (!options.AutoPublishContracts)
        {
            var touched = metadataChanged ? (options.DryRun ? ImportAction.WouldUpdate : ImportAction.Updated) : ImportAction.Unchanged;
            return new ImportItemResult(item, touched, skipped, asset.Id, contract?.Id, Version: contract?.Version, MetadataUpdated: metadataChanged);
        }

        if (contract is not null && await IsUnchangedAsync(contract, item, options.CompatibilityMode, cancellationToken))
        {
            return new ImportItemResult(item, ImportAction.Unchanged, skipped, asset.Id, contract.Id, Version: contract.Version, MetadataUpdated: metadataChanged);
        }

        if (!options.CreateProposalsForBreaking && contract is not null)
        {
            var trial = await PublishAsync(caller, asset.Id, item, documentId, options, true, cancellationToken);
            if (trial.Action == "proposal.created")
            {
                return new ImportItemResult(item, ImportAction.Error, "failed", asset.Id, contract.Id, Version: trial.Suggestion?.SuggestedVersion,
                    ChangeType: trial.ChangeType, BreakingChanges: trial.BreakingChanges, MetadataUpdated: metadataChanged,
                    Error: "Breaking change with registered consumers, and proposals for breaking changes are turned off.");
            }
        }

        var outcome = await PublishAsync(caller, asset.Id, item, documentId, options, options.DryRun, cancellationToken);
        return Map(item, asset.Id, outcome, ImportAction.Updated) with { MetadataUpdated = metadataChanged };
    }

    /// <summary>
    /// Items whose asset does not exist yet: their assets in one transaction, then their first contracts in one batch
    /// (the first-publish branch of the workflow, <see cref="ContractPublisher.PublishFirstContractsAsync"/>). An item
    /// the batch cannot take, or a chunk that meets an asset created meanwhile, is left for the one-by-one path.
    /// </summary>
    private async Task ImportNewAsync(Caller caller, IReadOnlyList<ImportItem> items, int[] chunk, ImportItemResult?[] results,
        Dictionary<ImportDocument, Guid?> documentIds, ImportOptions options, string environment, CancellationToken cancellationToken)
    {
        var ready = new List<int>();
        foreach (var index in chunk)
        {
            try
            {
                _ = items[index].Document;
                _ = items[index].View;
                ready.Add(index);
            }
            catch (Exception e) when (e is SchemaParseException or ArgumentException)
            {
                results[index] = new ImportItemResult(items[index], ImportAction.Error, "failed", Error: e.Message);
            }
        }

        var created = new List<(int Index, Asset Asset)>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var index in ready)
            {
                created.Add((index, AddAsset(caller, items[index], options, environment)));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                return;
            }
        }

        db.ChangeTracker.Clear();
        if (!options.AutoPublishContracts)
        {
            foreach (var (index, asset) in created)
            {
                results[index] = new ImportItemResult(items[index], ImportAction.Created, "skipped", asset.Id);
            }

            return;
        }

        var outcomes = await publisher.PublishFirstContractsAsync(caller,
            [.. created.Select(c => new FirstPublish(c.Asset.Id, Request(items[c.Index], options, false), Admitted(items[c.Index], documentIds[items[c.Index].Source])))],
            cancellationToken);
        db.ChangeTracker.Clear();
        for (var i = 0; i < created.Count; i++)
        {
            var (index, asset) = created[i];
            var item = items[index];
            try
            {
                var outcome = outcomes[i] ?? await PublishAsync(caller, asset.Id, item, documentIds[item.Source], options, false, cancellationToken);
                results[index] = Map(item, asset.Id, outcome, ImportAction.Created);
            }
            catch (Exception e) when (e is DomainException or SchemaParseException or ArgumentException)
            {
                results[index] = new ImportItemResult(item, ImportAction.Error, "failed", asset.Id, Error: e.Message);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static PublishRequest Request(ImportItem item, ImportOptions options, bool dryRun) =>
        new(null, null, item.Source.Format, options.CompatibilityMode, item.Guarantees, item.FieldDescriptions, item.FieldTags, options.OwnerTeamId, null, false,
            null, dryRun, SkipUnchanged: true);

    private static AdmittedSchema Admitted(ImportItem item, Guid? documentId) => new(item.Document, item.View, null, documentId, item.Selector);

    private async Task<PublishOutcome> PublishAsync(Caller caller, Guid assetId, ImportItem item, Guid? documentId, ImportOptions options, bool dryRun,
        CancellationToken cancellationToken)
    {
        var request = Request(item, options, dryRun);
        var admitted = Admitted(item, documentId);
        var outcome = await publisher.PublishAdmittedAsync(caller, assetId, request, admitted, cancellationToken);
        if (outcome.Action == "version.required" && outcome.Suggestion is { } suggestion)
        {
            // An importer never picks versions: the suggestion is used (compatibility.md §3.5), whatever the semver mode.
            outcome = await publisher.PublishAdmittedAsync(caller, assetId, request with { Version = suggestion.SuggestedVersion }, admitted, cancellationToken);
        }

        return outcome;
    }

    private static ImportItemResult Map(ImportItem item, Guid assetId, PublishOutcome outcome, ImportAction done)
    {
        var version = outcome.Contract?.Version ?? outcome.Proposal?.ProposedVersion ?? outcome.Suggestion?.SuggestedVersion;
        var breaking = outcome.BreakingChanges.Count > 0 ? outcome.BreakingChanges : null;
        if (outcome.Action == "unchanged")
        {
            // Another import published the same contract in the meantime; decided under the asset's lock.
            return new ImportItemResult(item, ImportAction.Unchanged, outcome.DryRun ? "will_skip" : "skipped", assetId, outcome.Contract?.Id,
                Version: outcome.Contract?.Version, Message: outcome.Message);
        }

        if (outcome.DryRun)
        {
            var status = outcome.Action == "proposal.created" ? "breaking" : "will_publish";
            return new ImportItemResult(item, done == ImportAction.Created ? ImportAction.WouldCreate : ImportAction.WouldUpdate, status, assetId,
                Version: version, ChangeType: outcome.ChangeType, BreakingChanges: breaking, Message: outcome.Message);
        }

        return outcome.Action == "proposal.created"
            ? new ImportItemResult(item, ImportAction.ProposalCreated, "proposal.created", assetId, ProposalId: outcome.Proposal?.Id, Version: version,
                ChangeType: outcome.ChangeType, BreakingChanges: breaking, Message: outcome.Message)
            : new ImportItemResult(item, done, "published", assetId, outcome.Contract?.Id, outcome.Proposal?.Id, version, outcome.ChangeType, breaking,
                Message: outcome.Message);
    }

    /// <summary>
    /// The cheap unchanged test: the active contract was imported from this very document (same hash) as this very
    /// item, with the same guarantees and mode. Nothing needs parsing or comparing.
    /// </summary>
    private static bool IsSameSource(Contract contract, ImportItem item, Guid? documentId, ContractCompatibility? mode) =>
        documentId is not null && contract.SourceDocumentId == documentId && contract.SourceSelector == item.Selector
        && contract.SchemaFormat == item.Source.Format && SameGuarantees(contract, item) && (mode is null || mode == contract.CompatibilityMode);

    /// <summary>The full unchanged test: the same view, the same guarantees and mode, and no native finding at all.</summary>
    private async Task<bool> IsUnchangedAsync(Contract contract, ImportItem item, ContractCompatibility? mode, CancellationToken cancellationToken)
    {
        if ((mode is not null && mode != contract.CompatibilityMode) || !SameGuarantees(contract, item)
            || StoredJson.Canonical(item.View) != StoredJson.Canonical(StoredJson.Read(contract.SchemaJson)))
        {
            return false;
        }

        var native = contract.SchemaFormat == item.Source.Format;
        var current = await documents.LoadAsync(contract, native, cancellationToken);
        var proposed = native ? item.Document : gate.Load(StoredJson.Write(item.View), StoredSchemaFormat.JsonSchema);
        return gate.Engine.Diff(current, proposed).Findings.Count == 0;
    }

    private static bool SameGuarantees(Contract contract, ImportItem item) =>
        item.Guarantees is null || StoredJson.Canonical(item.Guarantees) == StoredJson.Canonical(StoredJson.Read(contract.GuaranteesJson));

    private async Task<Asset?> CreateAssetAsync(Caller caller, ImportItem item, ImportOptions options, string environment, CancellationToken cancellationToken)
    {
        _ = item.Document;
        _ = item.View;
        var asset = AddAsset(caller, item, options, environment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return asset;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    /// <summary>Adds a new asset for <paramref name="item"/> (and its audit row) to the unit of work.</summary>
    private Asset AddAsset(Caller caller, ImportItem item, ImportOptions options, string environment)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var asset = new Asset
        {
            Fqn = item.Fqn,
            OwnerTeamId = options.OwnerTeamId,
            ServiceId = options.ServiceId,
            Description = Description(item.Description),
            MetadataJson = StoredJson.WriteObject(item.Metadata),
            Environment = environment,
            ResourceType = item.ResourceType,
            TagsJson = StoredJson.WriteList(Tags(item.Tags) ?? []),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Assets.Add(asset);
        audit.Record("asset", asset.Id, "asset.created", caller, new JsonObject
        {
            ["fqn"] = asset.Fqn,
            ["owner_team_id"] = asset.OwnerTeamId.ToString(),
            ["imported_from"] = item.Source.Format.ToWire(),
        });
        return asset;
    }

    /// <summary>Merges the item's metadata, description, resource type, tags and service into the asset; true when anything changed.</summary>
    private async Task<bool> MergeAssetAsync(Caller caller, Asset snapshot, ImportItem item, ImportOptions options, CancellationToken cancellationToken)
    {
        var metadata = StoredJson.ReadObject(snapshot.MetadataJson);
        MetadataMerge.Into(metadata, item.Metadata);
        var changed = new List<string>();
        var metadataJson = StoredJson.WriteObject(metadata);
        if (StoredJson.Canonical(metadata) != StoredJson.Canonical(StoredJson.Read(snapshot.MetadataJson)))
        {
            changed.Add("metadata");
        }

        var description = Description(item.Description);
        if (description is not null && description != snapshot.Description)
        {
            changed.Add("description");
        }

        if (item.ResourceType != snapshot.ResourceType)
        {
            changed.Add("resource_type");
        }

        var tags = Tags(item.Tags);
        if (tags is not null && !tags.SequenceEqual(StoredJson.ReadList(snapshot.TagsJson)))
        {
            changed.Add("tags");
        }

        if (options.ServiceId is { } service && service != snapshot.ServiceId)
        {
            changed.Add("service_id");
        }

        if (changed.Count == 0 || options.DryRun)
        {
            return changed.Count > 0;
        }

        var asset = await db.Assets.FirstAsync(a => a.Id == snapshot.Id, cancellationToken);
        asset.MetadataJson = metadataJson;
        asset.Description = description ?? asset.Description;
        asset.ResourceType = item.ResourceType;
        asset.TagsJson = tags is null ? asset.TagsJson : StoredJson.WriteList(tags);
        asset.ServiceId = options.ServiceId ?? asset.ServiceId;
        asset.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("asset", asset.Id, "asset.updated", caller, new JsonObject
        {
            ["changed_fields"] = new JsonArray([.. changed.Select(c => (JsonNode)c)]),
            ["imported_from"] = item.Source.Format.ToWire(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string? Description(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Length > 2000 ? description[..1999] + "…" : description;

    private static List<string>? Tags(IReadOnlyList<string>? tags) =>
        tags is null ? null : [.. tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Select(t => t.Length > 100 ? t[..100] : t).Distinct().Take(100)];

    private static string ValidateEnvironment(string environment)
    {
        var clean = environment.Trim();
        return clean.Length is 0 or > 50 ? throw DomainException.Invalid("environment", "environment must be 1–50 characters") : clean;
    }
}

/// <summary>Deep merge of metadata: objects merge key by key, anything else (lists included) is replaced.</summary>
public static class MetadataMerge
{
    public static void Into(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject incoming && target[key] is JsonObject existing)
            {
                Into(existing, incoming);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Lineage;
using Tessera.Core.Persistence;
using Tessera.Schemas;
using Tessera.Schemas.Versioning;

namespace Tessera.Core.Impact;

/// <summary>Impact traversal depth: IMPACT_DEPTH_DEFAULT and IMPACT_DEPTH_MAX.</summary>
public sealed record ImpactSettings(int DefaultDepth = 5, int MaxDepth = 10);

/// <summary>A registered consumer reached by an impact walk: on the changed asset (depth 0) or on a downstream asset.</summary>
public sealed record ImpactedConsumer(ConsumerParty Party, string AssetFqn, int Depth);

/// <summary>A team affected by a change, and why: it consumes the asset (or a downstream one) and/or owns downstream assets.</summary>
public sealed record AffectedTeam(Guid TeamId, string TeamName, bool Consumer, IReadOnlyList<Guid> Assets);

/// <summary>What <c>POST /assets/{id}/impact</c> found.</summary>
public sealed record ImpactReport(
    Asset Asset, Contract? Current, CompatibilityMode? Mode, VersionChange ChangeType, bool Compatible, JsonArray Breaking, JsonArray NonBreaking,
    IReadOnlyList<ImpactedConsumer> Consumers, IReadOnlyList<DownstreamAsset> Downstream, IReadOnlyList<AffectedTeam> AffectedTeams, int Depth,
    bool Truncated);

/// <summary>What <c>POST /assets/{id}/impact-preview</c> found: a dry run of a publish, for agents and reviewers.</summary>
public sealed record ImpactPreview(
    Asset Asset, Contract? Current, CompatibilityMode Mode, VersionChange ChangeType, bool Breaking, JsonArray BreakingChanges, JsonArray NonBreakingChanges,
    JsonArray GuaranteeChanges, IReadOnlyList<ConsumerParty> Consumers, IReadOnlyList<DownstreamAsset> Downstream, VersionSuggestion Suggestion,
    bool WouldCreateProposal, IReadOnlyList<string> WouldNotify, JsonArray MigrationSuggestions);

/// <summary>The impact-preview request, wire enums already parsed.</summary>
public sealed record ImpactPreviewInput(JsonNode? ProposedSchema, JsonObject? ProposedGuarantees, ContractCompatibility? ModeOverride,
    StoredSchemaFormat? SchemaFormat);

/// <summary>
/// Impact analysis (api.md §3.8): judges a proposed schema against the asset's active contract with the engine, in
/// the contract's native format, and names who it reaches (DECISIONS §5.4): consumer teams registered on the asset
/// and, through lineage, the downstream assets with their owner teams. Nothing is written.
/// </summary>
public sealed class ImpactAnalyzer(TesseraDbContext db, SchemaGate gate, ContractPublisher publisher, ImpactSettings settings)
{
    /// <summary>
    /// <c>POST /assets/{id}/impact</c>: the body is the raw proposed schema or <c>{"proposed_schema": …, "schema_format"?: …}</c>
    /// (DECISIONS §2). Judged under the active contract's mode; the walk goes <paramref name="depth"/> hops downstream.
    /// </summary>
    public async Task<ImpactReport> AnalyzeAsync(Caller caller, Guid assetId, JsonNode? body, int? depth, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Read);
        var hops = depth ?? settings.DefaultDepth;
        if (hops < 1 || hops > settings.MaxDepth)
        {
            throw DomainException.Invalid("depth", $"depth must be between 1 and {settings.MaxDepth}", "value_error.number.range");
        }

        if (body is null)
        {
            throw DomainException.Invalid("body", "send the proposed schema, raw or as {\"proposed_schema\": …}", "missing");
        }

        var (schema, format, field) = Unwrap(body);
        var asset = await FindAssetAsync(assetId, cancellationToken);
        var current = await ActiveContractAsync(assetId, cancellationToken);
        var chosenFormat = format ?? DefaultFormat(current);
        var (document, view, _) = gate.Admit(schema, chosenFormat, field);
        var walk = await AffectedParties.DownstreamAsync(db, asset.Id, hops, cancellationToken);
        var consumers = await ImpactedConsumersAsync(asset, walk, cancellationToken);
        var teams = Teams(asset, consumers.Select(c => c.Party), walk.Assets);
        if (current is null)
        {
            return new ImpactReport(asset, null, null, VersionChange.Minor, true, [], [], consumers, walk.Assets, teams, hops, walk.Truncated);
        }

        var mode = ContractPublisher.ToEngine(current.CompatibilityMode);
        var verdict = await publisher.JudgeAsync(asset, current, document, view, Request(schema, chosenFormat, null), mode, cancellationToken);
        return new ImpactReport(asset, current, mode, ContractPublisher.ToVersionChange(verdict.ChangeType), verdict.Compatible, verdict.Breaking,
            verdict.NonBreaking, consumers, walk.Assets, teams, hops, walk.Truncated);
    }

    /// <summary>
    /// <c>POST /assets/{id}/impact-preview</c>: what publishing <c>proposed_schema</c> would do. With an override the
    /// change is judged as a publish would judge it: under the stricter of the active and the requested mode
    /// (DECISIONS §3.1). Affected downstream assets are the depth-1 lineage a proposal would snapshot.
    /// </summary>
    public async Task<ImpactPreview> PreviewAsync(Caller caller, Guid assetId, ImpactPreviewInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Read);
        if (input.ProposedSchema is null)
        {
            throw DomainException.Invalid("proposed_schema", "proposed_schema is required", "missing");
        }

        var asset = await FindAssetAsync(assetId, cancellationToken);
        var current = await ActiveContractAsync(assetId, cancellationToken);
        var format = input.SchemaFormat ?? DefaultFormat(current);
        var (document, view, _) = gate.Admit(input.ProposedSchema, format, "proposed_schema");
        var requested = ContractPublisher.ToEngine(input.ModeOverride ?? current?.CompatibilityMode ?? ContractCompatibility.Backward);
        var mode = current is null ? requested : CompatibilityModes.Combine(ContractPublisher.ToEngine(current.CompatibilityMode), requested);
        var verdict = await publisher.JudgeAsync(asset, current, document, view, Request(input.ProposedSchema, format, input.ProposedGuarantees), mode,
            cancellationToken);
        var consumers = await AffectedParties.ConsumersAsync(db, asset.Id, cancellationToken);
        var walk = await AffectedParties.DownstreamAsync(db, asset.Id, 1, cancellationToken);
        var downstream = walk.Assets.Where(a => a.OwnerTeamId != asset.OwnerTeamId).ToList();
        var suggestion = VersionSuggestion.Suggest(current?.Version, verdict.ChangeType, verdict.Compatible);
        var breaking = current is not null && !verdict.Compatible;
        var notify = consumers.Select(c => c.TeamName).Concat(downstream.Select(d => d.OwnerTeamName))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var suggestions = breaking && current!.SchemaFormat == StoredSchemaFormat.JsonSchema && format == StoredSchemaFormat.JsonSchema
            && mode != CompatibilityMode.None && input.ProposedSchema is JsonObject proposed
            ? MigrationSuggester.Suggest(StoredJson.ReadObject(current.SchemaJson), proposed, verdict.Breaking)
            : [];
        foreach (var item in suggestions.OfType<JsonObject>())
        {
            item["resolves_breaking_changes"] = Resolves(current!, item["suggested_schema"], mode);
        }

        return new ImpactPreview(asset, current, mode, current is null ? VersionChange.Patch : ContractPublisher.ToVersionChange(verdict.ChangeType), breaking,
            verdict.Breaking, verdict.NonBreaking, verdict.GuaranteeChanges, consumers, downstream, suggestion, breaking && consumers.Count > 0, notify,
            suggestions);
    }

    /// <summary>Re-judges a suggested schema against the active contract, so a suggestion says whether it really is compatible.</summary>
    private bool Resolves(Contract current, JsonNode? suggested, CompatibilityMode mode)
    {
        try
        {
            var before = gate.Load(current.SchemaJson, StoredSchemaFormat.JsonSchema);
            var after = gate.Load(StoredJson.Write(suggested), StoredSchemaFormat.JsonSchema);
            return gate.Engine.Diff(before, after).IsCompatible(mode);
        }
        catch (SchemaParseException)
        {
            return false;
        }
    }

    /// <summary>Accepts the raw schema or the SDK's <c>{"proposed_schema": {...}}</c> wrapper (optionally with <c>schema_format</c>).</summary>
    private static (JsonNode? Schema, StoredSchemaFormat? Format, string Field) Unwrap(JsonNode body)
    {
        if (body is JsonObject wrapper && wrapper.TryGetPropertyValue("proposed_schema", out var inner))
        {
            StoredSchemaFormat? format = null;
            if (wrapper.TryGetPropertyValue("schema_format", out var f) && f is not null)
            {
                format = f is JsonValue v && v.TryGetValue<string>(out var text) && EnumText.TryParse<StoredSchemaFormat>(text, out var parsed)
                    ? parsed
                    : throw DomainException.Invalid("schema_format", $"schema_format must be one of: {EnumText.Allowed<StoredSchemaFormat>()}", "enum");
            }

            return (inner, format, "proposed_schema");
        }

        return (body, null, "body");
    }

    /// <summary>
    /// The proposed schema's format when none is named: the contract's own when it can be sent by hand (JSON Schema,
    /// Avro); an imported document's contract (OpenAPI, GraphQL, protobuf) is judged by its JSON Schema view here, and
    /// natively through the importer's impact endpoint (<c>/sync/…/impact</c>).
    /// </summary>
    private static StoredSchemaFormat DefaultFormat(Contract? current) =>
        current?.SchemaFormat is StoredSchemaFormat.Avro ? StoredSchemaFormat.Avro : StoredSchemaFormat.JsonSchema;

    private static PublishRequest Request(JsonNode? schema, StoredSchemaFormat format, JsonObject? guarantees) =>
        new(schema, null, format, null, guarantees, null, null, null, null, false, null, true);

    private async Task<Asset> FindAssetAsync(Guid assetId, CancellationToken cancellationToken) =>
        await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId && a.DeletedAt == null, cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, "Asset not found");

    private Task<Contract?> ActiveContractAsync(Guid assetId, CancellationToken cancellationToken) =>
        db.Contracts.Where(c => c.AssetId == assetId && c.Status == ContractStatus.Active).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Active consumers of the asset (depth 0) and of every downstream asset; each team once, at its shallowest depth.</summary>
    private async Task<IReadOnlyList<ImpactedConsumer>> ImpactedConsumersAsync(Asset asset, DownstreamWalk walk, CancellationToken cancellationToken)
    {
        var depthOf = walk.Assets.ToDictionary(a => a.AssetId, a => (a.Depth, a.Fqn));
        depthOf[asset.Id] = (0, asset.Fqn);
        var parties = await AffectedParties.ConsumersAsync(db, depthOf.Keys, cancellationToken);
        return [.. parties
            .Select(p => new ImpactedConsumer(p, depthOf[p.AssetId].Fqn, depthOf[p.AssetId].Depth))
            .OrderBy(c => c.Depth).ThenBy(c => c.Party.TeamName, StringComparer.Ordinal).ThenBy(c => c.AssetFqn, StringComparer.Ordinal)
            .DistinctBy(c => c.Party.TeamId)];
    }

    /// <summary>Every team reached: consumers, and owners of downstream assets other than the changed asset's owner.</summary>
    private static List<AffectedTeam> Teams(Asset asset, IEnumerable<ConsumerParty> consumers, IEnumerable<DownstreamAsset> downstream)
    {
        var teams = new Dictionary<Guid, (string Name, bool Consumer, List<Guid> Assets)>();
        foreach (var c in consumers)
        {
            teams[c.TeamId] = (c.TeamName, true, []);
        }

        foreach (var d in downstream.Where(d => d.OwnerTeamId != asset.OwnerTeamId))
        {
            if (!teams.TryGetValue(d.OwnerTeamId, out var entry))
            {
                entry = (d.OwnerTeamName, false, []);
                teams[d.OwnerTeamId] = entry;
            }

            entry.Assets.Add(d.AssetId);
        }

        return [.. teams.Select(t => new AffectedTeam(t.Key, t.Value.Name, t.Value.Consumer, t.Value.Assets))
            .OrderBy(t => t.TeamName, StringComparer.Ordinal).ThenBy(t => t.TeamId)];
    }
}
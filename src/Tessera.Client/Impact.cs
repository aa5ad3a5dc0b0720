using System.Text.Json.Nodes;

namespace Tessera.Client;

/// <summary>Answer of POST /assets/{id}/impact: the verdict and everyone the change reaches.</summary>
public sealed record ImpactResponse(
    Guid AssetId, string AssetFqn, string ChangeType, bool IsCompatible, bool SafeToPublish, JsonArray BreakingChanges, JsonArray NonBreakingChanges,
    string? CompatibilityMode, string? CurrentVersion, IReadOnlyList<ImpactedConsumerResponse> ImpactedConsumers,
    IReadOnlyList<ImpactedAssetResponse> ImpactedAssets, IReadOnlyList<AffectedTeamResponse> AffectedTeams, int TraversalDepth, bool Truncated,
    string? TruncatedMessage);

/// <summary>A consumer team reached by an impact walk: registered on the asset (depth 0) or on a downstream asset.</summary>
public sealed record ImpactedConsumerResponse(
    Guid TeamId, string TeamName, string Status, string? PinnedVersion, int Depth, Guid AssetId, string AssetFqn, Guid RegistrationId, Guid ContractId);

/// <summary>A downstream asset reached by an impact walk, with its owner team.</summary>
public sealed record ImpactedAssetResponse(
    Guid AssetId, string Fqn, string AssetFqn, string ResourceType, string DependencyType, int Depth, Guid OwnerTeamId, string OwnerTeamName,
    Guid ViaAssetId);

/// <summary>A team a change reaches: as a registered consumer and/or as the owner of downstream assets.</summary>
public sealed record AffectedTeamResponse(Guid TeamId, string TeamName, bool Consumer, IReadOnlyList<Guid> Assets);

/// <summary>Body of POST /assets/{id}/impact-preview.</summary>
public sealed record ImpactPreviewRequest(
    JsonNode? ProposedSchema = null, JsonObject? ProposedGuarantees = null, string? CompatibilityModeOverride = null, string? SchemaFormat = null);

/// <summary>Answer of POST /assets/{id}/impact-preview (<c>change_type</c> upper-case, as the original).</summary>
public sealed record ImpactPreviewResponse(
    Guid AssetId, string AssetFqn, bool IsBreaking, string ChangeType, JsonArray BreakingChanges, JsonArray NonBreakingChanges, JsonArray GuaranteeChanges,
    IReadOnlyList<PreviewConsumerResponse> AffectedConsumers, IReadOnlyList<PreviewDownstreamResponse> AffectedDownstream,
    IReadOnlyList<JsonObject> UnconfirmedConsumers, string SuggestedVersion, string VersionReason, bool WouldCreateProposal,
    IReadOnlyList<string> ProposalWouldNotify, JsonArray MigrationSuggestions, string? CurrentVersion, string CompatibilityMode);

public sealed record PreviewConsumerResponse(Guid RegistrationId, Guid ConsumerTeamId, string ConsumerTeamName, Guid ContractId, string? PinnedVersion, string Status);

public sealed record PreviewDownstreamResponse(Guid AssetId, string AssetFqn, Guid OwnerTeamId, string OwnerTeamName, string DependencyType, int Depth);
using System.Text.Json.Nodes;

namespace Tessera.Client;

public sealed record AssetResponse(
    Guid Id, string Fqn, string? Description, Guid OwnerTeamId, Guid? OwnerUserId, Guid? ServiceId, string Environment,
    string ResourceType, string GuaranteeMode, string SemverMode, JsonObject Metadata, IReadOnlyList<string> Tags,
    DateTime CreatedAt, DateTime UpdatedAt, string? OwnerTeamName = null, string? OwnerUserName = null, string? OwnerUserEmail = null,
    string? ActiveContractVersion = null, string? ServiceName = null, Guid? RepoId = null, string? RepoName = null);

public sealed record CreateAssetRequest(
    string? Fqn, Guid? OwnerTeamId, Guid? OwnerUserId = null, string? Description = null, JsonObject? Metadata = null,
    string? Environment = null, string? ResourceType = null, string? GuaranteeMode = null, string? SemverMode = null,
    IReadOnlyList<string>? Tags = null, Guid? ServiceId = null);

public sealed record UpdateAssetRequest(
    string? Fqn = null, Guid? OwnerTeamId = null, Guid? OwnerUserId = null, string? Description = null, JsonObject? Metadata = null,
    string? Environment = null, string? ResourceType = null, string? GuaranteeMode = null, string? SemverMode = null,
    IReadOnlyList<string>? Tags = null, Guid? ServiceId = null);

public sealed record AssetSearchResponse(Guid Id, string Fqn, Guid OwnerTeamId, string? OwnerTeamName, string Environment, DateTime CreatedAt);
public sealed record BulkAssignRequest(IReadOnlyList<Guid>? AssetIds, Guid? OwnerUserId = null);

/// <summary>Answer of POST /assets/bulk-assign: how many assets now have the owner user, and the ids that were not active assets.</summary>
public sealed record BulkAssignResponse(int Updated, IReadOnlyList<Guid> AssetIds, IReadOnlyList<Guid> NotFound, Guid? OwnerUserId);

/// <summary>Answer of GET /assets/{id}/context and /assets/context?fqn=.</summary>
public sealed record AssetContextResponse(
    AssetContextAsset Asset, AssetContextContract? CurrentContract, IReadOnlyList<AssetContextConsumer> Consumers,
    IReadOnlyList<AssetContextLink> UpstreamDependencies, IReadOnlyList<AssetContextLink> DownstreamDependents,
    IReadOnlyList<AssetContextProposal> ActiveProposals, IReadOnlyList<JsonObject> RecentAudits, int ContractHistoryCount);

public sealed record AssetContextAsset(
    Guid Id, string Fqn, string? Description, IReadOnlyList<string> Tags, string ResourceType, string Environment, Guid OwnerTeamId,
    string? OwnerTeamName, Guid? OwnerUserId, string? OwnerUserName, string? CompatibilityMode, string GuaranteeMode, string SemverMode, JsonObject Metadata);

public sealed record AssetContextContract(
    Guid Id, string Version, JsonObject Schema, JsonObject SchemaDef, string SchemaFormat, string CompatibilityMode, JsonObject FieldDescriptions,
    JsonObject FieldTags, JsonObject? Guarantees, string Status, DateTime PublishedAt);

public sealed record AssetContextConsumer(
    Guid RegistrationId, Guid ConsumerTeamId, string ConsumerTeamName, Guid ContractId, string? PinnedVersion, string Status, DateTime RegisteredAt);

public sealed record AssetContextLink(Guid AssetId, string Fqn, string ResourceType, string DependencyType, Guid OwnerTeamId, string OwnerTeamName);

public sealed record AssetContextProposal(Guid Id, string ChangeType, string Status, DateTime ProposedAt, int BreakingChangesCount, string ProposedVersion);
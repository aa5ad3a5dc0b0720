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
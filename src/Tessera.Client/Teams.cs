using System.Text.Json.Nodes;

namespace Tessera.Client;

public sealed record TeamResponse(Guid Id, string Name, JsonObject Metadata, DateTime CreatedAt, DateTime UpdatedAt, int? AssetCount = null);

public sealed record CreateTeamRequest(string? Name, JsonObject? Metadata = null);

public sealed record UpdateTeamRequest(string? Name = null, JsonObject? Metadata = null);

public sealed record UserResponse(
    Guid Id, string Username, string? Email, string Name, string UserType, string Role, Guid? TeamId, JsonObject Metadata,
    JsonObject NotificationPreferences, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeactivatedAt, string? TeamName = null);

public sealed record CreateUserRequest(
    string? Username, string? Name, string? Email = null, string? UserType = null, Guid? TeamId = null, string? Password = null,
    string? Role = null, JsonObject? Metadata = null);

public sealed record UpdateUserRequest(
    string? Username = null, string? Email = null, string? Name = null, string? UserType = null, Guid? TeamId = null,
    string? Password = null, string? Role = null, JsonObject? NotificationPreferences = null, JsonObject? Metadata = null);

public sealed record CreateApiKeyRequest(
    string? Name, Guid? TeamId, Guid? UserId = null, IReadOnlyList<string>? Scopes = null, DateTime? ExpiresAt = null,
    string? AgentName = null, string? AgentFramework = null);

public sealed record ApiKeyResponse(
    Guid Id, string KeyPrefix, string Name, Guid TeamId, Guid? UserId, IReadOnlyList<string> Scopes, string? AgentName,
    string? AgentFramework, bool IsAgent, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt,
    string? Key = null);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> Keys);
public sealed record ReassignAssetsRequest(Guid? TargetTeamId, IReadOnlyList<Guid>? AssetIds = null);

public sealed record TeamReference(Guid Id, string Name);

/// <summary>Answer of POST /teams/{id}/reassign-assets.</summary>
public sealed record ReassignAssetsResponse(
    int Reassigned, TeamReference SourceTeam, TeamReference TargetTeam, IReadOnlyList<Guid> AssetIds, IReadOnlyList<Guid> NotFound, int OwnerUsersCleared);
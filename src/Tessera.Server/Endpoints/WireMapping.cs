using Tessera.Client;
using Tessera.Core.ApiKeys;
using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Repos;
using Tessera.Core.Services;
using Tessera.Core.Teams;
using Tessera.Core.Users;

namespace Tessera.Server.Endpoints;

/// <summary>Entities to wire DTOs, and wire enum strings to domain enums (422 naming the field when unknown).</summary>
public static class WireMapping
{
    public static TeamResponse ToResponse(this Team team, int? assetCount = null) =>
        new(team.Id, team.Name, StoredJson.ReadObject(team.MetadataJson), team.CreatedAt, team.UpdatedAt, assetCount);

    public static UserResponse ToResponse(this User user, string? teamName = null) =>
        new(user.Id, user.Username, user.Email, user.Name, user.UserType.ToWire(), user.Role.ToWire(), user.TeamId,
            StoredJson.ReadObject(user.MetadataJson), StoredJson.ReadObject(user.NotificationPreferencesJson), user.CreatedAt,
            user.UpdatedAt, user.DeactivatedAt, teamName);

    public static ApiKeyResponse ToResponse(this ApiKey key, string? raw = null) =>
        new(key.Id, key.KeyPrefix, key.Name, key.TeamId, key.UserId, StoredJson.ReadList(key.ScopesJson), key.AgentName,
            key.AgentFramework, key.IsAgent, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt, raw);

    public static AssetResponse ToResponse(this Asset asset, AssetView? view = null) =>
        new(asset.Id, asset.Fqn, asset.Description, asset.OwnerTeamId, asset.OwnerUserId, asset.ServiceId, asset.Environment,
            asset.ResourceType.ToWire(), asset.GuaranteeMode.ToWire(), asset.SemverMode.ToWire(), StoredJson.ReadObject(asset.MetadataJson),
            StoredJson.ReadList(asset.TagsJson), asset.CreatedAt, asset.UpdatedAt, view?.OwnerTeamName, view?.OwnerUserName,
            view?.OwnerUserEmail, view?.ActiveContractVersion, view?.ServiceName, view?.RepoId, view?.RepoName);

    public static AssetResponse ToResponse(this AssetView view) => view.Asset.ToResponse(view);

    /// <summary>A repo on the wire: the token and the SSH key are never copied, only whether they are set.</summary>
    public static RepoResponse ToResponse(this RepoView view)
    {
        var repo = view.Repo;
        return new RepoResponse(repo.Id, repo.Name, repo.GitUrl, repo.DefaultBranch, StoredJson.ReadList(repo.SpecPathsJson), repo.OwnerTeamId,
            repo.SyncEnabled, repo.CodeownersPath, repo.LastSyncedAt, repo.LastSyncedCommit, repo.PollIntervalSeconds, repo.LastSyncError,
            repo.CreatedAt, repo.UpdatedAt, HasGitToken: repo.GitToken is not null, HasSshKey: repo.SshKey is not null, view.ServicesCount);
    }

    public static SyncEventResponse ToResponse(this SyncEvent e) =>
        new(e.Id, e.RepoId, e.Success, e.CommitSha, e.SpecsFound, e.ContractsPublished, e.ProposalsCreated, e.ServicesCreated, e.AssetsCreated,
            e.AssetsUpdated, StoredJson.ReadArray(e.ErrorsJson), StoredJson.ReadArray(e.WarningsJson), e.DurationSeconds, e.TriggeredBy, e.CreatedAt);

    public static RepoSyncResponse ToResponse(this RepoSyncResult r) =>
        new(r.Status, r.RepoId, r.CommitSha, r.SpecsFound, r.ContractsPublished, r.ProposalsCreated, r.ServicesCreated, r.Errors, r.Warnings, r.SyncEventId,
            r.AssetsCreated, r.AssetsUpdated, r.DurationSeconds, r.TriggeredBy);

    public static ServiceResponse ToResponse(this ServiceView view) =>
        new(view.Service.Id, view.Service.Name, view.Service.RepoId, view.Service.RootPath, view.Service.OtelServiceName, view.OwnerTeamId,
            view.Service.CreatedAt, view.Service.UpdatedAt, view.AssetCount ?? 0);

    public static PageResponse<TOut> ToResponse<TIn, TOut>(this Page<TIn> page, Func<TIn, TOut> map) =>
        new([.. page.Results.Select(map)], page.Total, page.Limit, page.Offset);

    /// <summary>Parses an optional wire enum; unknown text is a 422 naming <paramref name="field"/>.</summary>
    public static T? Enum<T>(string? text, string field)
        where T : struct, System.Enum
    {
        if (text is null)
        {
            return null;
        }

        return EnumText.TryParse<T>(text, out var value)
            ? value
            : throw DomainException.Invalid(field, $"{field} must be one of: {EnumText.Allowed<T>()}", "enum");
    }
}
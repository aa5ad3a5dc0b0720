using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Repos;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class RepoEndpoints
{
    public static RouteGroupBuilder MapRepoEndpoints(this RouteGroupBuilder api)
    {
        var repos = api.MapGroup("/repos").WithTags("Repos");
        repos.MapPost("", CreateAsync).RequireRateLimitTier(RateLimitTier.Write);
        repos.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        repos.MapGet("/{repoId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        repos.MapPatch("/{repoId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        repos.MapDelete("/{repoId}", DeleteAsync).RequireRateLimitTier(RateLimitTier.Write);
        repos.MapPost("/{repoId}/sync", SyncAsync).RequireRateLimitTier(RateLimitTier.Write);
        repos.MapGet("/{repoId}/sync/history", SyncHistoryAsync).RequireRateLimitTier(RateLimitTier.Read);
        repos.MapGet("/{repoId}/sync/latest", LatestSyncAsync).RequireRateLimitTier(RateLimitTier.Read);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateRepoRequest body, RepoCatalog repos, CancellationToken cancellationToken)
    {
        var view = await repos.CreateAsync(http.Caller(), new RepoInput(body.Name, body.GitUrl, body.OwnerTeamId, body.DefaultBranch, body.SpecPaths,
            body.CodeownersPath, body.SyncEnabled, body.PollIntervalSeconds, body.GitToken, body.SshKey), cancellationToken);
        return TypedResults.Created($"/api/v1/repos/{view.Repo.Id}", view.ToResponse());
    }

    private static async Task<PageResponse<RepoResponse>> ListAsync(HttpContext http, RepoCatalog repos, [FromQuery(Name = "team_id")] Guid? teamId,
        [FromQuery(Name = "sync_enabled")] bool? syncEnabled, int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await repos.ListAsync(teamId, syncEnabled, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(r => r.ToResponse());
    }

    private static async Task<RepoResponse> GetAsync(HttpContext http, Guid repoId, RepoCatalog repos, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return (await repos.GetAsync(repoId, cancellationToken)).ToResponse();
    }

    private static async Task<RepoResponse> UpdateAsync(HttpContext http, Guid repoId, UpdateRepoRequest body, RepoCatalog repos,
        CancellationToken cancellationToken) =>
        (await repos.UpdateAsync(http.Caller(), repoId, new RepoInput(body.Name, body.GitUrl, body.OwnerTeamId, body.DefaultBranch, body.SpecPaths,
            body.CodeownersPath, body.SyncEnabled, body.PollIntervalSeconds, body.GitToken, body.SshKey), cancellationToken)).ToResponse();

    private static async Task<IResult> DeleteAsync(HttpContext http, Guid repoId, RepoCatalog repos, CancellationToken cancellationToken)
    {
        await repos.DeleteAsync(http.Caller(), repoId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Runs one sync now, synchronously; 202 with the result (api.md §2.7), 409 SYNC_CONFLICT while another sync runs.</summary>
    private static async Task<IResult> SyncAsync(HttpContext http, Guid repoId, RepoSynchronizer synchronizer, CancellationToken cancellationToken)
    {
        var result = await synchronizer.SyncNowAsync(http.Caller(), repoId, cancellationToken);
        return TypedResults.Accepted($"/api/v1/repos/{repoId}/sync/latest", result.ToResponse());
    }

    private static async Task<PageResponse<SyncEventResponse>> SyncHistoryAsync(HttpContext http, Guid repoId, RepoCatalog repos, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await repos.SyncHistoryAsync(repoId, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(e => e.ToResponse());
    }

    private static async Task<SyncEventResponse> LatestSyncAsync(HttpContext http, Guid repoId, RepoCatalog repos, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return (await repos.LatestSyncAsync(repoId, cancellationToken)).ToResponse();
    }
}
using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Teams;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapPost("", CreateAsync).RequireRateLimitTier(RateLimitTier.Write);
        teams.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        teams.MapGet("/{teamId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        teams.MapPatch("/{teamId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        teams.MapPut("/{teamId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        teams.MapDelete("/{teamId}", DeleteAsync).RequireRateLimitTier(RateLimitTier.Write);
        teams.MapPost("/{teamId}/restore", RestoreAsync).RequireRateLimitTier(RateLimitTier.Write);
        teams.MapGet("/{teamId}/members", MembersAsync).RequireRateLimitTier(RateLimitTier.Read);
        teams.MapPost("/{teamId}/reassign-assets", ReassignAssetsAsync).RequireRateLimitTier(RateLimitTier.Write);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateTeamRequest body, TeamService teams, CancellationToken cancellationToken)
    {
        var team = await teams.CreateAsync(http.Caller(), body.Name, body.Metadata, cancellationToken);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", team.ToResponse());
    }

    private static async Task<PageResponse<TeamResponse>> ListAsync(HttpContext http, TeamService teams, string? name, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await teams.ListAsync(name, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(t => t.Team.ToResponse(t.AssetCount));
    }

    private static async Task<TeamResponse> GetAsync(HttpContext http, Guid teamId, TeamService teams, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        return (await teams.GetAsync(teamId, cancellationToken)).ToResponse();
    }

    private static async Task<TeamResponse> UpdateAsync(HttpContext http, Guid teamId, UpdateTeamRequest body, TeamService teams,
        CancellationToken cancellationToken) =>
        (await teams.UpdateAsync(http.Caller(), teamId, body.Name, body.Metadata, cancellationToken)).ToResponse();

    private static async Task<IResult> DeleteAsync(HttpContext http, Guid teamId, bool? force, TeamService teams, CancellationToken cancellationToken)
    {
        await teams.DeleteAsync(http.Caller(), teamId, force ?? false, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<TeamResponse> RestoreAsync(HttpContext http, Guid teamId, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.RestoreAsync(http.Caller(), teamId, cancellationToken)).ToResponse();

    private static async Task<ReassignAssetsResponse> ReassignAssetsAsync(HttpContext http, Guid teamId, ReassignAssetsRequest body, TeamService teams,
        CancellationToken cancellationToken)
    {
        var outcome = await teams.ReassignAssetsAsync(http.Caller(), teamId, body.TargetTeamId, body.AssetIds, cancellationToken);
        return new ReassignAssetsResponse(outcome.Reassigned.Count, new TeamReference(outcome.Source.Id, outcome.Source.Name),
            new TeamReference(outcome.Target.Id, outcome.Target.Name), outcome.Reassigned, outcome.NotFound, outcome.OwnerUsersCleared);
    }

    private static async Task<PageResponse<UserResponse>> MembersAsync(HttpContext http, Guid teamId, int? limit, int? offset, TeamService teams,
        Core.Users.UserService users, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        await teams.GetAsync(teamId, cancellationToken);
        var page = await users.ListAsync(teamId, null, null, null, null, false, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(u => u.User.ToResponse(u.TeamName));
    }
}
using Microsoft.AspNetCore.Mvc;

using Tessera.Client;
using Tessera.Core.Common;
using Tessera.Core.Users;
using Tessera.Server.Hosting;

namespace Tessera.Server.Endpoints;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("", CreateAsync).RequireRateLimitTier(RateLimitTier.Write);
        users.MapGet("", ListAsync).RequireRateLimitTier(RateLimitTier.Read);
        users.MapGet("/{userId}", GetAsync).RequireRateLimitTier(RateLimitTier.Read);
        users.MapPatch("/{userId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        users.MapPut("/{userId}", UpdateAsync).RequireRateLimitTier(RateLimitTier.Write);
        users.MapDelete("/{userId}", DeleteAsync).RequireRateLimitTier(RateLimitTier.Write);
        users.MapPost("/{userId}/reactivate", ReactivateAsync).RequireRateLimitTier(RateLimitTier.Write);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateUserRequest body, UserService users, CancellationToken cancellationToken)
    {
        var input = new UserInput(body.Username, body.Name, body.Email, WireMapping.Enum<UserType>(body.UserType, "user_type"), body.TeamId,
            body.Password, WireMapping.Enum<UserRole>(body.Role, "role"), body.Metadata, null);
        var user = await users.CreateAsync(http.Caller(), input, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", user.ToResponse(await users.TeamNameAsync(user.TeamId, cancellationToken)));
    }

    private static async Task<PageResponse<UserResponse>> ListAsync(HttpContext http, UserService users, [FromQuery(Name = "team_id")] Guid? teamId, string? username,
        string? email, string? name, [FromQuery(Name = "user_type")] string? userType, [FromQuery(Name = "include_deactivated")] bool? includeDeactivated, int? limit, int? offset, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var page = await users.ListAsync(teamId, username, email, name, WireMapping.Enum<UserType>(userType, "user_type"),
            includeDeactivated ?? false, PageRequest.Create(limit, offset), cancellationToken);
        return page.ToResponse(u => u.User.ToResponse(u.TeamName));
    }

    private static async Task<UserResponse> GetAsync(HttpContext http, Guid userId, UserService users, CancellationToken cancellationToken)
    {
        http.Caller().Require(ApiScope.Read);
        var view = await users.GetAsync(userId, cancellationToken);
        return view.User.ToResponse(view.TeamName);
    }

    private static async Task<UserResponse> UpdateAsync(HttpContext http, Guid userId, UpdateUserRequest body, UserService users,
        CancellationToken cancellationToken)
    {
        var input = new UserInput(body.Username, body.Name, body.Email, WireMapping.Enum<UserType>(body.UserType, "user_type"), body.TeamId,
            body.Password, WireMapping.Enum<UserRole>(body.Role, "role"), body.Metadata, body.NotificationPreferences);
        var user = await users.UpdateAsync(http.Caller(), userId, input, cancellationToken);
        return user.ToResponse(await users.TeamNameAsync(user.TeamId, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, Guid userId, UserService users, CancellationToken cancellationToken)
    {
        await users.DeactivateAsync(http.Caller(), userId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<UserResponse> ReactivateAsync(HttpContext http, Guid userId, UserService users, CancellationToken cancellationToken)
    {
        var user = await users.ReactivateAsync(http.Caller(), userId, cancellationToken);
        return user.ToResponse(await users.TeamNameAsync(user.TeamId, cancellationToken));
    }
}
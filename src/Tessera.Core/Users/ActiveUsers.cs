using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Users;

/// <summary>
/// Checks a user id that a request names as the person acting (publisher, acknowledger, objector): it must be an
/// existing, active user, or the request is a 404 <c>USER_NOT_FOUND</c> and nothing is written.
/// </summary>
public static class ActiveUsers
{
    /// <summary>The user's name; 404 <c>USER_NOT_FOUND</c> when the id is unknown or the user is deactivated.</summary>
    public static async Task<string> RequireActiveUserAsync(this TesseraDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId && u.DeactivatedAt == null).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken)
        ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, $"User {userId} not found");
}
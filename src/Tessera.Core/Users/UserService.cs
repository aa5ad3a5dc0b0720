using System.Net.Mail;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.Users;

public sealed record UserInput(
    string? Username, string? Name, string? Email, UserType? UserType, Guid? TeamId, string? Password, UserRole? Role,
    JsonObject? Metadata, JsonObject? NotificationPreferences);

public sealed record UserView(User User, string? TeamName);

/// <summary>User use cases: create, list, update, deactivate and reactivate; argon2id passwords.</summary>
public sealed partial class UserService(TesseraDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<User> CreateAsync(Caller caller, UserInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var username = ValidateUsername(input.Username);
        var name = ValidateName(input.Name);
        var email = ValidateEmail(input.Email);
        var type = input.UserType ?? UserType.Human;
        if (type == UserType.Bot && input.Password is not null)
        {
            throw DomainException.Invalid("password", "bot users cannot have a password");
        }

        if (input.Password is not null)
        {
            ValidatePassword(input.Password);
        }

        if (input.TeamId is { } teamId)
        {
            await EnsureTeamAsync(teamId, cancellationToken);
        }

        await EnsureUniqueAsync(username, email, null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Username = username,
            Name = name,
            Email = email,
            UserType = type,
            Role = input.Role ?? UserRole.User,
            TeamId = input.TeamId,
            PasswordHash = input.Password is null ? null : PasswordHasher.Hash(input.Password),
            MetadataJson = StoredJson.WriteObject(input.Metadata),
            NotificationPreferencesJson = StoredJson.WriteObject(input.NotificationPreferences),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Users.Add(user);
        audit.Record("user", user.Id, "user.created", caller, new JsonObject { ["username"] = username, ["role"] = user.Role.ToWire() });
        await SaveAsync(cancellationToken);
        return user;
    }

    public async Task<UserView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeactivatedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, "User not found");
        return new UserView(user, await TeamNameAsync(user.TeamId, cancellationToken));
    }

    public async Task<Page<UserView>> ListAsync(Guid? teamId, string? username, string? email, string? name, UserType? type,
        bool includeDeactivated, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Users.AsQueryable();
        if (!includeDeactivated)
        {
            query = query.Where(u => u.DeactivatedAt == null);
        }

        if (teamId is { } t)
        {
            query = query.Where(u => u.TeamId == t);
        }

        if (!string.IsNullOrWhiteSpace(username))
        {
            query = query.Where(u => EF.Functions.Like(u.Username.ToLower(), $"%{username.Trim().ToLowerInvariant()}%"));
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            query = query.Where(u => u.Email != null && EF.Functions.Like(u.Email.ToLower(), $"%{email.Trim().ToLowerInvariant()}%"));
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            query = query.Where(u => EF.Functions.Like(u.Name.ToLower(), $"%{name.Trim().ToLowerInvariant()}%"));
        }

        if (type is { } ut)
        {
            query = query.Where(u => u.UserType == ut);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(page.Offset).Take(page.Limit)
            .Select(u => new UserView(u, db.Teams.Where(x => x.Id == u.TeamId).Select(x => x.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new Page<UserView>(rows, total, page.Limit, page.Offset);
    }

    public async Task<User> UpdateAsync(Caller caller, Guid id, UserInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeactivatedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, "User not found");
        var username = input.Username is null ? user.Username : ValidateUsername(input.Username);
        var email = input.Email is null ? user.Email : ValidateEmail(input.Email);
        await EnsureUniqueAsync(username, email, user.Id, cancellationToken);
        user.Username = username;
        user.Email = email;
        if (input.Name is not null)
        {
            user.Name = ValidateName(input.Name);
        }

        if (input.UserType is { } type)
        {
            user.UserType = type;
            if (type == UserType.Bot)
            {
                user.PasswordHash = null;
            }
        }

        if (input.Password is not null)
        {
            if (user.UserType == UserType.Bot)
            {
                throw DomainException.Bad(ErrorCodes.ValidationError, "Bot users cannot have a password");
            }

            ValidatePassword(input.Password);
            user.PasswordHash = PasswordHasher.Hash(input.Password);
        }

        if (input.TeamId is { } teamId)
        {
            await EnsureTeamAsync(teamId, cancellationToken);
            user.TeamId = teamId;
        }

        user.Role = input.Role ?? user.Role;
        if (input.Metadata is not null)
        {
            user.MetadataJson = StoredJson.WriteObject(input.Metadata);
        }

        if (input.NotificationPreferences is not null)
        {
            user.NotificationPreferencesJson = StoredJson.WriteObject(input.NotificationPreferences);
        }

        user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("user", user.Id, "user.updated", caller, new JsonObject { ["username"] = user.Username });
        await SaveAsync(cancellationToken);
        return user;
    }

    public async Task DeactivateAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeactivatedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, "User not found");
        user.DeactivatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("user", user.Id, "user.deactivated", caller, new JsonObject { ["username"] = user.Username });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<User> ReactivateAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.UserNotFound, "User not found");
        if (user.DeactivatedAt is not null)
        {
            user.DeactivatedAt = null;
            user.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("user", user.Id, "user.reactivated", caller, new JsonObject { ["username"] = user.Username });
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    public Task<string?> TeamNameAsync(Guid? teamId, CancellationToken cancellationToken) =>
        teamId is null ? Task.FromResult<string?>(null)
            : db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);

    public static string ValidateUsername(string? username)
    {
        var clean = username?.Trim().ToLowerInvariant() ?? "";
        if (clean.Length is 0 or > 255 || !UsernamePattern().IsMatch(clean))
        {
            throw DomainException.Invalid("username",
                "username must start with a letter, end with a letter or digit, and contain only letters, digits, '.', '_' and '-'");
        }

        return clean;
    }

    private static string ValidateName(string? name)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length is 0 or > 255 || !PersonNamePattern().IsMatch(clean))
        {
            throw DomainException.Invalid("name", "name must start and end with a letter and contain only letters, spaces, hyphens and apostrophes");
        }

        return clean;
    }

    private static string? ValidateEmail(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var clean = email.Trim().ToLowerInvariant();
        if (clean.Length > 255 || !MailAddress.TryCreate(clean, out var parsed) || parsed.Address != clean || !clean.Contains('.', StringComparison.Ordinal))
        {
            throw DomainException.Invalid("email", "email is not a valid e-mail address");
        }

        return clean;
    }

    private static void ValidatePassword(string password)
    {
        if (password.Length is < 8 or > 128)
        {
            throw DomainException.Invalid("password", "password must be 8–128 characters", "value_error.any_str.length");
        }
    }

    private async Task EnsureTeamAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }
    }

    private async Task EnsureUniqueAsync(string username, string? email, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.Id != except && (u.Username == username || (email != null && u.Email == email)), cancellationToken))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateUser, "A user with this username or email already exists");
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw DomainException.Conflict(ErrorCodes.DuplicateUser, "A user with this username or email already exists");
        }
    }

    [GeneratedRegex(@"^[a-z](?:[a-z0-9._\-]*[a-z0-9])?$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^\p{L}(?:[\p{L} '\-]*\p{L})?$")]
    private static partial Regex PersonNamePattern();
}
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.ApiKeys;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Core.Teams;
using Tessera.Core.Users;

namespace Tessera.Core.Access;

/// <summary>First-run set-up: the admin team, a first admin key on an empty database, the bootstrap admin user.</summary>
public sealed class Bootstrapper(TesseraDbContext db, AuditLog audit, TimeProvider clock, KeyEnvironment environment)
{
    public const string AdminTeamName = "admin";

    /// <summary>
    /// On a database with no team and no key, creates the <c>admin</c> team and an admin key and returns the raw
    /// key (to be shown once); otherwise null.
    /// </summary>
    public async Task<string?> CreateFirstAdminKeyAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, null, cancellationToken);
        if (await db.ApiKeys.AnyAsync(cancellationToken) || await db.Teams.AnyAsync(t => t.Name != AdminTeamName, cancellationToken))
        {
            return null;
        }

        var team = await EnsureAdminTeamAsync(cancellationToken);
        var raw = ApiKeyService.Mint(environment.Name);
        var now = clock.GetUtcNow().UtcDateTime;
        var key = new ApiKey
        {
            KeyHash = ApiKeyService.Hash(raw),
            KeyPrefix = raw[..(raw.LastIndexOf('_') + 13)],
            Name = "first-run admin key",
            TeamId = team.Id,
            ScopesJson = StoredJson.WriteList(["read", "write", "admin"]),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ApiKeys.Add(key);
        audit.Record("api_key", key.Id, "api_key.created", null, "human",
            new JsonObject { ["name"] = key.Name, ["team_id"] = team.Id.ToString(), ["scopes"] = new JsonArray("read", "write", "admin"), ["bootstrap"] = true });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return raw;
    }

    /// <summary>Creates or refreshes the bootstrap admin user (ADMIN_USERNAME / ADMIN_PASSWORD).</summary>
    public async Task EnsureAdminUserAsync(string username, string password, string name, string? email, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteLock.BeginAsync(db, null, cancellationToken);
        var clean = UserService.ValidateUsername(username);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == clean, cancellationToken);
        if (user is null)
        {
            var team = await EnsureAdminTeamAsync(cancellationToken);
            user = new User { Username = clean, Name = name, TeamId = team.Id, CreatedAt = now };
            db.Users.Add(user);
            audit.Record("user", user.Id, "user.created", null, "human", new JsonObject { ["username"] = clean, ["bootstrap"] = true });
        }

        user.Name = name;
        user.Email = email?.Trim().ToLowerInvariant() ?? user.Email;
        user.Role = UserRole.Admin;
        user.UserType = UserType.Human;
        user.PasswordHash = PasswordHasher.Hash(password);
        user.DeactivatedAt = null;
        user.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The team that bootstrap and AUTH_DISABLED callers act for: the first active team, else a new <c>admin</c> team.</summary>
    public async Task<Guid> AdminContextTeamAsync(CancellationToken cancellationToken)
    {
        var admin = await db.Teams.Where(t => t.DeletedAt == null && t.Name == AdminTeamName).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (admin is { } id)
        {
            return id;
        }

        var first = await db.Teams.Where(t => t.DeletedAt == null).OrderBy(t => t.CreatedAt).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (first is { } f)
        {
            return f;
        }

        await using var transaction = await WriteLock.BeginAsync(db, null, cancellationToken);
        var team = await EnsureAdminTeamAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return team.Id;
    }

    private async Task<Team> EnsureAdminTeamAsync(CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == AdminTeamName && t.DeletedAt == null, cancellationToken);
        if (team is not null)
        {
            return team;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        team = new Team { Name = AdminTeamName, MetadataJson = "{\"bootstrap\":true}", CreatedAt = now, UpdatedAt = now };
        db.Teams.Add(team);
        audit.Record("team", team.Id, "team.created", null, "human", new JsonObject { ["name"] = AdminTeamName, ["bootstrap"] = true });
        return team;
    }
}
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;

namespace Tessera.Core.ApiKeys;

public sealed record MintedKey(ApiKey Key, string RawKey);

public sealed record NewApiKey(string? Name, Guid? TeamId, Guid? UserId, IReadOnlyList<ApiScope>? Scopes, DateTime? ExpiresAt,
    string? AgentName, string? AgentFramework);

/// <summary>
/// API keys: <c>tess_&lt;env&gt;_&lt;64 hex&gt;</c> (32 random bytes), stored as a SHA-256 hash. Mint, list, revoke,
/// and resolve a presented key to a <see cref="Caller"/>.
/// </summary>
public sealed class ApiKeyService(TesseraDbContext db, AuditLog audit, TimeProvider clock, KeyEnvironment environment)
{
    public async Task<MintedKey> CreateAsync(Caller caller, NewApiKey input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 255)
        {
            throw DomainException.Invalid("name", "name must be 1–255 characters");
        }

        var teamId = input.TeamId ?? throw DomainException.Invalid("team_id", "team_id is required", "missing");
        if (input.AgentName is { Length: > 255 })
        {
            throw DomainException.Invalid("agent_name", "agent_name must be at most 255 characters");
        }

        if (input.AgentFramework is { Length: > 100 })
        {
            throw DomainException.Invalid("agent_framework", "agent_framework must be at most 100 characters");
        }

        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.DeletedAt == null, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "Team not found");
        }

        if (input.UserId is { } userId
            && !await db.Users.AnyAsync(u => u.Id == userId && u.DeactivatedAt == null && u.TeamId == teamId, cancellationToken))
        {
            throw DomainException.NotFound(ErrorCodes.TeamNotFound, "User not found in this team");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (input.ExpiresAt is { } expires && expires <= now)
        {
            throw DomainException.Invalid("expires_at", "expires_at must be in the future");
        }

        var scopes = input.Scopes is { Count: > 0 } s ? s.Distinct().Order().ToList() : [ApiScope.Read, ApiScope.Write];
        var minted = Mint(environment.Name);
        var key = new ApiKey
        {
            KeyHash = Hash(minted),
            KeyPrefix = minted[..(minted.LastIndexOf('_') + 13)],
            Name = name,
            TeamId = teamId,
            UserId = input.UserId,
            ScopesJson = StoredJson.WriteList(scopes.Select(x => x.ToWire())),
            AgentName = string.IsNullOrWhiteSpace(input.AgentName) ? null : input.AgentName.Trim(),
            AgentFramework = string.IsNullOrWhiteSpace(input.AgentFramework) ? null : input.AgentFramework.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = input.ExpiresAt,
        };
        db.ApiKeys.Add(key);
        var payload = new JsonObject { ["name"] = name, ["team_id"] = key.TeamId.ToString(), ["scopes"] = new JsonArray([.. scopes.Select(x => (JsonNode)x.ToWire())]) };
        if (key.AgentName is not null)
        {
            payload["agent_name"] = key.AgentName;
            payload["agent_framework"] = key.AgentFramework;
        }

        audit.Record("api_key", key.Id, "api_key.created", caller, payload);
        await db.SaveChangesAsync(cancellationToken);
        return new MintedKey(key, minted);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Caller caller, Guid? teamId, bool includeRevoked, bool? isAgent, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsQueryable();
        var team = caller.IsAdmin ? teamId : caller.TeamId;
        if (team is { } t)
        {
            query = query.Where(k => k.TeamId == t);
        }

        if (!includeRevoked)
        {
            query = query.Where(k => k.RevokedAt == null);
        }

        if (isAgent is { } agent)
        {
            query = agent ? query.Where(k => k.AgentName != null) : query.Where(k => k.AgentName == null);
        }

        return await query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
    }

    public async Task<ApiKey> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ApiKeyNotFound, "API key not found");
        if (!caller.Acts(key.TeamId))
        {
            throw DomainException.Forbidden(ErrorCodes.Forbidden, "This API key belongs to another team");
        }

        return key;
    }

    public async Task<ApiKey> RevokeAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Admin);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ApiKeyNotFound, "API key not found");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            key.UpdatedAt = key.RevokedAt.Value;
            audit.Record("api_key", key.Id, "api_key.revoked", caller, new JsonObject { ["name"] = key.Name, ["team_id"] = key.TeamId.ToString() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return key;
    }

    /// <summary>
    /// The caller a presented key stands for, or null when it is unknown, revoked, expired, or its team is deleted.
    /// Updates <c>last_used_at</c> at most once a minute per key.
    /// </summary>
    public async Task<Caller?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length > 200 || !presented.StartsWith("tess_", StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(presented);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await (from k in db.ApiKeys
                           join t in db.Teams on k.TeamId equals t.Id
                           where k.KeyHash == hash && k.RevokedAt == null && t.DeletedAt == null
                           select k).FirstOrDefaultAsync(cancellationToken);
        if (found is null || (found.ExpiresAt is { } expires && expires <= now))
        {
            return null;
        }

        if (found.LastUsedAt is null || now - found.LastUsedAt.Value > TimeSpan.FromMinutes(1))
        {
            await db.ApiKeys.Where(k => k.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        var scopes = StoredJson.ReadList(found.ScopesJson).Select(EnumText.Parse<ApiScope>).ToHashSet();
        return new Caller(found.TeamId, scopes, found.IsAgent, found.Id, found.UserId);
    }

    public static string Mint(string environmentName) =>
        $"tess_{environmentName}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string rawKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));
}

/// <summary>The <c>&lt;env&gt;</c> part of minted keys: <c>live</c> in production, <c>test</c> elsewhere.</summary>
public sealed record KeyEnvironment(string Name);
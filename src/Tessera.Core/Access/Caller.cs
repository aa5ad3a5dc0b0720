using Tessera.Core.Common;

namespace Tessera.Core.Access;

/// <summary>
/// Who is making a request: the team the key (or bootstrap) acts for, its scopes, and whether it is an agent.
/// Ownership checks use the team; <c>admin</c> bypasses them.
/// </summary>
public sealed record Caller(Guid TeamId, IReadOnlySet<ApiScope> Scopes, bool IsAgent = false, Guid? ApiKeyId = null, Guid? UserId = null)
{
    public bool IsAdmin => Scopes.Contains(ApiScope.Admin);

    public string ActorType => IsAgent ? "agent" : "human";

    public bool Has(ApiScope scope) => IsAdmin || Scopes.Contains(scope);

    public void Require(ApiScope scope)
    {
        if (!Has(scope))
        {
            throw new DomainException(FailureKind.Forbidden, ErrorCodes.InsufficientScope,
                $"This operation requires the '{scope.ToWire()}' scope",
                new Dictionary<string, object?> { ["required_scope"] = scope.ToWire() });
        }
    }

    /// <summary>Throws 403 <c>UNAUTHORIZED_TEAM</c> unless the caller acts for <paramref name="teamId"/> or is admin.</summary>
    public void RequireTeam(Guid teamId, string what = "this resource")
    {
        if (!IsAdmin && TeamId != teamId)
        {
            throw DomainException.Forbidden(ErrorCodes.UnauthorizedTeam, $"Your team does not own {what}");
        }
    }

    public bool Acts(Guid teamId) => IsAdmin || TeamId == teamId;

    public static Caller Admin(Guid teamId) => new(teamId, new HashSet<ApiScope> { ApiScope.Read, ApiScope.Write, ApiScope.Admin });
}
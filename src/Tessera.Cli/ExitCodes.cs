namespace Tessera.Cli;

/// <summary>
/// Exit codes shared by every command: 0 compatible (or done), 1 breaking, 2 usage or parse error; the commands that
/// talk to a server add 3 (server unreachable or failing) and 4 (authentication or permission refused).
/// </summary>
public static class ExitCodes
{
    public const int Compatible = 0;
    public const int Breaking = 1;
    public const int UsageOrParseError = 2;

    /// <summary>No answer from the server (connection refused, DNS, timeout), a 5xx, a 429, or an answer that is not Tessera's.</summary>
    public const int ServerUnavailable = 3;

    /// <summary>401 (no key, unknown or revoked key) or 403 (the key lacks the scope or the team does not own the resource).</summary>
    public const int AuthenticationFailed = 4;
}
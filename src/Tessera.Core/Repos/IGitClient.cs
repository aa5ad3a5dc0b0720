namespace Tessera.Core.Repos;

/// <summary>
/// The git seam: makes a directory a shallow checkout of one branch's tip. Implemented by running the real
/// <c>git</c> executable (<see cref="GitCommandLine"/>); an interface only because it is I/O.
/// </summary>
public interface IGitClient
{
    /// <summary>
    /// Shallow-clones <see cref="GitCheckout.Remote"/> into <see cref="GitCheckout.Directory"/>, or, when that directory
    /// already holds a checkout, shallow-fetches the branch and resets to it. Returns the HEAD commit sha.
    /// Throws <see cref="RepoSyncException"/> (secrets scrubbed) when git fails or exceeds its timeout.
    /// </summary>
    Task<string> CheckoutAsync(GitCheckout checkout, CancellationToken cancellationToken);
}

/// <summary>What to check out where, and how to authenticate.</summary>
public sealed record GitCheckout(GitRemote Remote, string Branch, string Directory, GitCredentials Credentials);

/// <summary>
/// Secrets for one checkout: an https token (sent as <c>x-access-token:&lt;token&gt;</c> basic auth) or an SSH deploy
/// key. Never put on a command line, never in a URL, scrubbed from every error.
/// </summary>
public sealed record GitCredentials(string? Token = null, string? SshPrivateKey = null)
{
    public static readonly GitCredentials None = new();

    public override string ToString() => $"GitCredentials {{ Token = {(Token is null ? "none" : "***")}, SshPrivateKey = {(SshPrivateKey is null ? "none" : "***")} }}";
}

/// <summary>How git runs: its per-command timeout and the transport options (api.md §4, TESSERA_GIT_*).</summary>
/// <param name="Timeout">TESSERA_GIT_TIMEOUT: a git command still running after this is killed with its process tree.</param>
/// <param name="WorkDirectory">Where deploy keys (0600, deleted after use) and the SSH known_hosts file live.</param>
/// <param name="AllowInsecureLoopbackHttp">TESSERA_GIT_ALLOW_INSECURE_HTTP: also allow plain http, to loopback addresses only.</param>
/// <param name="SslCaInfo">TESSERA_GIT_SSL_CA_INFO: a CA bundle git trusts for https (GIT_SSL_CAINFO).</param>
/// <param name="GitExecutable">The git program; <c>git</c> on PATH unless set.</param>
public sealed record GitSettings(TimeSpan Timeout, string WorkDirectory, bool AllowInsecureLoopbackHttp = false, string? SslCaInfo = null,
    string GitExecutable = "git");
using System.Net;
using System.Text.RegularExpressions;

namespace Tessera.Core.Repos;

/// <summary>How git reaches a remote. Only these run; every other transport (file, ext, git, local paths) is refused.</summary>
public enum GitTransport
{
    Https,
    Ssh,

    /// <summary>Plain http: only to a loopback address, and only when the insecure-loopback option is on (tests, local development).</summary>
    Http,
}

/// <summary>
/// A repository URL that passed the sync's own checks: <c>https://host/path</c>, <c>ssh://[user@]host[:port]/path</c>
/// or the scp form <c>git@host:path</c>. Checked again at every sync (not only when the repo is registered), so a row
/// written by another version or by hand cannot make git run another transport.
/// </summary>
public sealed partial record GitRemote
{
    private GitRemote(string url, GitTransport transport, string host)
    {
        Url = url;
        Transport = transport;
        Host = host;
    }

    /// <summary>The URL exactly as git receives it (no credentials in it, ever).</summary>
    public string Url { get; }

    public GitTransport Transport { get; }

    public string Host { get; }

    public bool IsHttp => Transport is GitTransport.Https or GitTransport.Http;

    /// <summary>Parses and checks <paramref name="url"/>; throws <see cref="RepoSyncException"/> with the reason when it is refused.</summary>
    public static GitRemote Parse(string? url, bool allowInsecureLoopbackHttp = false)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new RepoSyncException("The repository has no git_url");
        }

        url = url.Trim();
        if (url.Length > 500)
        {
            throw new RepoSyncException("git_url is longer than 500 characters");
        }

        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new RepoSyncException("git_url must not contain spaces or control characters");
        }

        if (ScpForm().Match(url) is { Success: true } scp)
        {
            var scpHost = scp.Groups["host"].Value;
            var scpPath = scp.Groups["path"].Value;
            CheckHost(scpHost);
            CheckPath(scpPath);
            return new GitRemote(url, GitTransport.Ssh, scpHost);
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new RepoSyncException(url.Contains("::", StringComparison.Ordinal)
                ? "git_url uses a remote helper transport (such as ext::), which is refused; use https:// or ssh"
                : "git_url must be an https:// URL or an ssh URL (git@host:path or ssh://host/path); local paths are refused");
        }

        var scheme = url[..schemeEnd].ToLowerInvariant();
        var transport = scheme switch
        {
            "https" => GitTransport.Https,
            "ssh" => GitTransport.Ssh,
            "http" => GitTransport.Http,
            _ => throw new RepoSyncException($"git_url uses the {scheme}:// transport, which is refused; use https:// or ssh"),
        };
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new RepoSyncException("git_url is not a valid URL with a valid host name");
        }

        CheckHost(uri.IdnHost);
        CheckPath(uri.AbsolutePath.TrimStart('/'));
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new RepoSyncException("git_url must not carry a query or a fragment");
        }

        if (transport != GitTransport.Ssh && !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new RepoSyncException("git_url must not carry credentials; set the repo's git_token (or TESSERA_GIT_TOKEN) instead");
        }

        if (transport == GitTransport.Ssh && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new RepoSyncException("git_url must not carry a password; set the repo's ssh_key instead");
        }

        if (transport == GitTransport.Ssh && uri.UserInfo.Length > 0 && !UserName().IsMatch(Uri.UnescapeDataString(uri.UserInfo)))
        {
            throw new RepoSyncException("git_url has an invalid ssh user name");
        }

        if (transport == GitTransport.Http)
        {
            if (!allowInsecureLoopbackHttp)
            {
                throw new RepoSyncException("git_url uses plain http://, which is refused; use https:// or ssh");
            }

            if (!IsLoopback(uri))
            {
                throw new RepoSyncException("plain http:// is allowed only to a loopback address (TESSERA_GIT_ALLOW_INSECURE_HTTP)");
            }
        }

        return new GitRemote(url, transport, uri.IdnHost);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void CheckHost(string host)
    {
        if (!HostName().IsMatch(host) && !IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            throw new RepoSyncException($"git_url has an invalid host name '{host}'");
        }
    }

    private static void CheckPath(string path)
    {
        if (path.Length == 0 || path.StartsWith('-'))
        {
            throw new RepoSyncException("git_url must name a repository path that does not start with '-'");
        }
    }

    // git@host:owner/repo(.git): the user is fixed to "git", the host is a plain DNS name, the path is relative.
    [GeneratedRegex(@"^git@(?<host>[A-Za-z0-9][A-Za-z0-9.-]*):(?<path>[^/][^:]*)$")]
    private static partial Regex ScpForm();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex UserName();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();
}

/// <summary>Branch names the sync accepts: what the repos API accepts, minus anything git could read as an option or a range.</summary>
public static partial class GitBranchName
{
    public static string Check(string? branch)
    {
        if (string.IsNullOrWhiteSpace(branch))
        {
            throw new RepoSyncException("The repository has no default_branch");
        }

        if (branch.Length > 100 || !Allowed().IsMatch(branch) || branch.Contains("..", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal)
            || branch.EndsWith('/') || branch.EndsWith('.') || branch.EndsWith(".lock", StringComparison.Ordinal) || branch.Contains("/.", StringComparison.Ordinal))
        {
            throw new RepoSyncException(
                $"default_branch '{branch}' is not a safe branch name: it must start with a letter or digit, use only letters, digits, '.', '/', '_' and '-', and not contain '..'");
        }

        return branch;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    private static partial Regex Allowed();
}

/// <summary>A sync step refused or failed; the message is safe to show and store (no secrets).</summary>
public sealed class RepoSyncException : Exception
{
    public RepoSyncException(string message)
        : base(message)
    {
    }

    public RepoSyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RepoSyncException()
        : base("Repository sync failed")
    {
    }
}
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Core.Repos;

/// <summary>
/// The environment of the git commands of one checkout, and the life of its secrets: the token header (in
/// <c>GIT_CONFIG_*</c> variables, never in arguments) and the SSH deploy key file (0600, deleted on dispose).
/// </summary>
internal sealed partial class GitSession : IDisposable
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<string> _secrets = [];
    private string? _keyFile;

    private GitSession()
    {
    }

    /// <summary>The deploy key file while the session lives (for tests and diagnostics); null without a key.</summary>
    public string? KeyFile => _keyFile;

    public static GitSession Open(GitSettings settings, GitRemote remote, GitCredentials credentials)
    {
        var session = new GitSession();
        try
        {
            session.Configure(settings, remote, credentials);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private void Configure(GitSettings settings, GitRemote remote, GitCredentials credentials)
    {
        _environment["GIT_TERMINAL_PROMPT"] = "0";
        _environment["GIT_ALLOW_PROTOCOL"] = settings.AllowInsecureLoopbackHttp ? "https:ssh:http" : "https:ssh";
        _environment["GIT_CONFIG_NOSYSTEM"] = "1";
        _environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        _environment["GIT_LFS_SKIP_SMUDGE"] = "1";
        _environment["SSH_ASKPASS_REQUIRE"] = "never";
        _environment["LC_ALL"] = "C";
        if (settings.SslCaInfo is { } caInfo)
        {
            _environment["GIT_SSL_CAINFO"] = caInfo;
        }

        var config = new List<(string Key, string Value)>();
        if (remote.IsHttp && !string.IsNullOrEmpty(credentials.Token))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + credentials.Token));
            _secrets.Add(credentials.Token);
            _secrets.Add(basic);
            // Scoped to the repository URL: git sends it only to requests under that URL (and follows no redirects).
            config.Add(($"http.{remote.Url}.extraHeader", "Authorization: Basic " + basic));
        }

        _environment["GIT_CONFIG_COUNT"] = config.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < config.Count; i++)
        {
            _environment[$"GIT_CONFIG_KEY_{i}"] = config[i].Key;
            _environment[$"GIT_CONFIG_VALUE_{i}"] = config[i].Value;
        }

        if (remote.Transport == GitTransport.Ssh)
        {
            Directory.CreateDirectory(settings.WorkDirectory);
            var ssh = new StringBuilder("ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new");
            ssh.Append(" -o UserKnownHostsFile=").Append(ShellQuote(Path.Combine(Path.GetFullPath(settings.WorkDirectory), "known_hosts")));
            ssh.Append(" -o ConnectTimeout=").Append(Math.Max(1, (int)settings.Timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrWhiteSpace(credentials.SshPrivateKey))
            {
                _keyFile = WriteKey(settings.WorkDirectory, credentials.SshPrivateKey);
                ssh.Append(" -i ").Append(ShellQuote(_keyFile)).Append(" -o IdentitiesOnly=yes -o IdentityAgent=none");
            }

            _environment["GIT_SSH_COMMAND"] = ssh.ToString();
            _environment["GIT_SSH_VARIANT"] = "ssh";
        }
    }

    /// <summary>Replaces the inherited environment's git settings with this session's.</summary>
    public void Apply(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.ToList())
        {
            if (key.StartsWith("GIT_", StringComparison.Ordinal) || key is "SSH_ASKPASS" or "SSH_ASKPASS_REQUIRE")
            {
                environment.Remove(key);
            }
        }

        foreach (var (key, value) in _environment)
        {
            environment[key] = value;
        }
    }

    /// <summary>Removes every secret of this session, and any credentials written into a URL, from <paramref name="text"/>.</summary>
    public string Scrub(string text)
    {
        foreach (var secret in _secrets.Where(s => s.Length > 0))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return UrlCredentials().Replace(text, "$1***@");
    }

    public void Dispose()
    {
        if (_keyFile is not null)
        {
            try
            {
                File.Delete(_keyFile);
            }
            catch (IOException)
            {
                // Best effort; the keys directory is only readable by this user.
            }

            _keyFile = null;
        }
    }

    private static string WriteKey(string workDirectory, string key)
    {
        var keys = Path.Combine(Path.GetFullPath(workDirectory), "keys");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(keys, Guid.NewGuid().ToString("N") + ".key");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            // OpenSSH wants LF line ends and a final newline.
            writer.Write(key.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n");
        }

        return path;
    }

    /// <summary>POSIX single-quoting for the one value git passes through a shell (GIT_SSH_COMMAND).</summary>
    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"(https?://)[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();
}
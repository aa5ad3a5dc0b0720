using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Core.Repos;

/// <summary>
/// <see cref="IGitClient"/> over the real <c>git</c> executable. Every command is started with an argument list (never a
/// shell string), a closed stdin, an environment stripped of inherited git settings, and these guards:
/// <list type="bullet">
/// <item><c>GIT_ALLOW_PROTOCOL=https:ssh</c> (plus <c>http</c> only with the insecure-loopback option) and
/// <c>protocol.file.allow=never</c>: no local, <c>file://</c> or <c>ext::</c> transports, also not through submodules or redirects;</item>
/// <item><c>core.hooksPath=/dev/null</c>, no system or global config, no credential helpers, <c>GIT_TERMINAL_PROMPT=0</c>,
/// no redirects followed, no submodules;</item>
/// <item><c>--</c> before every URL; the branch was checked by <see cref="GitBranchName"/>;</item>
/// <item>an https token travels as an <c>Authorization</c> header set through <c>GIT_CONFIG_*</c> environment variables,
/// scoped to the repository URL, so it is never in the process arguments; an SSH deploy key is a 0600 file that is
/// deleted when the checkout ends;</item>
/// <item>every command is killed with its process tree after <see cref="GitSettings.Timeout"/>.</item>
/// </list>
/// </summary>
public sealed partial class GitCommandLine(GitSettings settings, TimeProvider clock) : IGitClient
{
    private const int MaxErrorChars = 16 * 1024;
    private const int MaxOutputChars = 64 * 1024;

    private static readonly string[] SafetyArguments =
    [
        "-c", "core.hooksPath=/dev/null",
        "-c", "credential.helper=",
        "-c", "protocol.file.allow=never",
        "-c", "protocol.ext.allow=never",
        "-c", "http.followRedirects=false",
        "-c", "submodule.recurse=false",
        "-c", "core.fsmonitor=false",
        "-c", "advice.detachedHead=false",
    ];

    public async Task<string> CheckoutAsync(GitCheckout checkout, CancellationToken cancellationToken)
    {
        var branch = GitBranchName.Check(checkout.Branch);
        var directory = Path.GetFullPath(checkout.Directory);
        using var session = GitSession.Open(settings, checkout.Remote, checkout.Credentials);
        if (Directory.Exists(Path.Combine(directory, ".git")))
        {
            try
            {
                await RunAsync(session, directory, "fetch",
                    ["fetch", "--depth", "1", "--no-tags", "--no-recurse-submodules", "--quiet", "--", checkout.Remote.Url, $"+refs/heads/{branch}:refs/remotes/origin/{branch}"],
                    cancellationToken);
                await RunAsync(session, directory, "reset", ["reset", "--hard", "--quiet", $"refs/remotes/origin/{branch}", "--"], cancellationToken);
                await RunAsync(session, directory, "clean", ["clean", "-ffdxq"], cancellationToken);
            }
            catch (Exception)
            {
                // A half-updated checkout is worth nothing; the next sync clones afresh.
                CloneDirectory.Delete(directory);
                throw;
            }
        }
        else
        {
            CloneDirectory.Delete(directory);
            var parent = Path.GetDirectoryName(directory)!;
            Directory.CreateDirectory(parent);
            try
            {
                await RunAsync(session, parent, "clone",
                    ["clone", "--depth", "1", "--branch", branch, "--single-branch", "--no-tags", "--no-recurse-submodules", "--quiet", "--", checkout.Remote.Url, directory],
                    cancellationToken);
            }
            catch (Exception)
            {
                CloneDirectory.Delete(directory);
                throw;
            }
        }

        var head = (await RunAsync(session, directory, "rev-parse", ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cancellationToken)).Trim();
        if (!CommitSha().IsMatch(head))
        {
            throw new RepoSyncException("git rev-parse did not return a commit id for HEAD");
        }

        return head;
    }

    private async Task<string> RunAsync(GitSession session, string workingDirectory, string step, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(settings.GitExecutable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in SafetyArguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        session.Apply(start.Environment);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new RepoSyncException($"git could not be started ({settings.GitExecutable}): {e.Message}", e);
        }

        process.StandardInput.Close();
        var output = ReadTailAsync(process.StandardOutput, MaxOutputChars);
        var errors = ReadTailAsync(process.StandardError, MaxErrorChars);
        using var timeout = new CancellationTokenSource(settings.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RepoSyncException(
                    $"git {step} timed out after {settings.Timeout.TotalSeconds:0.#} s (TESSERA_GIT_TIMEOUT); the git process was killed");
            }

            throw;
        }

        var text = await output;
        var error = await errors;
        if (process.ExitCode != 0)
        {
            var detail = session.Scrub(LastLines(error));
            throw new RepoSyncException($"git {step} failed (exit code {process.ExitCode}){(detail.Length == 0 ? "" : ": " + detail)}");
        }

        return text;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting while we kill it.
        }
    }

    private static async Task<string> ReadTailAsync(StreamReader reader, int max)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > max * 2)
            {
                text.Remove(0, text.Length - max);
            }
        }

        if (text.Length > max)
        {
            text.Remove(0, text.Length - max);
        }

        return text.ToString();
    }

    private static string LastLines(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("hint:", StringComparison.Ordinal))
            .TakeLast(4);
        var joined = string.Join(" | ", lines);
        return joined.Length > 1000 ? joined[^1000..] : joined;
    }

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex CommitSha();
}
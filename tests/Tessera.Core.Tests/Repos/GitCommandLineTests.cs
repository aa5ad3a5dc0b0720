using System.Text;

using Microsoft.Extensions.Time.Testing;

using Tessera.Core.Repos;
using Tessera.Testing;

namespace Tessera.Core.Tests.Repos;

/// <summary>The git seam against real repositories served on loopback by git http-backend (no mocked git).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GitCommandLineTests : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "tessera-gitcli-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _clock = new();
    private GitServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _server = await GitServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        CloneDirectory.Delete(_work);
    }

    private GitCommandLine Git(string? executable = null, bool allowHttp = false) =>
        new(new GitSettings(TimeSpan.FromSeconds(30), Path.Combine(_work, "state"), allowHttp, _server.CaFile, executable ?? "git"), _clock);

    private string Target() => Path.Combine(_work, "clones", Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 120_000)]
    public async Task Checkout_FirstTime_ShallowClonesTheBranchOverHttps()
    {
        var repo = _server.CreateRepository();
        repo.Write("api/openapi.yaml", "openapi: 3.0.0\n").Commit("one");
        var second = repo.Write("api/openapi.yaml", "openapi: 3.0.1\n").Commit("two");
        var target = Target();

        var head = await Git().CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "main", target, GitCredentials.None), TestContext.Current.CancellationToken);

        Assert.Equal(second, head);
        Assert.Equal("openapi: 3.0.1\n", await File.ReadAllTextAsync(Path.Combine(target, "api/openapi.yaml")));
        Assert.Equal("true", GitServer.Git(target, "rev-parse", "--is-shallow-repository").Trim());
        Assert.Equal("1", GitServer.Git(target, "rev-list", "--count", "HEAD").Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_AfterNewCommit_FetchesAndResetsHard()
    {
        var repo = _server.CreateRepository();
        repo.Write("a.graphql", "type Query { a: String }").Write("b.graphql", "type Query { b: String }").Commit();
        var target = Target();
        var git = Git();
        var checkout = new GitCheckout(GitRemote.Parse(repo.Url), "main", target, GitCredentials.None);
        await git.CheckoutAsync(checkout, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(target, "stray.txt"), "left behind");
        await File.WriteAllTextAsync(Path.Combine(target, "a.graphql"), "local edit");

        var next = repo.Delete("b.graphql").Write("c.graphql", "type Query { c: String }").Commit();
        var head = await git.CheckoutAsync(checkout, TestContext.Current.CancellationToken);

        Assert.Equal(next, head);
        Assert.Equal("type Query { a: String }", await File.ReadAllTextAsync(Path.Combine(target, "a.graphql")));
        Assert.False(File.Exists(Path.Combine(target, "b.graphql")));
        Assert.True(File.Exists(Path.Combine(target, "c.graphql")));
        Assert.False(File.Exists(Path.Combine(target, "stray.txt")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_OtherBranch_ChecksOutThatBranch()
    {
        var repo = _server.CreateRepository();
        repo.Write("x.proto", "syntax = \"proto3\";").Commit();
        var release = repo.Write("y.proto", "syntax = \"proto3\";").Commit("release", "release/1.0");
        var target = Target();

        var head = await Git().CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "release/1.0", target, GitCredentials.None), TestContext.Current.CancellationToken);

        Assert.Equal(release, head);
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_MissingBranch_FailsClearlyAndLeavesNothing()
    {
        var repo = _server.CreateRepository();
        repo.Write("x.proto", "syntax = \"proto3\";").Commit();
        var target = Target();

        var error = await Assert.ThrowsAsync<RepoSyncException>(() =>
            Git().CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "nope", target, GitCredentials.None), TestContext.Current.CancellationToken));

        Assert.Contains("git clone failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_PrivateRepo_TokenSentAsHeaderNeverAsArgument()
    {
        const string token = "ghs_secretTOKENvalue123";
        var repo = _server.CreateRepository(requiredToken: token);
        repo.Write("s.graphql", "type Query { a: String }").Commit();
        var (wrapper, log) = RecordingGit();

        var head = await Git(wrapper).CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "main", Target(), new GitCredentials(token)), TestContext.Current.CancellationToken);

        Assert.Matches("^[0-9a-f]{40}$", head);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token));
        Assert.Contains(_server.Requests, r => r.Authorization == "Basic " + basic);
        var arguments = await File.ReadAllTextAsync(log);
        Assert.Contains("clone", arguments, StringComparison.Ordinal);
        Assert.DoesNotContain(token, arguments, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, arguments, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_PrivateRepoWithoutOrWithWrongToken_FailsWithoutPromptOrLeak()
    {
        const string token = "right-token-0001";
        const string wrong = "wrong-token-SECRET-9999";
        var repo = _server.CreateRepository(requiredToken: token);
        repo.Write("s.graphql", "type Query { a: String }").Commit();

        var missing = await Assert.ThrowsAsync<RepoSyncException>(() =>
            Git().CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "main", Target(), GitCredentials.None), TestContext.Current.CancellationToken));
        var bad = await Assert.ThrowsAsync<RepoSyncException>(() =>
            Git().CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "main", Target(), new GitCredentials(wrong)), TestContext.Current.CancellationToken));

        Assert.Contains("git clone failed", missing.Message, StringComparison.Ordinal);
        Assert.Contains("git clone failed", bad.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, bad.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + wrong)), bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_TokenIsNotSentToSsh()
    {
        // The token header is configured for the https URL only; an ssh remote gets no GIT_CONFIG entries at all.
        using var session = GitSession.Open(new GitSettings(TimeSpan.FromSeconds(5), Path.Combine(_work, "state")),
            GitRemote.Parse("git@example.com:acme/orders.git"), new GitCredentials("tok-123"));
        var environment = new Dictionary<string, string?>();

        session.Apply(environment);

        Assert.Equal("0", environment["GIT_CONFIG_COUNT"]);
        Assert.DoesNotContain(environment.Values, v => v?.Contains("tok-123", StringComparison.Ordinal) == true);
        await Task.CompletedTask;
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_InheritedGitEnvironment_IsIgnored()
    {
        var repo = _server.CreateRepository();
        var sha = repo.Write("s.graphql", "type Query { a: String }").Commit();
        var session = GitSession.Open(new GitSettings(TimeSpan.FromSeconds(5), Path.Combine(_work, "state")), GitRemote.Parse(repo.Url), GitCredentials.None);
        var environment = new Dictionary<string, string?> { ["GIT_DIR"] = "/somewhere/else", ["GIT_ALLOW_PROTOCOL"] = "file:ext", ["GIT_ASKPASS"] = "/bin/echo", ["HOME"] = "/root" };

        session.Apply(environment);
        session.Dispose();

        Assert.False(environment.ContainsKey("GIT_DIR"));
        Assert.False(environment.ContainsKey("GIT_ASKPASS"));
        Assert.Equal("https:ssh", environment["GIT_ALLOW_PROTOCOL"]);
        Assert.Equal("0", environment["GIT_TERMINAL_PROMPT"]);
        Assert.Equal("/dev/null", environment["GIT_CONFIG_GLOBAL"]);
        Assert.Equal("/root", environment["HOME"]);
        Assert.Equal(sha, await Git().CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "main", Target(), GitCredentials.None), TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_PlainHttp_OnlyWithTheInsecureLoopbackOption()
    {
        await using var plain = await GitServer.StartAsync(https: false);
        var repo = plain.CreateRepository();
        var sha = repo.Write("s.graphql", "type Query { a: String }").Commit();

        Assert.Throws<RepoSyncException>(() => GitRemote.Parse(repo.Url));
        var head = await Git(allowHttp: true).CheckoutAsync(
            new GitCheckout(GitRemote.Parse(repo.Url, allowInsecureLoopbackHttp: true), "main", Target(), GitCredentials.None), TestContext.Current.CancellationToken);
        Assert.Equal(sha, head);

        // Without the option git itself refuses http, even if a remote slipped past the URL check.
        var error = await Assert.ThrowsAsync<RepoSyncException>(() =>
            Git(allowHttp: false).CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url, allowInsecureLoopbackHttp: true), "main", Target(), GitCredentials.None), TestContext.Current.CancellationToken));
        Assert.Contains("git clone failed", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_HttpsWithoutTrustedCa_Refused()
    {
        var repo = _server.CreateRepository();
        repo.Write("s.graphql", "type Query { a: String }").Commit();
        var git = new GitCommandLine(new GitSettings(TimeSpan.FromSeconds(30), Path.Combine(_work, "state")), _clock);

        var error = await Assert.ThrowsAsync<RepoSyncException>(() =>
            git.CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), "main", Target(), GitCredentials.None), TestContext.Current.CancellationToken));

        Assert.Contains("git clone failed", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_UnsafeBranch_RefusedBeforeGitRuns()
    {
        var repo = _server.CreateRepository();
        repo.Write("s.graphql", "type Query { a: String }").Commit();
        var (wrapper, log) = RecordingGit();

        foreach (var branch in new[] { "--upload-pack=touch /tmp/x", "-b", "main..other" })
        {
            await Assert.ThrowsAsync<RepoSyncException>(() =>
                Git(wrapper).CheckoutAsync(new GitCheckout(GitRemote.Parse(repo.Url), branch, Target(), GitCredentials.None), TestContext.Current.CancellationToken));
        }

        Assert.False(File.Exists(log));
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_RemoteThatHangs_KilledAfterGitTimeout()
    {
        using var remote = new HangingRemote();
        var git = new GitCommandLine(new GitSettings(TimeSpan.FromSeconds(120), Path.Combine(_work, "state"), SslCaInfo: _server.CaFile), _clock);
        var target = Target();

        var checkout = git.CheckoutAsync(new GitCheckout(GitRemote.Parse($"https://127.0.0.1:{remote.Port}/hang.git"), "main", target, GitCredentials.None), TestContext.Current.CancellationToken);
        while (remote.Accepted == 0 && !checkout.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.False(checkout.IsCompleted);
        var error = await AdvanceUntilDoneAsync(checkout, TimeSpan.FromSeconds(121));

        Assert.Contains("timed out after 120 s (TESSERA_GIT_TIMEOUT)", error.Message, StringComparison.Ordinal);
        for (var i = 0; i < 200 && remote.ClosedByPeer == 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(1, remote.ClosedByPeer);
        Assert.False(Directory.Exists(target));
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_CallerCancels_GitKilledAndCancellationSurfaces()
    {
        using var remote = new HangingRemote();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var checkout = Git().CheckoutAsync(new GitCheckout(GitRemote.Parse($"https://127.0.0.1:{remote.Port}/hang.git"), "main", Target(), GitCredentials.None), cancel.Token);
        while (remote.Accepted == 0 && !checkout.IsCompleted)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checkout);
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkout_SshDeployKey_Written0600ForGitAndDeletedAfterwards()
    {
        const string key = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----";
        var state = Path.Combine(_work, "ssh-state");
        var keys = Path.Combine(state, "keys");
        var seen = new List<(string Content, UnixFileMode Mode)>();
        using var remote = new HangingRemote(() =>
        {
            foreach (var file in Directory.GetFiles(keys))
            {
                seen.Add((File.ReadAllText(file), File.GetUnixFileMode(file)));
            }

            return true; // Close the connection: ssh fails, git fails.
        });
        var git = new GitCommandLine(new GitSettings(TimeSpan.FromSeconds(30), state), _clock);

        var error = await Assert.ThrowsAsync<RepoSyncException>(() =>
            git.CheckoutAsync(new GitCheckout(GitRemote.Parse($"ssh://git@127.0.0.1:{remote.Port}/acme/orders.git"), "main", Target(), new GitCredentials(SshPrivateKey: key)), TestContext.Current.CancellationToken));

        Assert.Contains("git clone failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-key", error.Message, StringComparison.Ordinal);
        var (content, mode) = Assert.Single(seen);
        Assert.Equal(key + "\n", content);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Empty(Directory.GetFiles(keys));
    }

    [Fact]
    public void Scrub_RemovesTokensHeadersAndUrlCredentials()
    {
        using var session = GitSession.Open(new GitSettings(TimeSpan.FromSeconds(5), Path.Combine(_work, "state")),
            GitRemote.Parse("https://example.com/a.git"), new GitCredentials("tok-SECRET"));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:tok-SECRET"));

        var scrubbed = session.Scrub($"fatal: tok-SECRET {basic} https://x-access-token:other@example.com/a.git");

        Assert.Equal("fatal: *** *** https://***@example.com/a.git", scrubbed);
    }

    private async Task<RepoSyncException> AdvanceUntilDoneAsync(Task task, TimeSpan step)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            _clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(25));
        }

        return await Assert.ThrowsAsync<RepoSyncException>(() => task);
    }

    /// <summary>A wrapper around the real git that records its arguments (one per line) before running it.</summary>
    private (string Wrapper, string Log) RecordingGit()
    {
        var log = Path.Combine(_work, "args-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        var wrapper = Path.Combine(_work, "git-recording-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(wrapper, $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{log}'; done\nexec git \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (wrapper, log);
    }
}
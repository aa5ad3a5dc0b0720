using Tessera.Core.Repos;

namespace Tessera.Core.Tests.Repos;

public sealed class GitRemoteTests
{
    [Theory]
    [InlineData("https://github.com/acme/orders.git", GitTransport.Https, "github.com")]
    [InlineData("https://git.example.com:8443/group/sub/orders", GitTransport.Https, "git.example.com")]
    [InlineData("git@github.com:acme/orders.git", GitTransport.Ssh, "github.com")]
    [InlineData("ssh://git@github.com/acme/orders.git", GitTransport.Ssh, "github.com")]
    [InlineData("ssh://deploy@10.1.2.3:2222/srv/orders.git", GitTransport.Ssh, "10.1.2.3")]
    public void Parse_HttpsAndSsh_Accepted(string url, GitTransport transport, string host)
    {
        var remote = GitRemote.Parse(url);

        Assert.Equal(transport, remote.Transport);
        Assert.Equal(host, remote.Host);
        Assert.Equal(url, remote.Url);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file://")]
    [InlineData("FILE:///srv/repo.git", "file://")]
    [InlineData("ext::sh -c touch% /tmp/pwned", "spaces")]
    [InlineData("ext::sh", "ext::")]
    [InlineData("/srv/git/orders.git", "local paths")]
    [InlineData("../other-repo", "local paths")]
    [InlineData("orders.git", "local paths")]
    [InlineData("git://github.com/acme/orders.git", "git://")]
    [InlineData("ftp://example.com/orders.git", "ftp://")]
    [InlineData("http://github.com/acme/orders.git", "plain http")]
    [InlineData("https://user:secret@github.com/acme/orders.git", "credentials")]
    [InlineData("https://github.com/acme/orders.git?x=1", "query")]
    [InlineData("https://-oProxyCommand=sh/x", "host")]
    [InlineData("ssh://-oProxyCommand=touch%20x/repo", "host")]
    [InlineData("ssh://-oProxyCommand=x@github.com/repo", "user name")]
    [InlineData("git@-oProxyCommand=x:repo", "local paths")]
    [InlineData("git@github.com:-upload-pack=x", "'-'")]
    [InlineData("https://github.com/-u", "'-'")]
    [InlineData("https://github.com/a\nb", "control")]
    [InlineData("", "no git_url")]
    public void Parse_OtherTransportsAndTricks_Refused(string url, string reason)
    {
        var error = Assert.Throws<RepoSyncException>(() => GitRemote.Parse(url));

        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_PlainHttp_OnlyToLoopbackAndOnlyWhenAllowed()
    {
        Assert.Throws<RepoSyncException>(() => GitRemote.Parse("http://127.0.0.1:9/r.git"));
        Assert.Equal(GitTransport.Http, GitRemote.Parse("http://127.0.0.1:9/r.git", allowInsecureLoopbackHttp: true).Transport);
        Assert.Equal(GitTransport.Http, GitRemote.Parse("http://localhost:9/r.git", allowInsecureLoopbackHttp: true).Transport);
        Assert.Equal(GitTransport.Http, GitRemote.Parse("http://[::1]:9/r.git", allowInsecureLoopbackHttp: true).Transport);
        var error = Assert.Throws<RepoSyncException>(() => GitRemote.Parse("http://github.com/acme/orders.git", allowInsecureLoopbackHttp: true));
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("release/2.0")]
    [InlineData("feature_x-1")]
    public void BranchName_Ordinary_Accepted(string branch) => Assert.Equal(branch, GitBranchName.Check(branch));

    [Theory]
    [InlineData("-upload-pack=touch")]
    [InlineData("--help")]
    [InlineData("main..evil")]
    [InlineData("a/../b")]
    [InlineData("main branch")]
    [InlineData("main;rm")]
    [InlineData("refs/heads/x.lock")]
    [InlineData("x/")]
    [InlineData("a//b")]
    [InlineData("a/.hidden")]
    [InlineData("HEAD@{1}")]
    [InlineData("")]
    public void BranchName_Unsafe_Refused(string branch)
    {
        var error = Assert.Throws<RepoSyncException>(() => GitBranchName.Check(branch));

        Assert.Contains("branch", error.Message, StringComparison.Ordinal);
    }
}
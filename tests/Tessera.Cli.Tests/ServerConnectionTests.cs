using System.Net;
using System.Net.Sockets;

namespace Tessera.Cli.Tests;

/// <summary>
/// How the commands that talk to a server find it and report when they cannot use it: TESSERA_URL / --url,
/// TESSERA_API_KEY / --api-key, exit 3 when unreachable, 4 when the key is refused, 2 for a bad URL.
/// </summary>
public sealed class ServerConnectionTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private const string Spec = """
        {"openapi": "3.0.3", "info": {"title": "Conn API", "version": "1"},
         "paths": {"/ping": {"get": {"responses": {"200": {"description": "ok",
           "content": {"application/json": {"schema": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}}}}}}}}
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Check_NothingListening_ExitsThreeNamingTheServer()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var (exit, output, err) = await CliRunner.RunAsync(CliRunner.Server(url, TesseraKey), "check", _files.Write("api.json", Spec));

        Assert.Equal(ExitCodes.ServerUnavailable, exit);
        Assert.Equal("", output);
        Assert.Contains($"cannot reach the Tessera server at {url}", err, StringComparison.Ordinal);
        Assert.Contains("TESSERA_URL", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoApiKey_ExitsFourAskingForTheKey()
    {
        var (exit, output, err) = await CliRunner.RunAsync(CliRunner.Server(server.Url, null), "check", _files.Write("api.json", Spec));

        Assert.Equal(ExitCodes.AuthenticationFailed, exit);
        Assert.Equal("", output);
        Assert.Contains("needs an API key (401 MISSING_API_KEY", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownApiKey_ExitsFourSayingTheKeyWasRefused()
    {
        var (exit, _, err) = await CliRunner.RunAsync(CliRunner.Server(server.Url, "tess_not_a_real_key"), "check", _files.Write("api.json", Spec));

        Assert.Equal(ExitCodes.AuthenticationFailed, exit);
        Assert.Contains("refused the API key (401 INVALID_API_KEY", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UrlAndKeyFlags_OverrideTheEnvironment()
    {
        var wrong = CliRunner.Server($"http://127.0.0.1:{FreePort()}", "tess_wrong");
        var (exit, _, err) = await CliRunner.RunAsync(wrong, "check", _files.Write("api.json", Spec), "--url", server.Url, "--api-key", TesseraKey);

        Assert.True(exit == ExitCodes.Compatible, err);
    }

    [Theory]
    [InlineData("localhost:8000")]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    public async Task Check_UrlNotHttp_ExitsTwo(string url)
    {
        var (exit, _, err) = await CliRunner.RunAsync(CliRunner.Server(url, TesseraKey), "check", _files.Write("api.json", Spec));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("is not an absolute http:// or https:// URL", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NotATesseraServer_ExitsThree()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answer = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = 404;
            await context.Response.OutputStream.WriteAsync("<html>nope</html>"u8.ToArray());
            context.Response.Close();
        });

        var (exit, _, err) = await CliRunner.RunAsync(CliRunner.Server($"http://127.0.0.1:{port}", TesseraKey), "check", _files.Write("api.json", Spec));
        await answer;

        Assert.Equal(ExitCodes.ServerUnavailable, exit);
        Assert.Contains("without Tessera's error envelope", err, StringComparison.Ordinal);
    }

    private static string TesseraKey => ServerFixture.AdminKey;

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
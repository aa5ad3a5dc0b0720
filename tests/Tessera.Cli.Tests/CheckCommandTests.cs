using System.Diagnostics;
using System.Text.Json.Nodes;

using Tessera.Client;

using static Tessera.Cli.Tests.ServerSpecs;

namespace Tessera.Cli.Tests;

/// <summary><c>tessera check FILE</c> against a real server: exit codes, the four outputs, scoping, the mode override.</summary>
public sealed class CheckCommandTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CliContext Context(bool terminal = false) => CliRunner.Server(server.Url, ServerFixture.AdminKey, terminal);

    /// <summary>Imports v1 (id, email) under a fresh title through the importer; returns the title.</summary>
    private async Task<string> ImportedAsync()
    {
        var title = Unique("Users");
        var team = await server.CreateTeamAsync();
        await server.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(JsonValue.Create(OpenApi(title, "id", "email")), team.Id));
        return title;
    }

    [Fact]
    public async Task Check_CompatibleChange_ExitsZeroWithTextVerdict()
    {
        var title = await ImportedAsync();
        var (exit, output, err) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(title, "id", "email", "phone")));

        Assert.True(exit == ExitCodes.Compatible, err);
        Assert.Equal("", err);
        Assert.Contains($"ok        {Fqn(title, "get_users_id")}  (GET /users/{{id}})  1.0.0, minor change under backward", output, StringComparison.Ordinal);
        Assert.Contains("compatible: 0 of 2 operations breaking, 2 compatible, 0 new.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BreakingChange_ExitsOneNamingTheChange()
    {
        var title = await ImportedAsync();
        var (exit, output, _) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(title, "id")));

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Contains($"BREAKING  {Fqn(title, "get_users_id")}  (GET /users/{{id}})  1.0.0, major change under backward", output, StringComparison.Ordinal);
        Assert.Contains("email", output, StringComparison.Ordinal);
        Assert.Contains("BREAKING: 2 of 2 operations breaking", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NothingImported_ExitsZeroAllNew()
    {
        var title = Unique("Fresh");
        var (exit, output, _) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(title, "id")));

        Assert.Equal(ExitCodes.Compatible, exit);
        Assert.Contains($"new       {Fqn(title, "post_users")}  (POST /users)  no active contract yet", output, StringComparison.Ordinal);
        Assert.Contains("compatible: 0 of 2 operations breaking, 0 compatible, 2 new.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ModeNone_ExitsZeroForABreakingChange()
    {
        var title = await ImportedAsync();
        var (exit, output, _) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(title, "id")), "--mode", "none");

        Assert.Equal(ExitCodes.Compatible, exit);
        Assert.Contains("major change under none", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AssetFqnAndOperation_ChecksThatPairOnly()
    {
        var title = await ImportedAsync();
        var (exit, output, err) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(title, "id")), "--asset-fqn",
            Fqn(title, "get_users_id"), "--operation", "GET /users/{id}", "--output", "json");

        Assert.Equal(ExitCodes.Breaking, exit);
        var json = JsonNode.Parse(output)!;
        var result = Assert.Single(json["results"]!.AsArray());
        Assert.Equal((Fqn(title, "get_users_id"), "GET /users/{id}"), ((string?)result!["fqn"], (string?)result["operation"]));
        Assert.Equal("", err);
    }

    [Fact]
    public async Task Check_JsonOutput_IsTheServersAnswer()
    {
        var title = await ImportedAsync();
        var (exit, output, _) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(title, "id")), "--output", "json");

        Assert.Equal(ExitCodes.Breaking, exit);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.True((bool)json["is_breaking"]!);
        Assert.Equal(("openapi", 2, 2, 0), ((string?)json["spec_format"], (int)json["total_endpoints"]!, (int)json["checked"]!, (int)json["new_endpoints"]!));
        Assert.All(json["results"]!.AsArray(), r => Assert.NotNull(r!["breaking_changes"]));
    }

    [Fact]
    public async Task Check_MarkdownAndGitHub_ForPullRequestsAndAnnotations()
    {
        var title = await ImportedAsync();
        var file = _files.Write("api.json", OpenApi(title, "id"));

        var (_, markdown, _) = await CliRunner.RunAsync(Context(), "check", file, "--output", "markdown");
        Assert.StartsWith("### :x: Tessera check: BREAKING", markdown, StringComparison.Ordinal);
        Assert.Contains($"| :x: **breaking** | `{Fqn(title, "get_users_id")}` | `GET /users/{{id}}` | 1.0.0 | major (backward) |", markdown, StringComparison.Ordinal);

        var (exit, github, _) = await CliRunner.RunAsync(Context(), "check", file, "--output", "github");
        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Contains($"::error file={file.Replace(":", "%3A", StringComparison.Ordinal)},title={Fqn(title, "get_users_id")}::", github, StringComparison.Ordinal);
        Assert.EndsWith("BREAKING: 2 of 2 operations breaking, 0 compatible, 0 new.\n", github, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnparseableDocument_ExitsTwoWithTheParseErrors()
    {
        var (exit, output, err) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.yaml", "openapi: 3.0.3\ninfo: {title: x\n  version: ["),
            "--format", "openapi");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Equal("", output);
        Assert.Contains("error: 400 INVALID_SCHEMA:", err, StringComparison.Ordinal);
        Assert.Contains("line", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownAsset_ExitsTwo()
    {
        var (exit, _, err) = await CliRunner.RunAsync(Context(), "check", _files.Write("api.json", OpenApi(Unique("X"), "id")), "--asset-fqn", "api.no.such");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("404 ASSET_NOT_FOUND", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--operation", "GET /x")]
    [InlineData("--mode", "sideways")]
    [InlineData("--format", "avro")]
    public async Task Check_BadOption_ExitsTwoWithoutCallingTheServer(string option, string value)
    {
        var (exit, output, err) = await CliRunner.RunAsync(CliRunner.Server("http://127.0.0.1:9", "k"), "check",
            _files.Write("api.json", OpenApi(Unique("X"), "id")), option, value);

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AvroFile_ExitsTwoPointingElsewhere()
    {
        var (exit, _, err) = await CliRunner.RunAsync(CliRunner.Server("http://127.0.0.1:9", "k"), "check",
            _files.Write("user.avsc", """{"type": "record", "name": "User", "fields": [{"name": "id", "type": "long"}]}"""));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("reads as avro", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsTwo()
    {
        var (exit, _, err) = await CliRunner.RunAsync(Context(), "check", Path.Combine(_files.Root, "nope.yaml"));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("no such file", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OnATerminal_JsonStaysCleanAndTextShowsProgressOnStderr()
    {
        var title = await ImportedAsync();
        var file = _files.Write("api.json", OpenApi(title, "id", "email"));

        var (jsonExit, json, jsonErr) = await CliRunner.RunAsync(Context(terminal: true), "check", file, "--output", "json");
        Assert.Equal(ExitCodes.Compatible, jsonExit);
        Assert.False((bool)JsonNode.Parse(json)!["is_breaking"]!);
        Assert.Equal("", jsonErr);

        var (textExit, _, textErr) = await CliRunner.RunAsync(Context(terminal: true), "check", file);
        Assert.Equal(ExitCodes.Compatible, textExit);
        Assert.Contains("Checking api.json", textErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AsAProcess_ReadsTesseraUrlAndApiKeyFromTheEnvironment()
    {
        var title = await ImportedAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "tessera.dll"), "check", _files.Write("api.json", OpenApi(title, "id")), "--output", "json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["TESSERA_URL"] = server.Url,
                ["TESSERA_API_KEY"] = ServerFixture.AdminKey,
            },
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var err = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == ExitCodes.Breaking, err);
        Assert.True((bool)JsonNode.Parse(output)!["is_breaking"]!);
    }
}
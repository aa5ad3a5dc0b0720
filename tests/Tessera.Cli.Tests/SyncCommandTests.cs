using System.Text.Json.Nodes;

using Tessera.Client;

using static Tessera.Cli.Tests.ServerSpecs;

namespace Tessera.Cli.Tests;

/// <summary><c>tessera sync ...</c> against a real server: imports, dry runs, proposals, errors, outputs and exit codes.</summary>
public sealed class SyncCommandTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CliContext Context(Guid? team = null, string? key = null, bool terminal = false) => CliContext.With(new Dictionary<string, string?>
    {
        ["TESSERA_URL"] = server.Url,
        ["TESSERA_API_KEY"] = key ?? ServerFixture.AdminKey,
        ["TESSERA_TEAM_ID"] = team?.ToString(),
    }, terminal);

    [Fact]
    public async Task SyncOpenApi_TwoFiles_ImportsEachAndExitsZero()
    {
        var team = await server.CreateTeamAsync();
        var (a, b) = (Unique("Alpha"), Unique("Beta"));

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "openapi", _files.Write("a.json", OpenApi(a, "id")),
            _files.Write("b.json", OpenApi(b, "id")));

        Assert.True(exit == ExitCodes.Compatible, err);
        Assert.Contains("created 1.0.0", output, StringComparison.Ordinal);
        Assert.Contains(Fqn(a, "get_users_id") + "  (GET /users/{id})", output, StringComparison.Ordinal);
        Assert.Contains(Fqn(b, "post_users") + "  (POST /users)", output, StringComparison.Ordinal);
        Assert.Contains("ok: 4 items, 4 created, 4 published, 0 unchanged, 0 proposals, 0 errors.", output, StringComparison.Ordinal);
        var assets = await server.Admin.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?fqn={Uri.EscapeDataString(Fqn(a, "get_users_id"))}");
        Assert.Equal(team.Id, Assert.Single(assets.Results).OwnerTeamId);
    }

    [Fact]
    public async Task SyncOpenApi_DryRun_WritesNothingAndSaysSo()
    {
        var team = await server.CreateTeamAsync();
        var title = Unique("Dry");

        var (exit, output, _) = await CliRunner.RunAsync(Context(team.Id), "sync", "openapi", _files.Write("a.json", OpenApi(title, "id")), "--dry-run");

        Assert.Equal(ExitCodes.Compatible, exit);
        Assert.Contains("(dry run)", output, StringComparison.Ordinal);
        Assert.Contains("would create", output, StringComparison.Ordinal);
        var assets = await server.Admin.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?fqn={Uri.EscapeDataString(Fqn(title, "get_users_id"))}");
        Assert.Empty(assets.Results);
    }

    [Fact]
    public async Task SyncOpenApi_BreakingChangeWithConsumers_OpensProposalAndExitsOne()
    {
        var team = await server.CreateTeamAsync();
        var title = Unique("Users");
        var first = await server.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(JsonValue.Create(OpenApi(title, "id", "email")), team.Id));
        var consumer = await server.CreateTeamAsync();
        var getUser = first.Items.Single(i => i.Fqn == Fqn(title, "get_users_id"));
        await server.Admin.PostAsync<RegistrationResponse>("/api/v1/registrations", new CreateRegistrationRequest(consumer.Id, getUser.ContractId));

        var (exit, output, _) = await CliRunner.RunAsync(Context(team.Id), "sync", "openapi", _files.Write("a.json", OpenApi(title, "id")), "--output", "json");

        Assert.Equal(ExitCodes.Breaking, exit);
        var response = JsonNode.Parse(output)!["imports"]![0]!["response"]!;
        var item = response["endpoints"]!.AsArray().Single(e => (string?)e!["fqn"] == Fqn(title, "get_users_id"))!;
        Assert.Equal("proposal_created", (string?)item["action"]);
        Assert.NotNull(item["proposal_id"]);
    }

    [Fact]
    public async Task SyncOpenApi_GitHubOutput_AnnotatesTheProposal()
    {
        var team = await server.CreateTeamAsync();
        var title = Unique("Users");
        var first = await server.Admin.SyncOpenApiAsync(new SyncOpenApiRequest(JsonValue.Create(OpenApi(title, "id", "email")), team.Id));
        var consumer = await server.CreateTeamAsync();
        await server.Admin.PostAsync<RegistrationResponse>("/api/v1/registrations",
            new CreateRegistrationRequest(consumer.Id, first.Items.Single(i => i.Fqn == Fqn(title, "get_users_id")).ContractId));
        var file = _files.Write("a.json", OpenApi(title, "id"));

        var (exit, output, _) = await CliRunner.RunAsync(Context(team.Id), "sync", "openapi", file, "--output", "github", "--dry-run");

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Contains($",title={Fqn(title, "get_users_id")}::BREAKING", output, StringComparison.Ordinal);
        Assert.Contains("email", output, StringComparison.Ordinal);
        Assert.EndsWith("breaking, 0 errors.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncOpenApi_MarkdownOutput_TablePerFile()
    {
        var team = await server.CreateTeamAsync();
        var title = Unique("Md");

        var (exit, output, _) = await CliRunner.RunAsync(Context(team.Id), "sync", "openapi", _files.Write("api.json", OpenApi(title, "id")), "--output", "markdown");

        Assert.Equal(ExitCodes.Compatible, exit);
        Assert.StartsWith("### :white_check_mark: Tessera sync openapi: ok:", output, StringComparison.Ordinal);
        Assert.Contains($"| created 1.0.0 | `{Fqn(title, "get_users_id")}` | `GET /users/{{id}}` |  |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncOpenApi_WriteKeyWithoutAdmin_ExitsFour()
    {
        var team = await server.CreateTeamAsync();
        var key = await server.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("writer", team.Id, Scopes: ["read", "write"]));

        var (exit, output, err) = await CliRunner.RunAsync(Context(team.Id, key.Key), "sync", "openapi", _files.Write("a.json", OpenApi(Unique("X"), "id")));

        Assert.Equal(ExitCodes.AuthenticationFailed, exit);
        Assert.Equal("", output);
        Assert.Contains("permission denied (403 INSUFFICIENT_SCOPE", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncOpenApi_UnknownTeam_ExitsTwo()
    {
        var (exit, _, err) = await CliRunner.RunAsync(Context(Guid.NewGuid()), "sync", "openapi", _files.Write("a.json", OpenApi(Unique("X"), "id")));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("404 TEAM_NOT_FOUND", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncOpenApi_NotOpenApi_ExitsTwoWithTheServersReason()
    {
        var team = await server.CreateTeamAsync();

        var (exit, _, err) = await CliRunner.RunAsync(Context(team.Id), "sync", "openapi", _files.Write("a.yaml", "just: text\n"));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("400 INVALID_OPENAPI_SPEC", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "--owner-team or TESSERA_TEAM_ID")]
    [InlineData("not-a-uuid", "is not a team id")]
    public async Task Sync_NoUsableOwnerTeam_ExitsTwoBeforeCallingTheServer(string? team, string expected)
    {
        var context = CliContext.With(new Dictionary<string, string?> { ["TESSERA_URL"] = "http://127.0.0.1:9", ["TESSERA_TEAM_ID"] = team });

        var (exit, _, err) = await CliRunner.RunAsync(context, "sync", "openapi", _files.Write("a.json", OpenApi("X", "id")));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAvro_InvalidJsonFile_ExitsTwoNamingTheFile()
    {
        var (exit, _, err) = await CliRunner.RunAsync(Context(Guid.NewGuid()), "sync", "avro", _files.Write("user.avsc", "{\"type\": \"record\","));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("user.avsc, line", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportPath_KeysProtoFilesUnderTheirImportRoot()
    {
        var root = Path.Combine(_files.Root, "proto");
        var file = _files.Write(Path.Combine("proto", "users", "v1", "users.proto"), "syntax = \"proto3\";");

        Assert.Equal("users/v1/users.proto", SyncCommand.ImportPath(file, [Path.Combine(_files.Root, "elsewhere"), root]));
        Assert.Throws<InvalidDataException>(() => SyncCommand.ImportPath(file, [Path.Combine(_files.Root, "elsewhere")]));
    }
}
using System.Net;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Tessera.Client;
using Tessera.Core.Persistence;
using Tessera.Core.Repos;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class RepoTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private const string Token = "ghp_SecretTokenValue0123456789abcdefXYZ";
    private const string SshKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAASECRETSSHKEYBODY\n-----END OPENSSH PRIVATE KEY-----";
    private const string SshKeyMarker = "b3BlbnNzaC1rZXktdjEAAAAASECRETSSHKEYBODY";

    public static JsonObject Body(Guid teamId, string? name = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        return new JsonObject
        {
            ["name"] = name ?? "repo-" + tag,
            ["git_url"] = $"https://github.com/acme/{tag}.git",
            ["owner_team_id"] = teamId.ToString(),
        };
    }

    private static Uri Path(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Create_Minimal_Is201WithDefaults()
    {
        var owner = await App.CreateActorAsync();
        var body = Body(owner.Team.Id);
        var created = await HttpAssert.OkAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(body)), HttpStatusCode.Created);
        Assert.Equal((string?)body["name"], (string?)created["name"]);
        Assert.Equal("main", (string?)created["default_branch"]);
        Assert.Empty(created["spec_paths"]!.AsArray());
        Assert.True((bool)created["sync_enabled"]!);
        Assert.Equal(300, (int)created["poll_interval_seconds"]!);
        Assert.False((bool)created["has_git_token"]!);
        Assert.False((bool)created["has_ssh_key"]!);
        Assert.Equal(0, (int)created["services_count"]!);
        Assert.Null(created["last_synced_at"]);
        Assert.Null(created["last_sync_error"]);
        Assert.EndsWith("Z", (string?)created["created_at"], StringComparison.Ordinal);
        var id = Guid.Parse((string)created["id"]!);
        var fetched = await owner.Client.GetRepoAsync(id);
        Assert.Equal(owner.Team.Id, fetched.OwnerTeamId);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={id}");
        var created_ = Assert.Single(events.Results);
        Assert.Equal("repo.created", created_.Action);
        Assert.Equal((string?)body["git_url"], (string?)created_.Payload["git_url"]);
    }

    [Fact]
    public async Task Create_Full_StoresEverySetting()
    {
        var owner = await App.CreateActorAsync();
        var repo = await owner.Client.CreateRepoAsync(new CreateRepoRequest("orders-" + Guid.NewGuid().ToString("N")[..8],
            $"git@github.com:acme/{Guid.NewGuid():N}.git", owner.Team.Id, "release/2.x", ["api/", "proto/**/*.proto", "openapi.yaml"], ".github/CODEOWNERS",
            SyncEnabled: false, PollIntervalSeconds: 3600, GitToken: Token, SshKey: SshKey));
        Assert.Equal("release/2.x", repo.DefaultBranch);
        Assert.Equal(["api/", "proto/**/*.proto", "openapi.yaml"], repo.SpecPaths);
        Assert.Equal(".github/CODEOWNERS", repo.CodeownersPath);
        Assert.False(repo.SyncEnabled);
        Assert.Equal(3600, repo.PollIntervalSeconds);
        Assert.True(repo.HasGitToken);
        Assert.True(repo.HasSshKey);
    }

    [Theory]
    [InlineData("name", "\"\"")]
    [InlineData("name", "\"   \"")]
    [InlineData("name", "\"bad\\u0007name\"")]
    [InlineData("git_url", "\"\"")]
    [InlineData("git_url", "\"http://github.com/acme/x.git\"")]
    [InlineData("git_url", "\"ftp://github.com/acme/x.git\"")]
    [InlineData("git_url", "\"ssh://git@github.com/acme/x.git\"")]
    [InlineData("git_url", "\"ext::sh -c touch% /tmp/pwned\"")]
    [InlineData("git_url", "\"file:///etc/passwd\"")]
    [InlineData("git_url", "\"https://github.com/ext::sh/x.git\"")]
    [InlineData("git_url", "\"https://github.com/acme/x.git\\nfoo\"")]
    [InlineData("git_url", "\"https://github.com/acme/x.git\\u0000\"")]
    [InlineData("git_url", "\"https://github.com/acme/my repo.git\"")]
    [InlineData("git_url", "\"https://github.com/acme/x%0a.git\"")]
    [InlineData("git_url", "\"https://github.com/--upload-pack=touch/x.git\"")]
    [InlineData("git_url", "\"https://github.com/acme/-x.git\"")]
    [InlineData("git_url", "\"https://user:hunter2@github.com/acme/x.git\"")]
    [InlineData("git_url", "\"https://github.com/acme/x.git?ref=main\"")]
    [InlineData("git_url", "\"https://github.com/acme/x.git#main\"")]
    [InlineData("git_url", "\"https://github.com\"")]
    [InlineData("git_url", "\"git@-oProxyCommand=touch:acme/x.git\"")]
    [InlineData("git_url", "\"git@github.com:--upload-pack=touch\"")]
    [InlineData("git_url", "\"git@github.com:acme/-x.git\"")]
    [InlineData("git_url", "\"git@github.com\"")]
    [InlineData("git_url", "\"-https://github.com/acme/x.git\"")]
    [InlineData("default_branch", "\"\"")]
    [InlineData("default_branch", "\"-main\"")]
    [InlineData("default_branch", "\"--upload-pack=x\"")]
    [InlineData("default_branch", "\"_main\"")]
    [InlineData("default_branch", "\"feature..x\"")]
    [InlineData("default_branch", "\"feature//x\"")]
    [InlineData("default_branch", "\"feature/\"")]
    [InlineData("default_branch", "\"feature.\"")]
    [InlineData("default_branch", "\"feature.lock\"")]
    [InlineData("default_branch", "\"a.lock/b\"")]
    [InlineData("default_branch", "\"a/.hidden\"")]
    [InlineData("default_branch", "\"my branch\"")]
    [InlineData("default_branch", "\"main~1\"")]
    [InlineData("default_branch", "\"main^\"")]
    [InlineData("default_branch", "\"a:b\"")]
    [InlineData("default_branch", "\"a@{1}\"")]
    [InlineData("default_branch", "\"HEAD\"")]
    [InlineData("default_branch", "\"mäin\"")]
    [InlineData("spec_paths", "[\"../outside\"]")]
    [InlineData("spec_paths", "[\"api/../../outside\"]")]
    [InlineData("spec_paths", "[\"api/..\"]")]
    [InlineData("spec_paths", "[\"/etc/passwd\"]")]
    [InlineData("spec_paths", "[\"C:/Windows\"]")]
    [InlineData("spec_paths", "[\"~/specs\"]")]
    [InlineData("spec_paths", "[\"api\\\\..\\\\x\"]")]
    [InlineData("spec_paths", "[\"\"]")]
    [InlineData("spec_paths", "[null]")]
    [InlineData("spec_paths", "[\"ok/\", \"a\\u0000b\"]")]
    [InlineData("spec_paths", "\"api/\"")]
    [InlineData("codeowners_path", "\"../CODEOWNERS\"")]
    [InlineData("codeowners_path", "\"/CODEOWNERS\"")]
    [InlineData("poll_interval_seconds", "59")]
    [InlineData("poll_interval_seconds", "86401")]
    [InlineData("poll_interval_seconds", "0")]
    [InlineData("poll_interval_seconds", "-300")]
    [InlineData("poll_interval_seconds", "1.5")]
    [InlineData("poll_interval_seconds", "\"300\"")]
    [InlineData("sync_enabled", "\"yes\"")]
    [InlineData("git_token", "\"has space\"")]
    [InlineData("git_token", "\"tok\\nen\"")]
    [InlineData("ssh_key", "\"not a key\"")]
    [InlineData("owner_team_id", "\"not-a-uuid\"")]
    [InlineData("owner_team_id", "null")]
    public async Task Create_BadField_Is422AndNothingWritten(string field, string json)
    {
        var owner = await App.CreateActorAsync();
        var body = Body(owner.Team.Id);
        body[field] = JsonNode.Parse(json);
        var response = await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(body));
        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        var fields = error["details"]!["errors"]!.AsArray().Select(e => (string?)e!["field"]).ToList();
        Assert.Contains(fields, f => f is not null && f.StartsWith(field, StringComparison.Ordinal));
        await AssertNothingWrittenAsync(owner);
    }

    [Fact]
    public async Task Create_LongValues_Are422()
    {
        var owner = await App.CreateActorAsync();
        foreach (var (field, value) in new (string, JsonNode)[]
        {
            ("name", new string('n', 201)),
            ("git_url", "https://github.com/acme/" + new string('x', 480) + ".git"),
            ("default_branch", new string('b', 101)),
            ("spec_paths", new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)$"p{i}/")])),
            ("spec_paths", new JsonArray(new string('p', 501))),
            ("codeowners_path", new string('c', 201)),
            ("git_token", new string('t', 501)),
            ("ssh_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + new string('k', 17_000) + "\n-----END OPENSSH PRIVATE KEY-----"),
        })
        {
            var body = Body(owner.Team.Id);
            body[field] = value.DeepClone();
            var response = await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(body));
            var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
            Assert.StartsWith(field, (string?)error["details"]!["errors"]![0]!["field"], StringComparison.Ordinal);
        }

        await AssertNothingWrittenAsync(owner);
    }

    [Fact]
    public async Task Create_SeveralBadFields_ReportsEachOnce()
    {
        var owner = await App.CreateActorAsync();
        var body = Body(owner.Team.Id);
        body["git_url"] = "file:///etc";
        body["default_branch"] = "a..b";
        body["spec_paths"] = new JsonArray("ok/", "../no");
        body["poll_interval_seconds"] = 5;
        var error = await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(body)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        var fields = error["details"]!["errors"]!.AsArray().Select(e => (string?)e!["field"]).ToList();
        Assert.Equal(["git_url", "default_branch", "spec_paths[1]", "poll_interval_seconds"], fields);
        await AssertNothingWrittenAsync(owner);
    }

    [Theory]
    [InlineData("https://github.com/acme/orders.git", "main")]
    [InlineData("https://gitlab.example.com:8443/group/sub/orders", "release/1.2")]
    [InlineData("https://dev.azure.com/org/My%20Project/_git/orders", "feature/ABC-12_x")]
    [InlineData("git@github.com:acme/orders.git", "v1.0")]
    [InlineData("git@gitlab.example.com:group/sub/orders.git", "2024.01-hotfix")]
    public async Task Create_GoodUrlAndBranch_Accepted(string url, string branch)
    {
        var owner = await App.CreateActorAsync();
        var unique = url.Replace("orders", "orders-" + Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal);
        var repo = await owner.Client.CreateRepoAsync(new CreateRepoRequest("r-" + Guid.NewGuid().ToString("N")[..8], unique, owner.Team.Id, branch,
            ["api/", "**/*.yaml", "./specs", "proto/**/*.proto", "openapi.json"]));
        Assert.Equal(unique, repo.GitUrl);
        Assert.Equal(branch, repo.DefaultBranch);
    }

    [Fact]
    public async Task Create_TrimsNameAndUrl()
    {
        var owner = await App.CreateActorAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var repo = await owner.Client.CreateRepoAsync(new CreateRepoRequest($"  r-{tag}  ", $"  https://github.com/acme/{tag}.git ", owner.Team.Id));
        Assert.Equal($"r-{tag}", repo.Name);
        Assert.Equal($"https://github.com/acme/{tag}.git", repo.GitUrl);
    }

    [Fact]
    public async Task Create_UnknownOrDeletedTeam_Is404()
    {
        var body = Body(Guid.NewGuid());
        await HttpAssert.ErrorAsync(await App.Raw(TesseraApplication.AdminKey).PostAsync(Path("/api/v1/repos"), HttpAssert.Json(body)),
            HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
        var team = await App.CreateTeamAsync();
        await App.Admin.DeleteAsync($"/api/v1/teams/{team.Id}");
        await HttpAssert.ErrorAsync(await App.Raw(TesseraApplication.AdminKey).PostAsync(Path("/api/v1/repos"), HttpAssert.Json(Body(team.Id))),
            HttpStatusCode.NotFound, "TEAM_NOT_FOUND");
    }

    [Fact]
    public async Task Create_MissingBody_Is422()
    {
        var owner = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json("{\"name\": ")),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        await AssertNothingWrittenAsync(owner);
    }

    [Fact]
    public async Task Create_DuplicateNameOrUrl_Is409UntilSoftDeleted()
    {
        var owner = await App.CreateActorAsync();
        var first = Body(owner.Team.Id);
        var repo = await HttpAssert.OkAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(first)), HttpStatusCode.Created);

        var sameName = Body(owner.Team.Id, (string?)first["name"]);
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(sameName)), HttpStatusCode.Conflict, "DUPLICATE_REPO");
        var sameUrl = Body(owner.Team.Id);
        sameUrl["git_url"] = first["git_url"]!.DeepClone();
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(sameUrl)), HttpStatusCode.Conflict, "DUPLICATE_REPO");
        var otherTeam = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await otherTeam.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(Body(otherTeam.Team.Id, (string?)first["name"]))),
            HttpStatusCode.Conflict, "DUPLICATE_REPO");

        await owner.Client.DeleteRepoAsync(Guid.Parse((string)repo["id"]!));
        var again = await HttpAssert.OkAsync(await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(first)), HttpStatusCode.Created);
        Assert.NotEqual((string?)repo["id"], (string?)again["id"]);
    }

    [Fact]
    public async Task Create_ParallelSameName_OneWinsRestAre409()
    {
        var owner = await App.CreateActorAsync();
        var name = "race-" + Guid.NewGuid().ToString("N")[..8];
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(Body(owner.Team.Id, name)))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "DUPLICATE_REPO");
        }

        Assert.Equal(1, (await owner.Client.ListReposAsync(owner.Team.Id)).Total);
    }

    [Fact]
    public async Task Ownership_OnlyOwnerOrAdminWrites_AnyReaderReads()
    {
        var owner = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var (_, reader) = await App.CreateKeyAsync(owner.Team.Id, "read");

        await HttpAssert.ErrorAsync(await other.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(Body(owner.Team.Id))),
            HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await HttpAssert.ErrorAsync(await reader.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(Body(owner.Team.Id))),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await AssertNothingWrittenAsync(owner);

        var repo = await owner.Client.CreateRepoAsync(new CreateRepoRequest("own-" + Guid.NewGuid().ToString("N")[..8],
            $"https://github.com/acme/{Guid.NewGuid():N}.git", owner.Team.Id));
        var byAdmin = await App.Admin.CreateRepoAsync(new CreateRepoRequest("adm-" + Guid.NewGuid().ToString("N")[..8],
            $"https://github.com/acme/{Guid.NewGuid():N}.git", owner.Team.Id));
        Assert.Equal(owner.Team.Id, byAdmin.OwnerTeamId);

        Assert.Equal(repo.Id, (await other.Client.GetRepoAsync(repo.Id)).Id);
        Assert.Equal(repo.Id, (await reader.GetRepoAsync(repo.Id)).Id);
        Assert.Equal(2, (await other.Client.ListReposAsync(owner.Team.Id)).Total);

        var patch = HttpAssert.Json(new JsonObject { ["sync_enabled"] = false });
        await HttpAssert.ErrorAsync(await other.Client.Http.PatchAsync(Path($"/api/v1/repos/{repo.Id}"), patch), HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await HttpAssert.ErrorAsync(await reader.Http.PatchAsync(Path($"/api/v1/repos/{repo.Id}"), HttpAssert.Json(new JsonObject { ["sync_enabled"] = false })),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await HttpAssert.ErrorAsync(await other.Client.Http.DeleteAsync(Path($"/api/v1/repos/{repo.Id}")), HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await HttpAssert.ErrorAsync(await reader.Http.DeleteAsync(Path($"/api/v1/repos/{repo.Id}")), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.True((await owner.Client.GetRepoAsync(repo.Id)).SyncEnabled);

        Assert.False((await owner.Client.UpdateRepoAsync(repo.Id, new UpdateRepoRequest(SyncEnabled: false))).SyncEnabled);
        Assert.Equal(120, (await App.Admin.UpdateRepoAsync(repo.Id, new UpdateRepoRequest(PollIntervalSeconds: 120))).PollIntervalSeconds);
        await App.Admin.DeleteRepoAsync(byAdmin.Id);
        await owner.Client.DeleteRepoAsync(repo.Id);
        Assert.Equal(0, (await owner.Client.ListReposAsync(owner.Team.Id)).Total);
    }

    [Fact]
    public async Task Update_ChangesSettingsAndAudits()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var updated = await owner.Client.UpdateRepoAsync(repo.Id, new UpdateRepoRequest("develop", ["specs/"], "CODEOWNERS", false, 900, Token,
            Name: repo.Name, GitUrl: repo.GitUrl, OwnerTeamId: owner.Team.Id));
        Assert.Equal("develop", updated.DefaultBranch);
        Assert.Equal(["specs/"], updated.SpecPaths);
        Assert.Equal("CODEOWNERS", updated.CodeownersPath);
        Assert.False(updated.SyncEnabled);
        Assert.Equal(900, updated.PollIntervalSeconds);
        Assert.True(updated.HasGitToken);
        Assert.Equal(repo.Name, updated.Name);

        var cleared = await owner.Client.UpdateRepoAsync(repo.Id, new UpdateRepoRequest(CodeownersPath: "", GitToken: ""));
        Assert.Null(cleared.CodeownersPath);
        Assert.False(cleared.HasGitToken);
        Assert.Equal("develop", cleared.DefaultBranch);

        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={repo.Id}&action=repo.updated");
        Assert.Equal(2, events.Total);
        var first = events.Results.Single(e => e.Payload["changed_fields"]!.AsArray().Count > 2);
        Assert.Equal(["default_branch", "spec_paths", "codeowners_path", "sync_enabled", "poll_interval_seconds", "git_token"],
            first.Payload["changed_fields"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("default_branch", "\"a..b\"")]
    [InlineData("default_branch", "\"\"")]
    [InlineData("spec_paths", "[\"../x\"]")]
    [InlineData("spec_paths", "[\"/abs\"]")]
    [InlineData("codeowners_path", "\"../x\"")]
    [InlineData("poll_interval_seconds", "10")]
    [InlineData("git_token", "\"a b\"")]
    [InlineData("ssh_key", "\"nope\"")]
    [InlineData("name", "\"renamed\"")]
    [InlineData("git_url", "\"https://github.com/acme/elsewhere.git\"")]
    [InlineData("owner_team_id", "\"00000000-0000-0000-0000-000000000001\"")]
    public async Task Update_BadField_Is422AndUnchanged(string field, string json)
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var before = await owner.Client.Http.GetStringAsync(Path($"/api/v1/repos/{repo.Id}"));
        var body = new JsonObject { ["sync_enabled"] = false, [field] = JsonNode.Parse(json) };
        var error = await HttpAssert.ErrorAsync(await owner.Client.Http.PatchAsync(Path($"/api/v1/repos/{repo.Id}"), HttpAssert.Json(body)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.StartsWith(field, (string?)error["details"]!["errors"]![0]!["field"], StringComparison.Ordinal);
        Assert.Equal(before, await owner.Client.Http.GetStringAsync(Path($"/api/v1/repos/{repo.Id}")));
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={repo.Id}&action=repo.updated");
        Assert.Equal(0, events.Total);
    }

    [Fact]
    public async Task UnknownOrDeleted_Is404RepoNotFound()
    {
        var owner = await App.CreateActorAsync();
        var unknown = Guid.NewGuid();
        foreach (var path in new[] { $"/api/v1/repos/{unknown}", $"/api/v1/repos/{unknown}/sync/history", $"/api/v1/repos/{unknown}/sync/latest" })
        {
            await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path(path)), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        }

        await HttpAssert.ErrorAsync(await owner.Client.Http.PatchAsync(Path($"/api/v1/repos/{unknown}"), HttpAssert.Json("{}")), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.DeleteAsync(Path($"/api/v1/repos/{unknown}")), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path("/api/v1/repos/not-a-uuid")), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");

        var repo = await CreateRepoAsync(owner);
        await owner.Client.DeleteRepoAsync(repo.Id);
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/repos/{repo.Id}")), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.DeleteAsync(Path($"/api/v1/repos/{repo.Id}")), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.PatchAsync(Path($"/api/v1/repos/{repo.Id}"), HttpAssert.Json("{\"sync_enabled\": false}")),
            HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        Assert.Equal(0, (await owner.Client.ListReposAsync(owner.Team.Id)).Total);
    }

    [Fact]
    public async Task Delete_CascadesToServicesAndDetachesTheirAssets()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var api = await owner.Client.CreateServiceAsync(new CreateServiceRequest("api", repo.Id, "services/api"));
        var web = await owner.Client.CreateServiceAsync(new CreateServiceRequest("web", repo.Id, "services/web"));
        var asset = await owner.Client.CreateAssetAsync(new CreateAssetRequest("svc.orders_" + Guid.NewGuid().ToString("N")[..8], owner.Team.Id, ServiceId: api.Id));
        Assert.Equal(2, (await owner.Client.GetRepoAsync(repo.Id)).ServicesCount);

        await owner.Client.DeleteRepoAsync(repo.Id);

        foreach (var service in new[] { api, web })
        {
            await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/services/{service.Id}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        }

        Assert.Equal(0, (await owner.Client.ListServicesAsync(repoId: repo.Id)).Total);
        var kept = await owner.Client.GetAssetAsync(asset.Id);
        Assert.Null(kept.ServiceId);
        var repoEvents = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={repo.Id}&action=repo.deleted");
        Assert.Equal(2, (int)Assert.Single(repoEvents.Results).Payload["services_deleted"]!);
        var serviceEvents = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={api.Id}&action=service.deleted");
        Assert.Equal(1, (int)Assert.Single(serviceEvents.Results).Payload["assets_detached"]!);
    }

    [Fact]
    public async Task List_FiltersPagesAndSortsByName()
    {
        var owner = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var (name, enabled) in new[] { ("c", true), ("a", false), ("b", true) })
        {
            await owner.Client.CreateRepoAsync(new CreateRepoRequest($"{tag}-{name}", $"https://github.com/acme/{tag}-{name}.git", owner.Team.Id, SyncEnabled: enabled));
        }

        var service = await owner.Client.CreateServiceAsync(new CreateServiceRequest("svc",
            (await owner.Client.ListReposAsync(owner.Team.Id)).Results.First(r => r.Name == $"{tag}-b").Id));
        await other.Client.CreateRepoAsync(new CreateRepoRequest($"{tag}-z", $"https://github.com/acme/{tag}-z.git", other.Team.Id));

        var all = await owner.Client.ListReposAsync(owner.Team.Id);
        Assert.Equal([$"{tag}-a", $"{tag}-b", $"{tag}-c"], all.Results.Select(r => r.Name));
        Assert.Equal([0, 1, 0], all.Results.Select(r => r.ServicesCount));
        Assert.Equal(service.RepoId, all.Results[1].Id);
        var enabled_ = await owner.Client.ListReposAsync(owner.Team.Id, syncEnabled: true);
        Assert.Equal([$"{tag}-b", $"{tag}-c"], enabled_.Results.Select(r => r.Name));
        var disabled = await owner.Client.ListReposAsync(owner.Team.Id, syncEnabled: false);
        Assert.Equal([$"{tag}-a"], disabled.Results.Select(r => r.Name));
        var page = await owner.Client.ListReposAsync(owner.Team.Id, limit: 1, offset: 1);
        Assert.Equal(3, page.Total);
        Assert.Equal(1, page.Limit);
        Assert.Equal(1, page.Offset);
        Assert.Equal([$"{tag}-b"], page.Results.Select(r => r.Name));
        Assert.Equal(1, (await owner.Client.ListReposAsync(other.Team.Id)).Total);

        foreach (var query in new[] { "limit=101", "limit=0", "offset=-1", "team_id=nope", "sync_enabled=maybe" })
        {
            await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/repos?{query}")), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        }
    }

    [Fact]
    public async Task Secrets_NeverReturnedInAnyResponseOrAuditPayloadOrError()
    {
        var owner = await App.CreateActorAsync();
        var created = await owner.Client.Http.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(WithSecrets(Body(owner.Team.Id))));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Guid.Parse((string)JsonNode.Parse(createdText)!["id"]!);
        var texts = new List<string> { createdText };
        texts.Add(await owner.Client.Http.GetStringAsync(Path($"/api/v1/repos/{id}")));
        texts.Add(await owner.Client.Http.GetStringAsync(Path($"/api/v1/repos?team_id={owner.Team.Id}")));
        var patched = await owner.Client.Http.PatchAsync(Path($"/api/v1/repos/{id}"),
            HttpAssert.Json(new JsonObject { ["git_token"] = Token + "2", ["ssh_key"] = SshKey.Replace("SECRET", "SECRET2", StringComparison.Ordinal) }));
        texts.Add(await patched.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var bad = await owner.Client.Http.PatchAsync(Path($"/api/v1/repos/{id}"), HttpAssert.Json(new JsonObject { ["git_token"] = Token + " x" }));
        texts.Add(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        texts.Add(await App.Raw(TesseraApplication.AdminKey).GetStringAsync(Path($"/api/v1/audit/events?entity_id={id}")));
        texts.Add(await App.Raw(TesseraApplication.AdminKey).GetStringAsync(Path($"/api/v1/audit/entities/repo/{id}/history")));

        foreach (var text in texts)
        {
            Assert.DoesNotContain("ghp_Secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain(SshKeyMarker[..20], text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"git_token\":", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"ssh_key\":", text, StringComparison.Ordinal);
        }

        var repo = await owner.Client.GetRepoAsync(id);
        Assert.True(repo.HasGitToken);
        Assert.True(repo.HasSshKey);

        // Stored as sent, for the sync to use.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
        var row = await db.Repos.FindAsync(id);
        Assert.Equal(Token + "2", row!.GitToken);
        Assert.Contains("SECRET2SSHKEYBODY", row.SshKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_NeverLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var traced = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Logging:LogLevel:Default", "Trace");
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
            b.ConfigureServices(s => s.AddLogging(l => l.ClearProviders().AddProvider(logs)));
        });
        using var admin = traced.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TesseraApplication.AdminKey);
        var team = await new TesseraClient(admin).CreateTeamAsync(new CreateTeamRequest("logs-" + Guid.NewGuid().ToString("N")[..8]));

        var created = await admin.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(WithSecrets(Body(team.Id))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync(Path($"/api/v1/repos/{id}"), HttpAssert.Json(WithSecrets(new JsonObject())))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await admin.PatchAsync(Path($"/api/v1/repos/{id}"), HttpAssert.Json(new JsonObject { ["git_token"] = Token + " bad" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(Path("/api/v1/repos"), HttpAssert.Json(WithSecrets(Body(team.Id, (string?)JsonNode.Parse(
            await admin.GetStringAsync(Path($"/api/v1/repos/{id}")))!["name"]))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Path($"/api/v1/repos/{id}"))).StatusCode);

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("repos", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("ghp_Secret", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(SshKeyMarker[..20], StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncHistory_NewestFirstPagedAndLatest()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/repos/{repo.Id}/sync/latest")), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(0, (await owner.Client.GetRepoSyncHistoryAsync(repo.Id)).Total);

        var start = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
            for (var i = 0; i < 3; i++)
            {
                db.SyncEvents.Add(new SyncEvent
                {
                    RepoId = repo.Id,
                    Success = i != 1,
                    CommitSha = new string((char)('a' + i), 40),
                    SpecsFound = i + 1,
                    ContractsPublished = i,
                    ErrorsJson = i == 1 ? "[\"api/broken.yaml: not OpenAPI\"]" : "[]",
                    WarningsJson = i == 2 ? "[\"No new commits since last sync\"]" : "[]",
                    DurationSeconds = 1.5,
                    TriggeredBy = i == 0 ? "manual" : "worker",
                    CreatedAt = start.AddMinutes(i),
                });
            }

            await db.SaveChangesAsync();
        }

        var history = await owner.Client.GetRepoSyncHistoryAsync(repo.Id);
        Assert.Equal(3, history.Total);
        Assert.Equal([new string('c', 40), new string('b', 40), new string('a', 40)], history.Results.Select(e => e.CommitSha));
        Assert.Equal("api/broken.yaml: not OpenAPI", (string?)history.Results[1].Errors.Single());
        Assert.False(history.Results[1].Success);
        Assert.Equal("manual", history.Results[2].TriggeredBy);
        var page = await owner.Client.GetRepoSyncHistoryAsync(repo.Id, limit: 1, offset: 2);
        Assert.Equal(new string('a', 40), Assert.Single(page.Results).CommitSha);
        Assert.Equal(3, page.Total);

        var latest = await owner.Client.GetLatestRepoSyncAsync(repo.Id);
        Assert.Equal(new string('c', 40), latest.CommitSha);
        Assert.Equal(3, latest.SpecsFound);
        Assert.Equal("No new commits since last sync", (string?)latest.Warnings.Single());
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/repos/{repo.Id}/sync/history?limit=101")),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    private static JsonObject WithSecrets(JsonObject body)
    {
        body["git_token"] = Token;
        body["ssh_key"] = SshKey;
        return body;
    }

    private async Task<RepoResponse> CreateRepoAsync(Actor owner) =>
        await owner.Client.CreateRepoAsync(new CreateRepoRequest("repo-" + Guid.NewGuid().ToString("N")[..10],
            $"https://github.com/acme/{Guid.NewGuid():N}.git", owner.Team.Id, SpecPaths: ["api/"]));

    private async Task AssertNothingWrittenAsync(Actor owner)
    {
        Assert.Equal(0, (await owner.Client.ListReposAsync(owner.Team.Id)).Total);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?actor_id={owner.Team.Id}&entity_type=repo");
        Assert.Equal(0, events.Total);
    }
}

public sealed class RepoSqliteTests(SqliteFixture fixture) : RepoTests(fixture), IClassFixture<SqliteFixture>;

public sealed class RepoPostgresTests(PostgresFixture fixture) : RepoTests(fixture), IClassFixture<PostgresFixture>;
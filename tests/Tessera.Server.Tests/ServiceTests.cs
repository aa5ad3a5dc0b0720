using System.Net;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Core.Persistence;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

public abstract class ServiceTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    private static Uri Path(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Create_Minimal_Is201OwnedByRepoTeam()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var response = await owner.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "  orders  ", ["repo_id"] = repo.Id.ToString() }));
        var body = await HttpAssert.OkAsync(response, HttpStatusCode.Created);
        Assert.Equal("orders", (string?)body["name"]);
        Assert.Equal("/", (string?)body["root_path"]);
        Assert.Null(body["otel_service_name"]);
        Assert.Equal(owner.Team.Id.ToString(), (string?)body["owner_team_id"]);
        Assert.Equal(repo.Id.ToString(), (string?)body["repo_id"]);
        Assert.Equal(0, (int)body["asset_count"]!);
        var id = Guid.Parse((string)body["id"]!);
        Assert.Equal(1, (await owner.Client.GetRepoAsync(repo.Id)).ServicesCount);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={id}");
        var created = Assert.Single(events.Results);
        Assert.Equal("service.created", created.Action);
        Assert.Equal(repo.Id.ToString(), (string?)created.Payload["repo_id"]);
        Assert.Equal("orders", (string?)created.Payload["name"]);
    }

    [Theory]
    [InlineData("name", "\"\"")]
    [InlineData("name", "\"   \"")]
    [InlineData("name", "null")]
    [InlineData("name", "\"tab\\tname\"")]
    [InlineData("repo_id", "null")]
    [InlineData("repo_id", "\"nope\"")]
    [InlineData("root_path", "\"\"")]
    [InlineData("root_path", "\"../outside\"")]
    [InlineData("root_path", "\"services/../../x\"")]
    [InlineData("root_path", "\"services\\\\api\"")]
    [InlineData("root_path", "\"a\\u0000b\"")]
    [InlineData("otel_service_name", "\"bad\\nname\"")]
    [InlineData("otel_service_name", "42")]
    public async Task Create_BadField_Is422AndNothingWritten(string field, string json)
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var body = new JsonObject { ["name"] = "svc", ["repo_id"] = repo.Id.ToString(), [field] = JsonNode.Parse(json) };
        var error = await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/services"), HttpAssert.Json(body)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.StartsWith(field, (string?)error["details"]!["errors"]![0]!["field"], StringComparison.Ordinal);
        await AssertNothingWrittenAsync(owner, repo.Id);
    }

    [Fact]
    public async Task Create_LongValues_Are422()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        foreach (var (field, value) in new[] { ("name", new string('n', 201)), ("root_path", new string('r', 501)), ("otel_service_name", new string('o', 201)) })
        {
            var body = new JsonObject { ["name"] = "svc", ["repo_id"] = repo.Id.ToString(), [field] = value };
            var error = await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/services"), HttpAssert.Json(body)),
                HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
            Assert.Equal(field, (string?)error["details"]!["errors"]![0]!["field"]);
        }

        await AssertNothingWrittenAsync(owner, repo.Id);
    }

    [Fact]
    public async Task Create_UnknownOrDeletedRepo_Is404()
    {
        var owner = await App.CreateActorAsync();
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "svc", ["repo_id"] = Guid.NewGuid().ToString() })), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        var repo = await CreateRepoAsync(owner);
        await owner.Client.DeleteRepoAsync(repo.Id);
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "svc", ["repo_id"] = repo.Id.ToString() })), HttpStatusCode.NotFound, "REPO_NOT_FOUND");
        await AssertNothingWrittenAsync(owner, repo.Id);
    }

    [Fact]
    public async Task Create_DuplicateInRepo_Is409_OtherRepoOrAfterDeleteIsFine()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var other = await CreateRepoAsync(owner);
        var first = await owner.Client.CreateServiceAsync(new CreateServiceRequest("orders", repo.Id));
        await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "orders", ["repo_id"] = repo.Id.ToString(), ["root_path"] = "x" })), HttpStatusCode.Conflict, "DUPLICATE_SERVICE");
        await owner.Client.CreateServiceAsync(new CreateServiceRequest("orders", other.Id));
        await owner.Client.DeleteServiceAsync(first.Id);
        var again = await owner.Client.CreateServiceAsync(new CreateServiceRequest("orders", repo.Id));
        Assert.NotEqual(first.Id, again.Id);
    }

    [Fact]
    public async Task Create_ParallelSameName_OneWinsRestAre409()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => owner.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "race", ["repo_id"] = repo.Id.ToString() }))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await HttpAssert.ErrorAsync(response, HttpStatusCode.Conflict, "DUPLICATE_SERVICE");
        }

        Assert.Equal(1, (await owner.Client.ListServicesAsync(repoId: repo.Id)).Total);
    }

    [Fact]
    public async Task Create_RacingRepoDelete_NeverLeavesALiveServiceUnderADeletedRepo()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var creates = Enumerable.Range(0, 8).Select(i => owner.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = $"s{i}", ["repo_id"] = repo.Id.ToString() }))).ToList();
        var delete = owner.Client.Http.DeleteAsync(Path($"/api/v1/repos/{repo.Id}"));
        var results = await Task.WhenAll(creates.Append(delete));
        Assert.Equal(HttpStatusCode.NoContent, results[^1].StatusCode);
        foreach (var response in results[..^1])
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.NotFound, $"{response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
                await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/services/{id}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
            }
        }

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
        Assert.False(db.Services.Any(s => s.RepoId == repo.Id && s.DeletedAt == null));
    }

    [Fact]
    public async Task Ownership_OnlyRepoOwnerOrAdminWrites_AnyReaderReads()
    {
        var owner = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var (_, reader) = await App.CreateKeyAsync(owner.Team.Id, "read");
        var repo = await CreateRepoAsync(owner);

        await HttpAssert.ErrorAsync(await other.Client.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "svc", ["repo_id"] = repo.Id.ToString() })), HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await HttpAssert.ErrorAsync(await reader.Http.PostAsync(Path("/api/v1/services"),
            HttpAssert.Json(new JsonObject { ["name"] = "svc", ["repo_id"] = repo.Id.ToString() })), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await AssertNothingWrittenAsync(owner, repo.Id);

        var service = await owner.Client.CreateServiceAsync(new CreateServiceRequest("svc", repo.Id));
        var byAdmin = await App.Admin.CreateServiceAsync(new CreateServiceRequest("svc-admin", repo.Id));
        Assert.Equal(owner.Team.Id, byAdmin.OwnerTeamId);
        Assert.Equal(service.Id, (await other.Client.GetServiceAsync(service.Id)).Id);
        Assert.Equal(service.Id, (await reader.GetServiceAsync(service.Id)).Id);

        await HttpAssert.ErrorAsync(await other.Client.Http.PatchAsync(Path($"/api/v1/services/{service.Id}"), HttpAssert.Json("{\"root_path\": \"x\"}")),
            HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await HttpAssert.ErrorAsync(await reader.Http.PatchAsync(Path($"/api/v1/services/{service.Id}"), HttpAssert.Json("{\"root_path\": \"x\"}")),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await HttpAssert.ErrorAsync(await other.Client.Http.DeleteAsync(Path($"/api/v1/services/{service.Id}")), HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await HttpAssert.ErrorAsync(await reader.Http.DeleteAsync(Path($"/api/v1/services/{service.Id}")), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal("/", (await owner.Client.GetServiceAsync(service.Id)).RootPath);

        Assert.Equal("x", (await owner.Client.UpdateServiceAsync(service.Id, new UpdateServiceRequest("x"))).RootPath);
        Assert.Equal("y", (await App.Admin.UpdateServiceAsync(service.Id, new UpdateServiceRequest("y"))).RootPath);
        await App.Admin.DeleteServiceAsync(byAdmin.Id);
        await owner.Client.DeleteServiceAsync(service.Id);
        Assert.Equal(0, (await owner.Client.ListServicesAsync(repoId: repo.Id)).Total);
    }

    [Fact]
    public async Task Update_RootPathAndOtelName_ClearsWithEmpty_Audited()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var service = await owner.Client.CreateServiceAsync(new CreateServiceRequest("svc", repo.Id, "services/svc", "svc-otel"));
        Assert.Equal("svc-otel", service.OtelServiceName);
        var updated = await owner.Client.UpdateServiceAsync(service.Id, new UpdateServiceRequest("services/svc2", "svc2-otel", Name: "svc", RepoId: repo.Id));
        Assert.Equal("services/svc2", updated.RootPath);
        Assert.Equal("svc2-otel", updated.OtelServiceName);
        var cleared = await owner.Client.UpdateServiceAsync(service.Id, new UpdateServiceRequest(OtelServiceName: ""));
        Assert.Null(cleared.OtelServiceName);
        Assert.Equal("services/svc2", cleared.RootPath);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={service.Id}&action=service.updated");
        Assert.Equal(2, events.Total);
    }

    [Theory]
    [InlineData("name", "\"renamed\"")]
    [InlineData("repo_id", "\"00000000-0000-0000-0000-000000000001\"")]
    [InlineData("root_path", "\"../x\"")]
    [InlineData("root_path", "\"\"")]
    [InlineData("otel_service_name", "\"a\\u0001\"")]
    public async Task Update_BadField_Is422AndUnchanged(string field, string json)
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var service = await owner.Client.CreateServiceAsync(new CreateServiceRequest("svc", repo.Id, "services/svc", "otel"));
        var before = await owner.Client.Http.GetStringAsync(Path($"/api/v1/services/{service.Id}"));
        var body = new JsonObject { ["otel_service_name"] = "changed", [field] = JsonNode.Parse(json) };
        var error = await HttpAssert.ErrorAsync(await owner.Client.Http.PatchAsync(Path($"/api/v1/services/{service.Id}"), HttpAssert.Json(body)),
            HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.StartsWith(field, (string?)error["details"]!["errors"]![0]!["field"], StringComparison.Ordinal);
        Assert.Equal(before, await owner.Client.Http.GetStringAsync(Path($"/api/v1/services/{service.Id}")));
    }

    [Fact]
    public async Task UnknownOrDeleted_Is404ServiceNotFound()
    {
        var owner = await App.CreateActorAsync();
        var unknown = Guid.NewGuid();
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/services/{unknown}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/services/{unknown}/assets")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.PatchAsync(Path($"/api/v1/services/{unknown}"), HttpAssert.Json("{}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.DeleteAsync(Path($"/api/v1/services/{unknown}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        var repo = await CreateRepoAsync(owner);
        var service = await owner.Client.CreateServiceAsync(new CreateServiceRequest("svc", repo.Id));
        await owner.Client.DeleteServiceAsync(service.Id);
        await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/services/{service.Id}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await HttpAssert.ErrorAsync(await owner.Client.Http.DeleteAsync(Path($"/api/v1/services/{service.Id}")), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        Assert.Equal(0, (await owner.Client.GetRepoAsync(repo.Id)).ServicesCount);
    }

    [Fact]
    public async Task List_FiltersByRepoTeamAndOtelName_PagedByName()
    {
        var owner = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var repoA = await CreateRepoAsync(owner);
        var repoB = await CreateRepoAsync(owner);
        var repoC = await CreateRepoAsync(other);
        var otel = "otel-" + Guid.NewGuid().ToString("N")[..8];
        await owner.Client.CreateServiceAsync(new CreateServiceRequest("zulu", repoA.Id));
        await owner.Client.CreateServiceAsync(new CreateServiceRequest("alpha", repoA.Id, OtelServiceName: otel));
        await owner.Client.CreateServiceAsync(new CreateServiceRequest("mike", repoB.Id));
        await other.Client.CreateServiceAsync(new CreateServiceRequest("bravo", repoC.Id, OtelServiceName: otel));

        Assert.Equal(["alpha", "zulu"], (await owner.Client.ListServicesAsync(repoId: repoA.Id)).Results.Select(s => s.Name));
        Assert.Equal(["alpha", "mike", "zulu"], (await owner.Client.ListServicesAsync(teamId: owner.Team.Id)).Results.Select(s => s.Name));
        Assert.Equal(["bravo"], (await owner.Client.ListServicesAsync(teamId: other.Team.Id)).Results.Select(s => s.Name));
        var byOtel = await owner.Client.ListServicesAsync(otelServiceName: otel);
        Assert.Equal(["alpha", "bravo"], byOtel.Results.Select(s => s.Name));
        Assert.Equal([owner.Team.Id, other.Team.Id], byOtel.Results.Select(s => s.OwnerTeamId));
        Assert.Equal(["alpha"], (await owner.Client.ListServicesAsync(repoId: repoA.Id, otelServiceName: otel)).Results.Select(s => s.Name));
        var page = await owner.Client.ListServicesAsync(teamId: owner.Team.Id, limit: 2, offset: 1);
        Assert.Equal(3, page.Total);
        Assert.Equal(["mike", "zulu"], page.Results.Select(s => s.Name));

        foreach (var query in new[] { "limit=101", "limit=0", "offset=-1", "repo_id=nope", "team_id=1" })
        {
            await HttpAssert.ErrorAsync(await owner.Client.Http.GetAsync(Path($"/api/v1/services?{query}")), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        }
    }

    [Fact]
    public async Task Assets_AttachedOnCreateAndUpdate_ListedByFqnAndCounted()
    {
        var owner = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var service = await owner.Client.CreateServiceAsync(new CreateServiceRequest("svc", repo.Id));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var b = await owner.Client.CreateAssetAsync(new CreateAssetRequest($"svc.b_{tag}", owner.Team.Id, ServiceId: service.Id));
        Assert.Equal(service.Id, b.ServiceId);
        var fetched = await owner.Client.GetAssetAsync(b.Id);
        Assert.Equal(("svc", repo.Id, repo.Name), (fetched.ServiceName, fetched.RepoId, fetched.RepoName));
        var a = await owner.Client.CreateAssetAsync(new CreateAssetRequest($"svc.a_{tag}", owner.Team.Id));
        Assert.Null(a.ServiceId);
        var attached = await owner.Client.PatchAsync<AssetResponse>($"/api/v1/assets/{a.Id}", new UpdateAssetRequest(ServiceId: service.Id));
        Assert.Equal(service.Id, attached.ServiceId);
        var deleted = await owner.Client.CreateAssetAsync(new CreateAssetRequest($"svc.c_{tag}", owner.Team.Id, ServiceId: service.Id));
        await owner.Client.DeleteAsync($"/api/v1/assets/{deleted.Id}");

        var assets = await owner.Client.ListServiceAssetsAsync(service.Id);
        Assert.Equal([$"svc.a_{tag}", $"svc.b_{tag}"], assets.Results.Select(x => x.Fqn));
        Assert.Equal(owner.Team.Name, assets.Results[0].OwnerTeamName);
        var page = await owner.Client.ListServiceAssetsAsync(service.Id, limit: 1, offset: 1);
        Assert.Equal(2, page.Total);
        Assert.Equal([$"svc.b_{tag}"], page.Results.Select(x => x.Fqn));
        Assert.Equal(2, (await owner.Client.GetServiceAsync(service.Id)).AssetCount);
        Assert.Equal(2, Assert.Single((await owner.Client.ListServicesAsync(repoId: repo.Id)).Results).AssetCount);

        await owner.Client.DeleteServiceAsync(service.Id);
        Assert.Null((await owner.Client.GetAssetAsync(a.Id)).ServiceId);
        var detached = await owner.Client.GetAssetAsync(b.Id);
        Assert.Equal((null, null, null, null), (detached.ServiceId, detached.ServiceName, detached.RepoId, detached.RepoName));
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?entity_id={service.Id}&action=service.deleted");
        Assert.Equal(3, (int)Assert.Single(events.Results).Payload["assets_detached"]!);
    }

    [Fact]
    public async Task Assets_BadServiceId_Is4xxAndNothingWritten()
    {
        var owner = await App.CreateActorAsync();
        var other = await App.CreateActorAsync();
        var repo = await CreateRepoAsync(owner);
        var theirs = await other.Client.CreateServiceAsync(new CreateServiceRequest("theirs", (await CreateRepoAsync(other)).Id));
        var gone = await owner.Client.CreateServiceAsync(new CreateServiceRequest("gone", repo.Id));
        await owner.Client.DeleteServiceAsync(gone.Id);
        var fqn = "svc.bad_" + Guid.NewGuid().ToString("N")[..8];

        async Task<JsonObject> CreateAsync(object serviceId, HttpStatusCode status, string code) =>
            await HttpAssert.ErrorAsync(await owner.Client.Http.PostAsync(Path("/api/v1/assets"), HttpAssert.Json(new JsonObject
            {
                ["fqn"] = fqn,
                ["owner_team_id"] = owner.Team.Id.ToString(),
                ["service_id"] = JsonValue.Create(serviceId.ToString()),
            })), status, code);

        await CreateAsync(Guid.NewGuid(), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await CreateAsync(gone.Id, HttpStatusCode.NotFound, "SERVICE_NOT_FOUND");
        await CreateAsync(theirs.Id, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM");
        await CreateAsync("not-a-uuid", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal(0, (await owner.Client.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets?owner={owner.Team.Id}")).Total);

        var asset = await App.CreateAssetAsync(owner, fqn);
        foreach (var (id, status, code) in new[]
        {
            (Guid.NewGuid(), HttpStatusCode.NotFound, "SERVICE_NOT_FOUND"),
            (gone.Id, HttpStatusCode.NotFound, "SERVICE_NOT_FOUND"),
            (theirs.Id, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM"),
        })
        {
            await HttpAssert.ErrorAsync(await owner.Client.Http.PatchAsync(Path($"/api/v1/assets/{asset.Id}"),
                HttpAssert.Json(new JsonObject { ["service_id"] = id.ToString(), ["description"] = "changed" })), status, code);
        }

        var after = await owner.Client.GetAssetAsync(asset.Id);
        Assert.Null(after.ServiceId);
        Assert.Null(after.Description);
        var adminAttached = await App.Admin.PatchAsync<AssetResponse>($"/api/v1/assets/{asset.Id}", new UpdateAssetRequest(ServiceId: theirs.Id));
        Assert.Equal(theirs.Id, adminAttached.ServiceId);
    }

    private async Task<RepoResponse> CreateRepoAsync(Actor owner) =>
        await owner.Client.CreateRepoAsync(new CreateRepoRequest("repo-" + Guid.NewGuid().ToString("N")[..10],
            $"https://github.com/acme/{Guid.NewGuid():N}.git", owner.Team.Id));

    private async Task AssertNothingWrittenAsync(Actor owner, Guid repoId)
    {
        Assert.Equal(0, (await owner.Client.ListServicesAsync(teamId: owner.Team.Id)).Total);
        var events = await App.Admin.GetAsync<PageResponse<AuditEventResponse>>($"/api/v1/audit/events?actor_id={owner.Team.Id}&entity_type=service");
        Assert.Equal(0, events.Total);
        Assert.Equal(0, (await App.Admin.GetAsync<PageResponse<ServiceResponse>>($"/api/v1/services?repo_id={repoId}")).Total);
    }
}

public sealed class ServiceSqliteTests(SqliteFixture fixture) : ServiceTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ServicePostgresTests(PostgresFixture fixture) : ServiceTests(fixture), IClassFixture<PostgresFixture>;
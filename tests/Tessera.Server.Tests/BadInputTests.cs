using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>
/// Every mutating endpoint, fed malformed JSON, wrong JSON types, bad and unknown UUIDs in the path and the body,
/// empty and oversized strings, unknown enum values, bad FQNs and versions: each answer is a 4xx with the error
/// envelope (422 <c>VALIDATION_ERROR</c> with <c>details.errors[{field, message, type}]</c> for validation), and
/// the database — every row of every table, audit events included — is the same afterwards.
/// </summary>
public abstract class BadInputTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    public static TheoryData<string> CaseNames => new(BadInputCases.All.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Mutation_BadInput_Is4xxWithEnvelopeAndWritesNothing(string name)
    {
        var world = await Fixture.SharedAsync(BadInputWorld.BuildAsync);
        var c = BadInputCases.All[name];
        var before = await DatabaseSnapshot.TakeAsync(App);

        using var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(world.Fill(c.Path), UriKind.Relative));
        if (c.Body is not null)
        {
            request.Content = new StringContent(world.Fill(c.Body), Encoding.UTF8, c.ContentType);
        }

        using var http = App.Raw(world.KeyFor(c.Caller));
        var response = await http.SendAsync(request);
        var error = await HttpAssert.ErrorAsync(response, c.Status, c.Code);
        if (c.Status == HttpStatusCode.UnprocessableEntity)
        {
            var errors = error["details"]?["errors"]?.AsArray();
            Assert.True(errors is { Count: > 0 }, $"422 without details.errors: {error.ToJsonString()}");
            foreach (var e in errors)
            {
                Assert.False(string.IsNullOrEmpty((string?)e!["field"]), error.ToJsonString());
                Assert.False(string.IsNullOrEmpty((string?)e["message"]), error.ToJsonString());
                Assert.False(string.IsNullOrEmpty((string?)e["type"]), error.ToJsonString());
            }

            if (c.Field is not null)
            {
                Assert.True(errors.Any(e => IsField((string)e!["field"]!, c.Field)), $"expected an error on '{c.Field}': {error.ToJsonString()}");
            }
        }

        Assert.DoesNotContain("   at ", error.ToJsonString(), StringComparison.Ordinal);
        var after = await DatabaseSnapshot.TakeAsync(App);
        before.AssertSameAs(after, name);
    }

    [Fact]
    public async Task Snapshot_SeesAWrite_SoTheSweepCanFail()
    {
        var world = await Fixture.SharedAsync(BadInputWorld.BuildAsync);
        var before = await DatabaseSnapshot.TakeAsync(App);
        using var http = App.Raw(TesseraApplication.AdminKey);
        var response = await http.PatchAsync(new Uri(world.Fill("/api/v1/teams/$team"), UriKind.Relative),
            HttpAssert.Json(new JsonObject { ["metadata"] = new JsonObject { ["touched"] = true } }));
        await HttpAssert.OkAsync(response);
        var after = await DatabaseSnapshot.TakeAsync(App);
        Assert.ThrowsAny<Exception>(() => before.AssertSameAs(after, "a real update"));
        Assert.Equal(before.Rows("audit_events") + 1, after.Rows("audit_events"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/assets?fqn=a%00b", "fqn")]
    [InlineData("GET", "/api/v1/teams?name=%00", "name")]
    [InlineData("POST", "/api/v1/assets/$asset/publish?force=true&force_reason=long%20enough%00", "force_reason")]
    public async Task Query_WithNulCharacter_Is422NotServerError(string method, string path, string field)
    {
        var world = await Fixture.SharedAsync(BadInputWorld.BuildAsync);
        var before = await DatabaseSnapshot.TakeAsync(App);
        using var http = App.Raw(TesseraApplication.AdminKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(world.Fill(path), UriKind.Relative));
        if (method == "POST")
        {
            request.Content = HttpAssert.Json("""{"schema": {"type": "object"}, "version": "9.0.0"}""");
        }

        var error = await HttpAssert.ErrorAsync(await http.SendAsync(request), HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Equal(field, (string?)error["details"]!["errors"]![0]!["field"]);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(App), path);
    }

    private static bool IsField(string actual, string expected) =>
        actual == expected || actual.StartsWith(expected + ".", StringComparison.Ordinal) || actual.StartsWith(expected + "[", StringComparison.Ordinal);
}

public sealed class BadInputSqliteTests(SqliteFixture fixture) : BadInputTests(fixture), IClassFixture<SqliteFixture>;

public sealed class BadInputPostgresTests(PostgresFixture fixture) : BadInputTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>One bad request: where it goes, what it sends, who sends it, and the answer it must get.</summary>
public sealed record BadCase(string Method, string Path, string? Body, HttpStatusCode Status, string Code, string? Field = null,
    string Caller = "admin", string ContentType = "application/json");

/// <summary>
/// The objects the cases aim at, built once per database: an owner team with a user, a key, assets A (published,
/// a consumer registered, a pending breaking proposal, depending on B) and E (an approved proposal), and a consumer
/// team whose asset D depends on A. Paths and bodies name them as <c>$team</c>, <c>$asset</c>, …
/// </summary>
public sealed class BadInputWorld
{
    private readonly Dictionary<string, string> _ids;
    private readonly Dictionary<string, string?> _keys;

    private BadInputWorld(Dictionary<string, string> ids, Dictionary<string, string?> keys)
    {
        _ids = ids;
        _keys = keys;
    }

    public string Fill(string text)
    {
        foreach (var (name, value) in _ids.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace("$" + name, value, StringComparison.Ordinal);
        }

        return text;
    }

    public string? KeyFor(string caller) => _keys[caller];

    public static async Task<BadInputWorld> BuildAsync(TesseraApplication app)
    {
        var owner = await app.CreateActorAsync();
        var consumer = await app.CreateActorAsync();
        var readOnly = await app.CreateKeyAsync(owner.Team.Id, "read");
        var user = await app.Admin.PostAsync<UserResponse>("/api/v1/users",
            new CreateUserRequest("bad" + Guid.NewGuid().ToString("N")[..8], "Bad Input", TeamId: owner.Team.Id));
        var key = await app.Admin.CreateApiKeyAsync(new CreateApiKeyRequest("bad input key", owner.Team.Id));

        var a = await app.CreateAssetAsync(owner);
        var b = await app.CreateAssetAsync(owner);
        var d = await app.CreateAssetAsync(consumer);
        var dependency = await owner.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{a.Id}/dependencies", new CreateDependencyRequest(b.Id));
        await consumer.Client.PostAsync<DependencyResponse>($"/api/v1/assets/{d.Id}/dependencies", new CreateDependencyRequest(a.Id));
        var (_, first) = await TesseraApplication.PublishAsync(owner.Client, a.Id, TesseraApplication.Schema("id", "email"), "1.0.0");
        var contractId = Guid.Parse((string)first["contract"]!["id"]!);
        var registration = await TesseraApplication.RegisterAsync(consumer, contractId);
        var (_, breaking) = await TesseraApplication.PublishAsync(owner.Client, a.Id, TesseraApplication.Schema("id"));
        var pending = (string)breaking["proposal"]!["id"]!;

        var repoName = "bad-input-" + Guid.NewGuid().ToString("N")[..8];
        var repo = await owner.Client.CreateRepoAsync(new CreateRepoRequest(repoName, $"https://github.com/acme/{repoName}.git", owner.Team.Id));
        var service = await owner.Client.PostAsync<ServiceResponse>("/api/v1/services", new CreateServiceRequest("orders", repo.Id));

        var e = await app.CreateAssetAsync(owner);
        var (_, eFirst) = await TesseraApplication.PublishAsync(owner.Client, e.Id, TesseraApplication.Schema("id", "email"), "1.0.0");
        await TesseraApplication.RegisterAsync(consumer, Guid.Parse((string)eFirst["contract"]!["id"]!));
        var (_, eBreaking) = await TesseraApplication.PublishAsync(owner.Client, e.Id, TesseraApplication.Schema("id"));
        var approved = (string)eBreaking["proposal"]!["id"]!;
        await app.Admin.PostAsync<JsonObject>($"/api/v1/proposals/{approved}/force", null);

        var ids = new Dictionary<string, string>
        {
            ["team"] = owner.Team.Id.ToString(),
            ["consumer"] = consumer.Team.Id.ToString(),
            ["consumerAsset"] = d.Id.ToString(),
            ["teamName"] = owner.Team.Name,
            ["user"] = user.Id.ToString(),
            ["key"] = key.Id.ToString(),
            ["asset"] = a.Id.ToString(),
            ["assetFqn"] = a.Fqn,
            ["other"] = b.Id.ToString(),
            ["contract"] = contractId.ToString(),
            ["registration"] = registration.Id.ToString(),
            ["dependency"] = dependency.Id.ToString(),
            ["proposal"] = pending,
            ["approvedAsset"] = e.Id.ToString(),
            ["approved"] = approved,
            ["repoName"] = repoName,
            ["repo"] = repo.Id.ToString(),
            ["service"] = service.Id.ToString(),
            ["missing"] = Guid.NewGuid().ToString(),
        };
        var keys = new Dictionary<string, string?>
        {
            ["admin"] = TesseraApplication.AdminKey,
            ["owner"] = owner.Key,
            ["consumer"] = consumer.Key,
            ["read"] = readOnly.Key,
            ["none"] = null,
            ["bogus"] = "tess_test_" + new string('0', 64),
        };
        return new BadInputWorld(ids, keys);
    }
}

/// <summary>The case table: generic cases per endpoint (body and path shapes) plus field rules per endpoint.</summary>
public static class BadInputCases
{
    private const HttpStatusCode V = HttpStatusCode.UnprocessableEntity;
    private const string VE = "VALIDATION_ERROR";

    private static readonly (string Token, string Field, string NotFound)[] PathIds =
    [
        ("$approved", "proposal_id", "PROPOSAL_NOT_FOUND"),
        ("$proposal", "proposal_id", "PROPOSAL_NOT_FOUND"),
        ("$registration", "registration_id", "REGISTRATION_NOT_FOUND"),
        ("$dependency", "dependency_id", "DEPENDENCY_NOT_FOUND"),
        ("$asset", "asset_id", "ASSET_NOT_FOUND"),
        ("$team", "team_id", "TEAM_NOT_FOUND"),
        ("$user", "user_id", "USER_NOT_FOUND"),
        ("$key", "key_id", "API_KEY_NOT_FOUND"),
        ("$repo", "repo_id", "REPO_NOT_FOUND"),
        ("$service", "service_id", "SERVICE_NOT_FOUND"),
    ];

    public static IReadOnlyDictionary<string, BadCase> All { get; } = Build();

    private static string Long(int length) => new('a', length);

    private const string OpenApiDoc = """{"openapi": "3.0.3", "info": {"title": "never", "version": "1"}, "paths": {"/never": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}}}}}""";

    private const string DbtManifest = """{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {"model.never.orders": {"resource_type": "model", "name": "orders", "database": "never", "schema": "marts", "columns": {"id": {"name": "id", "data_type": "integer"}}}}, "sources": {}}""";

    private static string Fqn(int length) => "a." + new string('b', length - 2);

    private static Dictionary<string, BadCase> Build()
    {
        var cases = new Dictionary<string, BadCase>(StringComparer.Ordinal);
        void Add(string name, BadCase c)
        {
            if (!cases.TryAdd(name, c))
            {
                throw new InvalidOperationException("duplicate case name " + name);
            }
        }

        // Generic shapes for every mutating endpoint: (method, path, a body that is valid for it, whether it reads a body).
        (string Method, string Path, string? Body, bool BodyRequired)[] endpoints =
        [
            ("POST", "/api/v1/teams", """{"name": "never-created"}""", true),
            ("PATCH", "/api/v1/teams/$team", "{}", true),
            ("PUT", "/api/v1/teams/$team", "{}", true),
            ("DELETE", "/api/v1/teams/$team", null, false),
            ("POST", "/api/v1/teams/$team/restore", null, false),
            ("POST", "/api/v1/users", """{"username": "neveruser", "name": "Never Created"}""", true),
            ("PATCH", "/api/v1/users/$user", "{}", true),
            ("PUT", "/api/v1/users/$user", "{}", true),
            ("DELETE", "/api/v1/users/$user", null, false),
            ("POST", "/api/v1/users/$user/reactivate", null, false),
            ("POST", "/api/v1/api-keys", """{"name": "never", "team_id": "$team"}""", true),
            ("DELETE", "/api/v1/api-keys/$key", null, false),
            ("POST", "/api/v1/assets", """{"fqn": "never.created", "owner_team_id": "$team"}""", true),
            ("PATCH", "/api/v1/assets/$asset", "{}", true),
            ("PUT", "/api/v1/assets/$asset", "{}", true),
            ("DELETE", "/api/v1/assets/$asset", null, false),
            ("POST", "/api/v1/assets/$asset/restore", null, false),
            ("POST", "/api/v1/assets/$asset/publish", """{"schema": {"type": "object"}, "version": "9.0.0"}""", true),
            ("POST", "/api/v1/assets/$asset/contracts", """{"schema": {"type": "object"}, "version": "9.0.0"}""", true),
            ("POST", "/api/v1/assets/$asset/version-suggestion", """{"schema": {"type": "object"}}""", true),
            ("POST", "/api/v1/assets/$asset/dependencies", """{"depends_on_asset_id": "$approvedAsset"}""", true),
            ("DELETE", "/api/v1/assets/$asset/dependencies/$dependency", null, false),
            ("POST", "/api/v1/registrations", """{"consumer_team_id": "$team", "contract_id": "$contract"}""", true),
            ("PATCH", "/api/v1/registrations/$registration", """{"status": "migrating"}""", true),
            ("DELETE", "/api/v1/registrations/$registration", null, false),
            ("POST", "/api/v1/proposals/$proposal/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved"}""", true),
            ("POST", "/api/v1/proposals/$proposal/withdraw", null, false),
            ("POST", "/api/v1/proposals/$proposal/object?objector_team_id=$consumer", """{"reason": "we read email"}""", true),
            ("POST", "/api/v1/proposals/$proposal/force", """{"reason": "an outage needs this now"}""", false),
            ("POST", "/api/v1/proposals/$approved/publish", """{"version": "9.0.0"}""", false),
            ("POST", "/api/v1/proposals/$proposal/expire", null, false),
            ("POST", "/api/v1/repos", """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$team"}""", true),
            ("PATCH", "/api/v1/repos/$repo", "{}", true),
            ("DELETE", "/api/v1/repos/$repo", null, false),
            ("POST", "/api/v1/repos/$repo/sync", null, false),
            ("POST", "/api/v1/services", """{"name": "never", "repo_id": "$repo"}""", true),
            ("PATCH", "/api/v1/services/$service", "{}", true),
            ("DELETE", "/api/v1/services/$service", null, false),
            ("POST", "/api/v1/sync/openapi", $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$team"}""", true),
            ("POST", "/api/v1/sync/openapi/impact", $$"""{"spec": {{OpenApiDoc}}}""", true),
            ("POST", "/api/v1/sync/openapi/diff", $$"""{"spec": {{OpenApiDoc}}}""", true),
            ("POST", "/api/v1/sync/dbt/upload", $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team", "auto_publish_contracts": true}""", true),
            ("POST", "/api/v1/sync/dbt/impact", $$"""{"manifest": {{DbtManifest}}}""", true),
            ("POST", "/api/v1/sync/dbt/diff", $$"""{"manifest": {{DbtManifest}}}""", true),
            ("POST", "/api/v1/assets/$asset/impact", """{"type": "object"}""", true),
            ("POST", "/api/v1/assets/$asset/impact-preview", """{"proposed_schema": {"type": "object"}}""", true),
            ("POST", "/api/v1/contracts/compare", """{"old_schema": {"type": "object"}, "new_schema": {"type": "object"}}""", true),
            ("POST", "/api/v1/teams/$team/reassign-assets", """{"target_team_id": "$consumer"}""", true),
            ("POST", "/api/v1/assets/bulk-assign", """{"asset_ids": ["$asset"], "owner_user_id": "$user"}""", true),
        ];

        foreach (var (method, path, body, required) in endpoints)
        {
            var label = $"{method} {path}";
            if (body is not null)
            {
                Add($"{label} · malformed JSON", new(method, path, """{"name": "x", """, V, VE));
                Add($"{label} · truncated JSON", new(method, path, "{", V, VE));
                Add($"{label} · body is an array", new(method, path, "[1, 2]", V, VE));
                Add($"{label} · body is a string", new(method, path, "\"text\"", V, VE));
                Add($"{label} · body is a number", new(method, path, "42", V, VE));
                Add($"{label} · not JSON at all", new(method, path, "name=x&team=y", V, VE));
                Add($"{label} · text/plain content type", new(method, path, body, V, VE, ContentType: "text/plain"));
                if (required)
                {
                    Add($"{label} · empty body", new(method, path, "", V, VE, "body"));
                    Add($"{label} · null body", new(method, path, "null", V, VE, "body"));
                }
            }

            foreach (var (token, field, notFound) in PathIds)
            {
                var at = path.IndexOf(token, StringComparison.Ordinal);
                if (at < 0 || (token == "$asset" && path.Contains("$approvedAsset", StringComparison.Ordinal)))
                {
                    continue;
                }

                var end = at + token.Length;
                if (end < path.Length && char.IsLetter(path[end]))
                {
                    continue;
                }

                var bad = path[..at] + "not-a-uuid" + path[end..];
                var unknown = path[..at] + "$missing" + path[end..];
                Add($"{label} · {field} not a UUID", new(method, bad, body, V, VE, field));
                Add($"{label} · {field} half a UUID", new(method, path[..at] + "0b7e3d2c-1f4a" + path[end..], body, V, VE, field));
                Add($"{label} · {field} unknown", new(method, unknown, body, HttpStatusCode.NotFound, notFound));
            }
        }

        // Authentication: refused before anything is read.
        Add("auth · no key", new("POST", "/api/v1/teams", """{"name": "never-created"}""", HttpStatusCode.Unauthorized, "MISSING_API_KEY", Caller: "none"));
        Add("auth · unknown key", new("POST", "/api/v1/teams", """{"name": "never-created"}""", HttpStatusCode.Unauthorized, "INVALID_API_KEY", Caller: "bogus"));
        Add("auth · read scope cannot write", new("POST", "/api/v1/teams", """{"name": "never-created"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "read"));

        // Hostile text: a NUL character (PostgreSQL text cannot hold one) and JSON nested past any sane depth.
        Add("teams POST · name with NUL", new("POST", "/api/v1/teams", """{"name": "a\u0000b"}""", V, VE, "name"));
        Add("teams POST · metadata nested 200 deep", new("POST", "/api/v1/teams", $$"""{"name": "never-created", "metadata": {{Nested(200)}}}""", V, VE));
        Add("assets POST · fqn with NUL", new("POST", "/api/v1/assets", """{"fqn": "a.b\u0000", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · description with NUL", new("POST", "/api/v1/assets", """{"fqn": "never.created", "owner_team_id": "$team", "description": "a\u0000b"}""", V, VE, "description"));
        Add("assets POST · environment with NUL", new("POST", "/api/v1/assets", """{"fqn": "never.created", "owner_team_id": "$team", "environment": "prod\u0000"}""", V, VE, "environment"));
        Add("assets PATCH · description with NUL", new("PATCH", "/api/v1/assets/$asset", """{"description": "a\u0000b"}""", V, VE, "description"));
        Add("api-keys POST · name with NUL", new("POST", "/api/v1/api-keys", """{"name": "k\u0000", "team_id": "$team"}""", V, VE, "name"));
        Add("api-keys POST · agent_name with NUL", new("POST", "/api/v1/api-keys", """{"name": "k", "team_id": "$team", "agent_name": "a\u0000"}""", V, VE, "agent_name"));
        Add("users POST · name with NUL", new("POST", "/api/v1/users", """{"username": "okuser", "name": "Ok\u0000"}""", V, VE, "name"));
        Add("acknowledge · notes with NUL", new("POST", "/api/v1/proposals/$proposal/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved", "notes": "a\u0000b"}""", V, VE, "notes"));
        Add("publish · schema nested 5000 deep as JSON", new("POST", "/api/v1/assets/$asset/publish", $$"""{"version": "9.0.0", "schema": {{Nested(5000)}}}""", V, VE));
        Add("registrations PATCH · pinned_version with NUL", new("PATCH", "/api/v1/registrations/$registration", """{"pinned_version": "1.0.0\u0000"}""", V, VE, "pinned_version"));

        // Teams.
        Add("teams POST · name missing", new("POST", "/api/v1/teams", "{}", V, VE, "name"));
        Add("teams POST · name null", new("POST", "/api/v1/teams", """{"name": null}""", V, VE, "name"));
        Add("teams POST · name empty", new("POST", "/api/v1/teams", """{"name": ""}""", V, VE, "name"));
        Add("teams POST · name blank", new("POST", "/api/v1/teams", """{"name": "   "}""", V, VE, "name"));
        Add("teams POST · name a number", new("POST", "/api/v1/teams", """{"name": 42}""", V, VE, "name"));
        Add("teams POST · name a list", new("POST", "/api/v1/teams", """{"name": ["a"]}""", V, VE, "name"));
        Add("teams POST · name 256 chars", new("POST", "/api/v1/teams", $$"""{"name": "{{Long(256)}}"}""", V, VE, "name"));
        Add("teams POST · name bad char", new("POST", "/api/v1/teams", """{"name": "bad/char"}""", V, VE, "name"));
        Add("teams POST · metadata a string", new("POST", "/api/v1/teams", """{"name": "never-created", "metadata": "x"}""", V, VE, "metadata"));
        Add("teams POST · metadata a list", new("POST", "/api/v1/teams", """{"name": "never-created", "metadata": [1]}""", V, VE, "metadata"));
        Add("teams POST · duplicate name", new("POST", "/api/v1/teams", """{"name": "$teamName"}""", HttpStatusCode.Conflict, "DUPLICATE_TEAM"));
        Add("teams PATCH · name empty", new("PATCH", "/api/v1/teams/$team", """{"name": ""}""", V, VE, "name"));
        Add("teams PATCH · name a number", new("PATCH", "/api/v1/teams/$team", """{"name": 5}""", V, VE, "name"));
        Add("teams PATCH · name 256 chars", new("PATCH", "/api/v1/teams/$team", $$"""{"name": "{{Long(256)}}"}""", V, VE, "name"));
        Add("teams PATCH · name bad char", new("PATCH", "/api/v1/teams/$team", """{"name": "-lead"}""", V, VE, "name"));
        Add("teams PATCH · metadata a number", new("PATCH", "/api/v1/teams/$team", """{"metadata": 5}""", V, VE, "metadata"));
        Add("teams PATCH · not admin", new("PATCH", "/api/v1/teams/$team", """{"name": "renamed"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        Add("teams DELETE · force not a bool", new("DELETE", "/api/v1/teams/$team?force=maybe", null, V, VE, "force"));
        Add("teams DELETE · owns assets", new("DELETE", "/api/v1/teams/$team", null, HttpStatusCode.Conflict, "TEAM_HAS_ASSETS"));

        // Users.
        const string U = "/api/v1/users";
        Add("users POST · empty object", new("POST", U, "{}", V, VE, "username"));
        Add("users POST · username starts with a digit", new("POST", U, """{"username": "1abc", "name": "Ok Name"}""", V, VE, "username"));
        Add("users POST · username 256 chars", new("POST", U, $$"""{"username": "{{Long(256)}}", "name": "Ok Name"}""", V, VE, "username"));
        Add("users POST · username a number", new("POST", U, """{"username": 7, "name": "Ok Name"}""", V, VE, "username"));
        Add("users POST · name empty", new("POST", U, """{"username": "okuser", "name": ""}""", V, VE, "name"));
        Add("users POST · name with digits", new("POST", U, """{"username": "okuser", "name": "R2D2"}""", V, VE, "name"));
        Add("users POST · name 256 chars", new("POST", U, $$"""{"username": "okuser", "name": "{{Long(256)}}"}""", V, VE, "name"));
        Add("users POST · email invalid", new("POST", U, """{"username": "okuser", "name": "Ok", "email": "nope"}""", V, VE, "email"));
        Add("users POST · email 256 chars", new("POST", U, $$"""{"username": "okuser", "name": "Ok", "email": "{{Long(251)}}@x.io"}""", V, VE, "email"));
        Add("users POST · user_type unknown", new("POST", U, """{"username": "okuser", "name": "Ok", "user_type": "robot"}""", V, VE, "user_type"));
        Add("users POST · role unknown", new("POST", U, """{"username": "okuser", "name": "Ok", "role": "king"}""", V, VE, "role"));
        Add("users POST · role a number", new("POST", U, """{"username": "okuser", "name": "Ok", "role": 1}""", V, VE, "role"));
        Add("users POST · team_id not a UUID", new("POST", U, """{"username": "okuser", "name": "Ok", "team_id": "abc"}""", V, VE, "team_id"));
        Add("users POST · team_id unknown", new("POST", U, """{"username": "okuser", "name": "Ok", "team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("users POST · password too short", new("POST", U, """{"username": "okuser", "name": "Ok", "password": "short"}""", V, VE, "password"));
        Add("users POST · password 129 chars", new("POST", U, $$"""{"username": "okuser", "name": "Ok", "password": "{{Long(129)}}"}""", V, VE, "password"));
        Add("users POST · bot with password", new("POST", U, """{"username": "okbot", "name": "Ok", "user_type": "bot", "password": "longenough1"}""", V, VE, "password"));
        Add("users POST · metadata a number", new("POST", U, """{"username": "okuser", "name": "Ok", "metadata": 5}""", V, VE, "metadata"));
        Add("users POST · not admin", new("POST", U, """{"username": "okuser", "name": "Ok"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        Add("users PATCH · email invalid", new("PATCH", $"{U}/$user", """{"email": "nope"}""", V, VE, "email"));
        Add("users PATCH · username empty", new("PATCH", $"{U}/$user", """{"username": ""}""", V, VE, "username"));
        Add("users PATCH · name invalid", new("PATCH", $"{U}/$user", """{"name": "1"}""", V, VE, "name"));
        Add("users PATCH · role unknown", new("PATCH", $"{U}/$user", """{"role": "king"}""", V, VE, "role"));
        Add("users PATCH · user_type unknown", new("PATCH", $"{U}/$user", """{"user_type": "robot"}""", V, VE, "user_type"));
        Add("users PATCH · team_id not a UUID", new("PATCH", $"{U}/$user", """{"team_id": "abc"}""", V, VE, "team_id"));
        Add("users PATCH · team_id unknown", new("PATCH", $"{U}/$user", """{"team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("users PATCH · password too short", new("PATCH", $"{U}/$user", """{"password": "short"}""", V, VE, "password"));
        Add("users PATCH · notification_preferences a list", new("PATCH", $"{U}/$user", """{"notification_preferences": []}""", V, VE, "notification_preferences"));

        // API keys.
        const string K = "/api/v1/api-keys";
        Add("api-keys POST · name missing", new("POST", K, """{"team_id": "$team"}""", V, VE, "name"));
        Add("api-keys POST · name empty", new("POST", K, """{"name": "", "team_id": "$team"}""", V, VE, "name"));
        Add("api-keys POST · name 256 chars", new("POST", K, $$"""{"name": "{{Long(256)}}", "team_id": "$team"}""", V, VE, "name"));
        Add("api-keys POST · team_id missing", new("POST", K, """{"name": "k"}""", V, VE, "team_id"));
        Add("api-keys POST · team_id null", new("POST", K, """{"name": "k", "team_id": null}""", V, VE, "team_id"));
        Add("api-keys POST · team_id not a UUID", new("POST", K, """{"name": "k", "team_id": "abc"}""", V, VE, "team_id"));
        Add("api-keys POST · team_id unknown", new("POST", K, """{"name": "k", "team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("api-keys POST · scope unknown", new("POST", K, """{"name": "k", "team_id": "$team", "scopes": ["root"]}""", V, VE, "scopes"));
        Add("api-keys POST · scopes a string", new("POST", K, """{"name": "k", "team_id": "$team", "scopes": "read"}""", V, VE, "scopes"));
        Add("api-keys POST · scopes of numbers", new("POST", K, """{"name": "k", "team_id": "$team", "scopes": [1]}""", V, VE, "scopes"));
        Add("api-keys POST · expires_at not a date", new("POST", K, """{"name": "k", "team_id": "$team", "expires_at": "soon"}""", V, VE, "expires_at"));
        Add("api-keys POST · expires_at in the past", new("POST", K, """{"name": "k", "team_id": "$team", "expires_at": "2001-01-01T00:00:00Z"}""", V, VE, "expires_at"));
        Add("api-keys POST · user_id not a UUID", new("POST", K, """{"name": "k", "team_id": "$team", "user_id": "abc"}""", V, VE, "user_id"));
        Add("api-keys POST · user_id unknown", new("POST", K, """{"name": "k", "team_id": "$team", "user_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("api-keys POST · agent_name 256 chars", new("POST", K, $$"""{"name": "k", "team_id": "$team", "agent_name": "{{Long(256)}}"}""", V, VE, "agent_name"));
        Add("api-keys POST · agent_framework 101 chars", new("POST", K, $$"""{"name": "k", "team_id": "$team", "agent_name": "bot", "agent_framework": "{{Long(101)}}"}""", V, VE, "agent_framework"));
        Add("api-keys POST · not admin", new("POST", K, """{"name": "k", "team_id": "$team"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        Add("api-keys DELETE · not admin", new("DELETE", $"{K}/$key", null, HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));

        // Assets.
        const string A = "/api/v1/assets";
        Add("assets POST · empty object", new("POST", A, "{}", V, VE, "fqn"));
        Add("assets POST · fqn one segment", new("POST", A, """{"fqn": "nodots", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · fqn empty segment", new("POST", A, """{"fqn": "a..b", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · fqn segment starts with digit", new("POST", A, """{"fqn": "1a.b", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · fqn with dash", new("POST", A, """{"fqn": "a.b-c", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · fqn with space", new("POST", A, """{"fqn": "a. b", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · fqn 1001 chars", new("POST", A, $$"""{"fqn": "{{Fqn(1001)}}", "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · fqn a number", new("POST", A, """{"fqn": 5, "owner_team_id": "$team"}""", V, VE, "fqn"));
        Add("assets POST · owner_team_id missing", new("POST", A, """{"fqn": "never.created"}""", V, VE, "owner_team_id"));
        Add("assets POST · owner_team_id not a UUID", new("POST", A, """{"fqn": "never.created", "owner_team_id": "abc"}""", V, VE, "owner_team_id"));
        Add("assets POST · owner_team_id a number", new("POST", A, """{"fqn": "never.created", "owner_team_id": 12}""", V, VE, "owner_team_id"));
        Add("assets POST · owner_team_id unknown", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("assets POST · owner_user_id not a UUID", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "owner_user_id": "abc"}""", V, VE, "owner_user_id"));
        Add("assets POST · owner_user_id unknown", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "owner_user_id": "$missing"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
        Add("assets POST · owner_user_id of another team", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$consumer", "owner_user_id": "$user"}""", HttpStatusCode.BadRequest, "USER_TEAM_MISMATCH"));
        Add("assets POST · resource_type unknown", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "resource_type": "table"}""", V, VE, "resource_type"));
        Add("assets POST · guarantee_mode unknown", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "guarantee_mode": "loud"}""", V, VE, "guarantee_mode"));
        Add("assets POST · semver_mode unknown", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "semver_mode": "random"}""", V, VE, "semver_mode"));
        Add("assets POST · semver_mode upper case", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "semver_mode": "AUTO"}""", V, VE, "semver_mode"));
        Add("assets POST · environment empty", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "environment": ""}""", V, VE, "environment"));
        Add("assets POST · environment 51 chars", new("POST", A, $$"""{"fqn": "never.created", "owner_team_id": "$team", "environment": "{{Long(51)}}"}""", V, VE, "environment"));
        Add("assets POST · description 2001 chars", new("POST", A, $$"""{"fqn": "never.created", "owner_team_id": "$team", "description": "{{Long(2001)}}"}""", V, VE, "description"));
        Add("assets POST · tags a string", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "tags": "x"}""", V, VE, "tags"));
        Add("assets POST · tags of numbers", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "tags": [1]}""", V, VE, "tags"));
        Add("assets POST · metadata a list", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "metadata": []}""", V, VE, "metadata"));
        Add("assets POST · duplicate fqn", new("POST", A, """{"fqn": "$assetFqn", "owner_team_id": "$team"}""", HttpStatusCode.Conflict, "DUPLICATE_ASSET"));
        Add("assets POST · other team's owner", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$consumer"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "owner"));
        Add("assets PATCH · fqn one segment", new("PATCH", $"{A}/$asset", """{"fqn": "nodots"}""", V, VE, "fqn"));
        Add("assets PATCH · fqn 1001 chars", new("PATCH", $"{A}/$asset", $$"""{"fqn": "{{Fqn(1001)}}"}""", V, VE, "fqn"));
        Add("assets PATCH · fqn empty", new("PATCH", $"{A}/$asset", """{"fqn": ""}""", V, VE, "fqn"));
        Add("assets PATCH · resource_type unknown", new("PATCH", $"{A}/$asset", """{"resource_type": "table"}""", V, VE, "resource_type"));
        Add("assets PATCH · semver_mode a number", new("PATCH", $"{A}/$asset", """{"semver_mode": 5}""", V, VE, "semver_mode"));
        Add("assets PATCH · owner_team_id not a UUID", new("PATCH", $"{A}/$asset", """{"owner_team_id": "abc"}""", V, VE, "owner_team_id"));
        Add("assets PATCH · owner_team_id unknown", new("PATCH", $"{A}/$asset", """{"owner_team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("assets PATCH · owner_user_id unknown", new("PATCH", $"{A}/$asset", """{"owner_user_id": "$missing"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
        Add("assets PATCH · environment empty", new("PATCH", $"{A}/$asset", """{"environment": ""}""", V, VE, "environment"));
        Add("assets PATCH · description 2001 chars", new("PATCH", $"{A}/$asset", $$"""{"description": "{{Long(2001)}}"}""", V, VE, "description"));
        Add("assets PATCH · tags an object", new("PATCH", $"{A}/$asset", """{"tags": {"a": 1}}""", V, VE, "tags"));
        Add("assets PATCH · another team's asset", new("PATCH", $"{A}/$asset", """{"description": "mine now"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("assets DELETE · another team's asset", new("DELETE", $"{A}/$asset", null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));

        // Publishing (both paths share the rules; the SDK's path gets the full list too).
        foreach (var p in new[] { "publish", "contracts" })
        {
            var path = $"{A}/$asset/{p}";
            var n = $"assets/{{id}}/{p} POST";
            Add($"{n} · schema missing", new("POST", path, """{"version": "9.0.0"}""", V, VE, "schema"));
            Add($"{n} · schema null", new("POST", path, """{"schema": null, "version": "9.0.0"}""", V, VE, "schema"));
            Add($"{n} · schema a string", new("POST", path, """{"schema": "text", "version": "9.0.0"}""", V, VE, "schema"));
            Add($"{n} · schema a number", new("POST", path, """{"schema": 5, "version": "9.0.0"}""", V, VE, "schema"));
            Add($"{n} · schema invalid JSON Schema", new("POST", path, """{"schema": {"type": 5}, "version": "9.0.0"}""", HttpStatusCode.BadRequest, "INVALID_SCHEMA"));
            Add($"{n} · version two parts", new("POST", path, """{"schema": {"type": "object"}, "version": "1.0"}""", V, VE, "version"));
            Add($"{n} · version with v", new("POST", path, """{"schema": {"type": "object"}, "version": "v9.0.0"}""", V, VE, "version"));
            Add($"{n} · version a number", new("POST", path, """{"schema": {"type": "object"}, "version": 9}""", V, VE, "version"));
            Add($"{n} · version 51 chars", new("POST", path, $$"""{"schema": {"type": "object"}, "version": "9.0.0-{{Long(45)}}"}""", V, VE, "version"));
            Add($"{n} · version empty", new("POST", path, """{"schema": {"type": "object"}, "version": ""}""", V, VE, "version"));
            Add($"{n} · compatibility_mode unknown", new("POST", path, """{"schema": {"type": "object"}, "version": "9.0.0", "compatibility_mode": "sideways"}""", V, VE, "compatibility_mode"));
            Add($"{n} · schema_format unknown", new("POST", path, """{"schema": {"type": "object"}, "version": "9.0.0", "schema_format": "xml"}""", V, VE, "schema_format"));
            Add($"{n} · guarantees a string", new("POST", path, """{"schema": {"type": "object"}, "version": "9.0.0", "guarantees": "x"}""", V, VE, "guarantees"));
            Add($"{n} · field_descriptions a list", new("POST", path, """{"schema": {"type": "object"}, "version": "9.0.0", "field_descriptions": []}""", V, VE, "field_descriptions"));
            Add($"{n} · force not a bool", new("POST", path + "?force=maybe", """{"schema": {"type": "object"}, "version": "9.0.0"}""", V, VE, "force"));
            Add($"{n} · dry_run not a bool", new("POST", path + "?dry_run=perhaps", """{"schema": {"type": "object"}, "version": "9.0.0"}""", V, VE, "dry_run"));
            Add($"{n} · published_by not a UUID", new("POST", path + "?published_by=abc", """{"schema": {"type": "object"}, "version": "9.0.0"}""", V, VE, "published_by"));
            Add($"{n} · published_by unknown", new("POST", path + "?published_by=$missing", """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
            Add($"{n} · published_by_user_id unknown", new("POST", path + "?published_by_user_id=$missing", """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
            Add($"{n} · published_by another team", new("POST", path + "?published_by=$consumer", """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "owner"));
            Add($"{n} · force without reason", new("POST", path + "?force=true", """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.BadRequest, "INVALID_INPUT"));
            Add($"{n} · force reason too short", new("POST", path + "?force=true&force_reason=because", """{"schema": {"type": "object"}, "version": "9.0.0"}""", V, VE, "force_reason"));
            Add($"{n} · force reason blank", new("POST", path + "?force=true&force_reason=%20%20%20%20%20%20%20%20%20%20%20%20", """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.BadRequest, "INVALID_INPUT"));
            Add($"{n} · force by a non-admin", new("POST", path + "?force=true&force_reason=an%20outage%20needs%20it", """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
            Add($"{n} · 1001 properties", new("POST", path, Wide(1001), V, VE, "schema"));
            Add($"{n} · 11 levels deep", new("POST", path, Deep(11), V, VE, "schema"));
            Add($"{n} · over 1 MB", new("POST", path, Big(1_100_000), V, VE, "schema"));
            Add($"{n} · version exists", new("POST", path, """{"schema": {"type": "object", "properties": {"id": {"type": "string"}}}, "version": "1.0.0"}""", HttpStatusCode.Conflict, "VERSION_EXISTS"));
            Add($"{n} · breaking while a proposal is pending", new("POST", path, """{"schema": {"type": "object", "properties": {"other": {"type": "integer"}}, "required": ["other"]}, "version": "9.0.0"}""", HttpStatusCode.Conflict, "DUPLICATE_PROPOSAL"));
            Add($"{n} · another team's asset", new("POST", path, """{"schema": {"type": "object"}, "version": "9.0.0"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        }

        Add("version-suggestion · schema missing", new("POST", $"{A}/$asset/version-suggestion", "{}", V, VE, "schema"));
        Add("version-suggestion · schema invalid", new("POST", $"{A}/$asset/version-suggestion", """{"schema": {"type": 5}}""", HttpStatusCode.BadRequest, "INVALID_SCHEMA"));

        // Dependencies.
        var deps = $"{A}/$asset/dependencies";
        Add("dependencies POST · no target", new("POST", deps, "{}", V, VE, "depends_on_asset_id"));
        Add("dependencies POST · depends_on_asset_id not a UUID", new("POST", deps, """{"depends_on_asset_id": "abc"}""", V, VE, "depends_on_asset_id"));
        Add("dependencies POST · target_asset_id not a UUID", new("POST", deps, """{"target_asset_id": "abc"}""", V, VE, "target_asset_id"));
        Add("dependencies POST · target unknown", new("POST", deps, """{"target_asset_id": "$missing"}""", HttpStatusCode.NotFound, "ASSET_NOT_FOUND"));
        Add("dependencies POST · the two names disagree", new("POST", deps, """{"depends_on_asset_id": "$approvedAsset", "target_asset_id": "$other"}""", V, VE, "target_asset_id"));
        Add("dependencies POST · self", new("POST", deps, """{"depends_on_asset_id": "$asset"}""", HttpStatusCode.BadRequest, "SELF_DEPENDENCY"));
        Add("dependencies POST · dependency_type unknown", new("POST", deps, """{"depends_on_asset_id": "$approvedAsset", "dependency_type": "uses"}""", V, VE, "dependency_type"));
        Add("dependencies POST · metadata a number", new("POST", deps, """{"depends_on_asset_id": "$approvedAsset", "metadata": 5}""", V, VE, "metadata"));
        Add("dependencies POST · duplicate", new("POST", deps, """{"depends_on_asset_id": "$other"}""", HttpStatusCode.Conflict, "DUPLICATE_DEPENDENCY"));
        Add("dependencies POST · another team's asset", new("POST", deps, """{"depends_on_asset_id": "$approvedAsset"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("dependencies DELETE · another team's asset", new("DELETE", $"{deps}/$dependency", null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));

        // Registrations.
        const string R = "/api/v1/registrations";
        Add("registrations POST · no contract", new("POST", R, """{"consumer_team_id": "$team"}""", HttpStatusCode.BadRequest, "INVALID_INPUT"));
        Add("registrations POST · contract_id not a UUID", new("POST", R, """{"consumer_team_id": "$team", "contract_id": "abc"}""", V, VE, "contract_id"));
        Add("registrations POST · query contract_id not a UUID", new("POST", R + "?contract_id=abc", """{"consumer_team_id": "$team"}""", V, VE, "contract_id"));
        Add("registrations POST · contract unknown", new("POST", R, """{"consumer_team_id": "$team", "contract_id": "$missing"}""", HttpStatusCode.NotFound, "CONTRACT_NOT_FOUND"));
        Add("registrations POST · consumer_team_id missing", new("POST", R, """{"contract_id": "$contract"}""", V, VE, "consumer_team_id"));
        Add("registrations POST · consumer_team_id not a UUID", new("POST", R, """{"consumer_team_id": "abc", "contract_id": "$contract"}""", V, VE, "consumer_team_id"));
        Add("registrations POST · consumer team unknown", new("POST", R, """{"consumer_team_id": "$missing", "contract_id": "$contract"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("registrations POST · pinned_version not semver", new("POST", R, """{"consumer_team_id": "$team", "contract_id": "$contract", "pinned_version": "latest"}""", V, VE, "pinned_version"));
        Add("registrations POST · pinned_version a number", new("POST", R, """{"consumer_team_id": "$team", "contract_id": "$contract", "pinned_version": 1}""", V, VE, "pinned_version"));
        Add("registrations POST · duplicate", new("POST", R, """{"consumer_team_id": "$consumer", "contract_id": "$contract"}""", HttpStatusCode.Conflict, "DUPLICATE_REGISTRATION"));
        Add("registrations POST · for another team", new("POST", R, """{"consumer_team_id": "$team", "contract_id": "$contract"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("registrations PATCH · status unknown", new("PATCH", $"{R}/$registration", """{"status": "gone"}""", V, VE, "status"));
        Add("registrations PATCH · status a number", new("PATCH", $"{R}/$registration", """{"status": 1}""", V, VE, "status"));
        Add("registrations PATCH · pinned_version not semver", new("PATCH", $"{R}/$registration", """{"pinned_version": "latest"}""", V, VE, "pinned_version"));
        Add("registrations PATCH · pinned_version 51 chars", new("PATCH", $"{R}/$registration", $$"""{"pinned_version": "1.0.0-{{Long(45)}}"}""", V, VE, "pinned_version"));
        Add("registrations PATCH · another team's", new("PATCH", $"{R}/$registration", """{"status": "inactive"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "owner"));
        Add("registrations DELETE · another team's", new("DELETE", $"{R}/$registration", null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "owner"));

        // Repos and services (their field rules have their own tests in RepoTests and ServiceTests).
        const string Rp = "/api/v1/repos";
        Add("repos POST · empty object", new("POST", Rp, "{}", V, VE, "name"));
        Add("repos POST · git_url not https or git@", new("POST", Rp, """{"name": "never", "git_url": "ftp://x/y.git", "owner_team_id": "$team"}""", V, VE, "git_url"));
        Add("repos POST · owner_team_id not a UUID", new("POST", Rp, """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "abc"}""", V, VE, "owner_team_id"));
        Add("repos POST · owner team unknown", new("POST", Rp, """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("repos POST · sync_enabled a string", new("POST", Rp, """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$team", "sync_enabled": "yes"}""", V, VE, "sync_enabled"));
        Add("repos POST · poll_interval_seconds too small", new("POST", Rp, """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$team", "poll_interval_seconds": 59}""", V, VE, "poll_interval_seconds"));
        Add("repos POST · poll_interval_seconds overflow", new("POST", Rp, """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$team", "poll_interval_seconds": 99999999999}""", V, VE, "poll_interval_seconds"));
        Add("repos POST · name with NUL", new("POST", Rp, """{"name": "a\u0000b", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$team"}""", V, VE, "name"));
        Add("repos POST · duplicate name", new("POST", Rp, """{"name": "$repoName", "git_url": "https://github.com/acme/other.git", "owner_team_id": "$team"}""", HttpStatusCode.Conflict, "DUPLICATE_REPO"));
        Add("repos POST · for another team", new("POST", Rp, """{"name": "never", "git_url": "https://github.com/acme/never.git", "owner_team_id": "$team"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("repos PATCH · name changed", new("PATCH", $"{Rp}/$repo", """{"name": "renamed"}""", V, VE, "name"));
        Add("repos PATCH · spec_paths escape the repo", new("PATCH", $"{Rp}/$repo", """{"spec_paths": ["../x"]}""", V, VE, "spec_paths"));
        Add("repos PATCH · another team's", new("PATCH", $"{Rp}/$repo", """{"sync_enabled": false}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("repos sync · another team's", new("POST", $"{Rp}/$repo/sync", null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("repos DELETE · another team's", new("DELETE", $"{Rp}/$repo", null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        const string Sv = "/api/v1/services";
        Add("services POST · empty object", new("POST", Sv, "{}", V, VE, "name"));
        Add("services POST · repo_id not a UUID", new("POST", Sv, """{"name": "never", "repo_id": "abc"}""", V, VE, "repo_id"));
        Add("services POST · repo unknown", new("POST", Sv, """{"name": "never", "repo_id": "$missing"}""", HttpStatusCode.NotFound, "REPO_NOT_FOUND"));
        Add("services POST · root_path escapes the repo", new("POST", Sv, """{"name": "never", "repo_id": "$repo", "root_path": "../x"}""", V, VE, "root_path"));
        Add("services POST · name 201 chars", new("POST", Sv, $$"""{"name": "{{Long(201)}}", "repo_id": "$repo"}""", V, VE, "name"));
        Add("services POST · duplicate", new("POST", Sv, """{"name": "orders", "repo_id": "$repo"}""", HttpStatusCode.Conflict, "DUPLICATE_SERVICE"));
        Add("services POST · in another team's repo", new("POST", Sv, """{"name": "never", "repo_id": "$repo"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("services PATCH · otel_service_name with NUL", new("PATCH", $"{Sv}/$service", """{"otel_service_name": "a\u0000"}""", V, VE, "otel_service_name"));
        Add("services PATCH · repo_id changed", new("PATCH", $"{Sv}/$service", """{"repo_id": "$missing"}""", V, VE, "repo_id"));
        Add("services DELETE · another team's", new("DELETE", $"{Sv}/$service", null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("assets POST · service_id not a UUID", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "service_id": "abc"}""", V, VE, "service_id"));
        Add("assets POST · service unknown", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$team", "service_id": "$missing"}""", HttpStatusCode.NotFound, "SERVICE_NOT_FOUND"));
        Add("assets POST · another team's service", new("POST", A, """{"fqn": "never.created", "owner_team_id": "$consumer", "service_id": "$service"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("assets PATCH · service unknown", new("PATCH", $"{A}/$asset", """{"service_id": "$missing"}""", HttpStatusCode.NotFound, "SERVICE_NOT_FOUND"));

        // Importers.
        const string So = "/api/v1/sync/openapi";
        Add("sync/openapi · spec missing", new("POST", So, """{"owner_team_id": "$team"}""", V, VE, "spec"));
        Add("sync/openapi · spec a number", new("POST", So, """{"spec": 5, "owner_team_id": "$team"}""", V, VE, "spec"));
        Add("sync/openapi · spec empty text", new("POST", So, """{"spec": "  ", "owner_team_id": "$team"}""", V, VE, "spec"));
        Add("sync/openapi · spec not a document", new("POST", So, """{"spec": "openapi: [", "owner_team_id": "$team"}""", HttpStatusCode.BadRequest, "INVALID_OPENAPI_SPEC"));
        Add("sync/openapi · spec not OpenAPI", new("POST", So, """{"spec": {"swagger": "1.0"}, "owner_team_id": "$team"}""", HttpStatusCode.BadRequest, "INVALID_OPENAPI_SPEC"));
        Add("sync/openapi · owner_team_id missing", new("POST", So, $$"""{"spec": {{OpenApiDoc}}}""", V, VE, "owner_team_id"));
        Add("sync/openapi · owner_team_id not a UUID", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "abc"}""", V, VE, "owner_team_id"));
        Add("sync/openapi · owner team unknown", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("sync/openapi · dry_run a string", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$team", "dry_run": "yes"}""", V, VE, "dry_run"));
        Add("sync/openapi · environment with NUL", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$team", "environment": "a\u0000"}""", V, VE, "environment"));
        Add("sync/openapi · environment 51 chars", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$team", "environment": "{{Long(51)}}"}""", V, VE, "environment"));
        Add("sync/openapi · default_guarantees a list", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$team", "default_guarantees": []}""", V, VE, "default_guarantees"));
        Add("sync/openapi · not admin", new("POST", So, $$"""{"spec": {{OpenApiDoc}}, "owner_team_id": "$team"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));

        const string Sd = "/api/v1/sync/dbt/upload";
        Add("sync/dbt · manifest missing", new("POST", Sd, """{"owner_team_id": "$team"}""", V, VE, "manifest"));
        Add("sync/dbt · manifest a string", new("POST", Sd, """{"manifest": "{}", "owner_team_id": "$team"}""", V, VE, "manifest"));
        Add("sync/dbt · manifest not a manifest", new("POST", Sd, $$"""{"manifest": {{OpenApiDoc}}, "owner_team_id": "$team"}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"));
        Add("sync/dbt · node without a name", new("POST", Sd, """{"manifest": {"nodes": {"model.a.b": {"resource_type": "model"}}}, "owner_team_id": "$team"}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"));
        Add("sync/dbt · text with NUL", new("POST", Sd, """{"manifest": {"nodes": {"model.a.b": {"resource_type": "model", "name": "b", "description": "a\u0000b"}}}, "owner_team_id": "$team", "auto_publish_contracts": true}""", V, VE, "manifest"));
        Add("sync/dbt · environment with NUL", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team", "environment": "a\u0000"}""", V, VE, "environment"));
        Add("sync/dbt · environment 51 chars", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team", "environment": "{{Long(51)}}"}""", V, VE, "environment"));
        Add("sync/dbt · conflict_mode unknown", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team", "conflict_mode": "merge"}""", HttpStatusCode.BadRequest, "CONFLICT_MODE_INVALID"));
        Add("sync/dbt · conflict_mode a number", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team", "conflict_mode": 1}""", V, VE, "conflict_mode"));
        Add("sync/dbt · owner_team_id not a UUID", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "abc"}""", V, VE, "owner_team_id"));
        Add("sync/dbt · owner team unknown", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("sync/dbt · auto_delete a string", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team", "auto_delete": "yes"}""", V, VE, "auto_delete"));
        Add("sync/dbt · not admin", new("POST", Sd, $$"""{"manifest": {{DbtManifest}}, "owner_team_id": "$team"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        Add("sync/dbt/diff · fail_on_breaking a string", new("POST", "/api/v1/sync/dbt/diff", $$"""{"manifest": {{DbtManifest}}, "fail_on_breaking": "no"}""", V, VE, "fail_on_breaking"));

        // Proposals.
        const string P = "/api/v1/proposals/$proposal";
        Add("acknowledge · empty object", new("POST", $"{P}/acknowledge", "{}", V, VE));
        Add("acknowledge · response missing", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer"}""", V, VE, "response"));
        Add("acknowledge · response unknown", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": "maybe"}""", V, VE, "response"));
        Add("acknowledge · response a bool", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": true}""", V, VE, "response"));
        Add("acknowledge · consumer_team_id missing", new("POST", $"{P}/acknowledge", """{"response": "approved"}""", V, VE, "consumer_team_id"));
        Add("acknowledge · consumer_team_id not a UUID", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "abc", "response": "approved"}""", V, VE, "consumer_team_id"));
        Add("acknowledge · consumer team unknown", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$missing", "response": "approved"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("acknowledge · notes 2001 chars", new("POST", $"{P}/acknowledge", $$"""{"consumer_team_id": "$consumer", "response": "approved", "notes": "{{Long(2001)}}"}""", V, VE, "notes"));
        Add("acknowledge · notes a number", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved", "notes": 5}""", V, VE, "notes"));
        Add("acknowledge · migration_deadline not a date", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": "migrating", "migration_deadline": "soon"}""", V, VE, "migration_deadline"));
        Add("acknowledge · acknowledged_by_user_id not a UUID", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved", "acknowledged_by_user_id": "abc"}""", V, VE, "acknowledged_by_user_id"));
        Add("acknowledge · acknowledged_by_user_id unknown", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved", "acknowledged_by_user_id": "$missing"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
        Add("acknowledge · team not a consumer", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$team", "response": "approved"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM"));
        Add("acknowledge · for another team", new("POST", $"{P}/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved"}""", HttpStatusCode.Forbidden, "FORBIDDEN", Caller: "owner"));
        Add("acknowledge · proposal not pending", new("POST", "/api/v1/proposals/$approved/acknowledge", """{"consumer_team_id": "$consumer", "response": "approved"}""", HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING"));
        Add("object · reason missing", new("POST", $"{P}/object?objector_team_id=$consumer", "{}", V, VE, "reason"));
        Add("object · reason blank", new("POST", $"{P}/object?objector_team_id=$consumer", """{"reason": "   "}""", V, VE, "reason"));
        Add("object · reason 1001 chars", new("POST", $"{P}/object?objector_team_id=$consumer", $$"""{"reason": "{{Long(1001)}}"}""", V, VE, "reason"));
        Add("object · reason a number", new("POST", $"{P}/object?objector_team_id=$consumer", """{"reason": 5}""", V, VE, "reason"));
        Add("object · objector_team_id not a UUID", new("POST", $"{P}/object?objector_team_id=abc", """{"reason": "we read email"}""", V, VE, "objector_team_id"));
        Add("object · objector_user_id not a UUID", new("POST", $"{P}/object?objector_team_id=$consumer&objector_user_id=abc", """{"reason": "we read email"}""", V, VE, "objector_user_id"));
        Add("object · objector_user_id unknown", new("POST", $"{P}/object?objector_team_id=$consumer&objector_user_id=$missing", """{"reason": "we read email"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
        Add("object · objector team unknown", new("POST", $"{P}/object?objector_team_id=$missing", """{"reason": "we read email"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("object · team not affected", new("POST", $"{P}/object?objector_team_id=$team", """{"reason": "we read email"}""", HttpStatusCode.Forbidden, "FORBIDDEN"));
        Add("object · for another team", new("POST", $"{P}/object?objector_team_id=$consumer", """{"reason": "we read email"}""", HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "owner"));
        Add("withdraw · by a consumer", new("POST", $"{P}/withdraw", null, HttpStatusCode.Forbidden, "FORBIDDEN", Caller: "consumer"));
        Add("withdraw · not pending", new("POST", "/api/v1/proposals/$approved/withdraw", null, HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING"));
        Add("expire · by a consumer", new("POST", $"{P}/expire", null, HttpStatusCode.Forbidden, "FORBIDDEN", Caller: "consumer"));
        Add("expire · not pending", new("POST", "/api/v1/proposals/$approved/expire", null, HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING"));
        Add("expire-pending · not admin", new("POST", "/api/v1/proposals/expire-pending", null, HttpStatusCode.Forbidden, "FORBIDDEN", Caller: "owner"));
        Add("force · by a non-admin", new("POST", $"{P}/force", null, HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        Add("force · query reason too short", new("POST", $"{P}/force?reason=because", null, V, VE, "reason"));
        Add("force · query reason blank", new("POST", $"{P}/force?reason=%20%20%20", null, V, VE, "reason"));
        Add("force · body reason too short", new("POST", $"{P}/force", """{"reason": "because"}""", V, VE, "reason"));
        Add("force · body reason 501 chars", new("POST", $"{P}/force", $$"""{"reason": "{{Long(501)}}"}""", V, VE, "reason"));
        Add("force · body reason a number", new("POST", $"{P}/force", """{"reason": 1234567890123}""", V, VE, "reason"));
        Add("force · actor_id not a UUID", new("POST", $"{P}/force?actor_id=abc", null, V, VE, "actor_id"));
        Add("force · actor_id unknown", new("POST", $"{P}/force?actor_id=$missing", null, HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("force · not pending", new("POST", "/api/v1/proposals/$approved/force", null, HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING"));
        const string Pub = "/api/v1/proposals/$approved/publish";
        Add("proposal publish · version not semver", new("POST", Pub, """{"version": "next"}""", V, VE, "version"));
        Add("proposal publish · version a number", new("POST", Pub, """{"version": 2}""", V, VE, "version"));
        Add("proposal publish · version exists", new("POST", Pub, """{"version": "1.0.0"}""", HttpStatusCode.Conflict, "DUPLICATE_CONTRACT_VERSION"));
        Add("proposal publish · published_by not a UUID", new("POST", Pub, """{"published_by": "abc"}""", V, VE, "published_by"));
        Add("proposal publish · published_by unknown", new("POST", Pub, """{"published_by": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("proposal publish · published_by_user_id unknown", new("POST", Pub, """{"published_by_user_id": "$missing"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
        Add("proposal publish · by a consumer", new("POST", Pub, null, HttpStatusCode.Forbidden, "UNAUTHORIZED_TEAM", Caller: "consumer"));
        Add("proposal publish · pending proposal", new("POST", $"{P}/publish", null, HttpStatusCode.BadRequest, "PROPOSAL_NOT_PENDING"));

        // Impact, compare and ownership in bulk (their own tests: ImpactTests, ContractCompareTests, AssetOwnershipTests).
        const string Im = "/api/v1/assets/$asset/impact";
        Add("impact · depth 0", new("POST", Im + "?depth=0", """{"type": "object"}""", V, VE, "depth"));
        Add("impact · depth over the max", new("POST", Im + "?depth=99", """{"type": "object"}""", V, VE, "depth"));
        Add("impact · wrapped schema a string", new("POST", Im, """{"proposed_schema": "x"}""", V, VE, "proposed_schema"));
        Add("impact · schema_format unknown", new("POST", Im, """{"proposed_schema": {}, "schema_format": "xml"}""", V, VE, "schema_format"));
        Add("impact · invalid JSON Schema", new("POST", Im, """{"type": "objekt"}""", HttpStatusCode.BadRequest, "INVALID_SCHEMA"));
        Add("impact · no key", new("POST", Im, """{"type": "object"}""", HttpStatusCode.Unauthorized, "MISSING_API_KEY", Caller: "none"));
        const string Pv = "/api/v1/assets/$asset/impact-preview";
        Add("impact-preview · proposed_schema missing", new("POST", Pv, "{}", V, VE, "proposed_schema"));
        Add("impact-preview · override unknown", new("POST", Pv, """{"proposed_schema": {}, "compatibility_mode_override": "sideways"}""", V, VE, "compatibility_mode_override"));
        Add("impact-preview · guarantees a list", new("POST", Pv, """{"proposed_schema": {}, "proposed_guarantees": []}""", V, VE, "proposed_guarantees"));
        const string Cmp = "/api/v1/contracts/compare";
        Add("compare · nothing to compare", new("POST", Cmp, "{}", V, VE, "contract_id_1"));
        Add("compare · one id", new("POST", Cmp, """{"contract_id_1": "$contract"}""", V, VE, "contract_id_2"));
        Add("compare · id not a UUID", new("POST", Cmp, """{"contract_id_1": "abc", "contract_id_2": "$contract"}""", V, VE, "contract_id_1"));
        Add("compare · id unknown", new("POST", Cmp, """{"contract_id_1": "$contract", "contract_id_2": "$missing"}""", HttpStatusCode.NotFound, "CONTRACT_NOT_FOUND"));
        Add("compare · ids and schemas", new("POST", Cmp, """{"contract_id_1": "$contract", "contract_id_2": "$contract", "old_schema": {}}""", V, VE, "body"));
        Add("compare · mode unknown", new("POST", Cmp, """{"old_schema": {}, "new_schema": {}, "compatibility_mode": "x"}""", V, VE, "compatibility_mode"));
        const string Ra = "/api/v1/teams/$team/reassign-assets";
        Add("reassign · target missing", new("POST", Ra, "{}", V, VE, "target_team_id"));
        Add("reassign · target unknown", new("POST", Ra, """{"target_team_id": "$missing"}""", HttpStatusCode.NotFound, "TEAM_NOT_FOUND"));
        Add("reassign · same team", new("POST", Ra, """{"target_team_id": "$team"}""", HttpStatusCode.BadRequest, "SAME_TEAM"));
        Add("reassign · asset_ids empty", new("POST", Ra, """{"target_team_id": "$consumer", "asset_ids": []}""", V, VE, "asset_ids"));
        Add("reassign · asset_ids not UUIDs", new("POST", Ra, """{"target_team_id": "$consumer", "asset_ids": ["abc"]}""", V, VE, "asset_ids"));
        Add("reassign · not admin", new("POST", Ra, """{"target_team_id": "$consumer"}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        const string Ba = "/api/v1/assets/bulk-assign";
        Add("bulk-assign · asset_ids missing", new("POST", Ba, "{}", V, VE, "asset_ids"));
        Add("bulk-assign · asset_ids empty", new("POST", Ba, """{"asset_ids": []}""", V, VE, "asset_ids"));
        Add("bulk-assign · user unknown", new("POST", Ba, """{"asset_ids": ["$asset"], "owner_user_id": "$missing"}""", HttpStatusCode.NotFound, "USER_NOT_FOUND"));
        Add("bulk-assign · user of another team", new("POST", Ba, """{"asset_ids": ["$consumerAsset", "$asset"], "owner_user_id": "$user"}""", HttpStatusCode.BadRequest, "USER_TEAM_MISMATCH"));
        Add("bulk-assign · not admin", new("POST", Ba, """{"asset_ids": ["$asset"]}""", HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE", Caller: "owner"));
        return cases;
    }

    /// <summary>A JSON object nested <paramref name="depth"/> levels: <c>{"a": {"a": … {} …}}</c>.</summary>
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "{}" + new string('}', depth);

    /// <summary>A publish body whose schema has <paramref name="count"/> properties.</summary>
    private static string Wide(int count)
    {
        var properties = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            properties["p" + i] = new JsonObject { ["type"] = "string" };
        }

        return new JsonObject { ["schema"] = new JsonObject { ["type"] = "object", ["properties"] = properties }, ["version"] = "9.0.0" }.ToJsonString();
    }

    /// <summary>A publish body whose schema nests objects <paramref name="depth"/> levels deep.</summary>
    private static string Deep(int depth)
    {
        JsonObject schema = new() { ["type"] = "string" };
        for (var i = 0; i < depth; i++)
        {
            schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["n"] = schema } };
        }

        return new JsonObject { ["schema"] = schema, ["version"] = "9.0.0" }.ToJsonString();
    }

    /// <summary>A publish body whose schema is about <paramref name="bytes"/> long (one long description).</summary>
    private static string Big(int bytes) =>
        new JsonObject { ["schema"] = new JsonObject { ["type"] = "object", ["description"] = new string('x', bytes) }, ["version"] = "9.0.0" }.ToJsonString();
}
using Tessera.Schemas.OpenApi;

namespace Tessera.Schemas.Tests.OpenApi;

public sealed class OpenApiComparerTests
{
    private static readonly SchemaEngine Engine = new();

    private static DiffResult Diff(string oldText, string newText, string oldName = "old.yaml", string newName = "new.yaml") =>
        Engine.Diff(Engine.Parse(new SchemaSource(oldText, oldName), SchemaFormat.OpenApi), Engine.Parse(new SchemaSource(newText, newName), SchemaFormat.OpenApi));

    [Fact]
    public void Compare_SameCallbacksInYamlAndJson_HasNoFindings()
    {
        const string yaml = """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /s:
                post:
                  responses: {"201": {description: OK}}
                  callbacks:
                    done:
                      "{$request.body#/url}":
                        post:
                          requestBody:
                            content:
                              application/json:
                                schema: {type: string, maxLength: 5, minimum: 1.5}
                          responses: {"200": {description: OK}}
            """;
        const string json = """
            {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {"/s": {"post": {
              "callbacks": {"done": {"{$request.body#/url}": {"post": {
                "responses": {"200": {"description": "OK"}},
                "requestBody": {"content": {"application/json": {"schema": {"minimum": 1.5, "maxLength": 5, "type": "string"}}}}}}}},
              "responses": {"201": {"description": "OK"}}}}}}
            """;

        Assert.Empty(Diff(yaml, json, newName: "new.json").Findings);
    }

    [Fact]
    public void Compare_OperationsReordered_HasNoFindings()
    {
        const string a = """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a: {get: {responses: {"200": {description: OK}}}, post: {responses: {"201": {description: OK}}}}
              /b: {get: {responses: {"200": {description: OK}, "404": {description: No}}}}
            """;
        const string b = """
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /b: {get: {responses: {"404": {description: No}, "200": {description: OK}}}}
              /a: {post: {responses: {"201": {description: OK}}}, get: {responses: {"200": {description: OK}}}}
            """;

        Assert.Empty(Diff(a, b).Findings);
    }

    [Fact]
    public void Compare_PathRemoved_ReportsThePathOnceNotEachOperation()
    {
        var diff = Diff("""
            openapi: 3.0.3
            paths:
              /keep: {get: {responses: {"200": {description: OK}}}}
              /gone: {get: {responses: {"200": {description: OK}}}, delete: {responses: {"204": {description: OK}}}}
            """, """
            openapi: 3.0.3
            paths:
              /keep: {get: {responses: {"200": {description: OK}}}}
            """);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("openapi.path_removed", finding.RuleId);
        Assert.Equal("/gone", finding.Path);
        Assert.Equal(ChangeType.Major, diff.ChangeType);
        Assert.False(diff.IsCompatible(CompatibilityMode.Backward));
        Assert.True(diff.IsCompatible(CompatibilityMode.Forward));
    }

    [Fact]
    public void Compare_SecurityAlternativeReplacedByStricterOne_IsBreakingBackward()
    {
        var diff = Diff("""
            openapi: 3.0.3
            security: [{key: []}, {bearer: []}]
            paths:
              /a: {get: {responses: {"200": {description: OK}}}}
            """, """
            openapi: 3.0.3
            security: [{key: [], bearer: []}]
            paths:
              /a: {get: {responses: {"200": {description: OK}}}}
            """);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("openapi.security_requirement_added", finding.RuleId);
        Assert.Equal("GET /a security", finding.Path);
        Assert.Equal(Severity.Breaking, finding.Backward);
        Assert.Equal(Severity.Safe, finding.Forward);
    }

    [Fact]
    public void Compare_SecurityMadeOptionalWithAnonymousAlternative_IsSafeBackwardOnly()
    {
        var diff = Diff("""
            openapi: 3.0.3
            paths:
              /a: {get: {security: [{bearer: []}], responses: {"200": {description: OK}}}}
            """, """
            openapi: 3.0.3
            paths:
              /a: {get: {security: [{bearer: []}, {}], responses: {"200": {description: OK}}}}
            """);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("openapi.security_requirement_removed", finding.RuleId);
        Assert.Equal(Severity.Safe, finding.Backward);
        Assert.Equal(Severity.Breaking, finding.Forward);
    }

    [Fact]
    public void Compare_SecurityRewrittenEquivalently_IsSafeBothWays()
    {
        var diff = Diff("""
            openapi: 3.0.3
            security: [{key: []}]
            paths:
              /a: {get: {responses: {"200": {description: OK}}}}
            """, """
            openapi: 3.0.3
            security: [{key: []}, {key: [], bearer: []}]
            paths:
              /a: {get: {responses: {"200": {description: OK}}}}
            """);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("openapi.security_changed", finding.RuleId);
        Assert.Equal(ChangeType.Patch, diff.ChangeType);
        Assert.True(diff.IsCompatible(CompatibilityMode.Full));
    }

    [Fact]
    public void SecurityAlternative_Satisfies_NeedsEverySchemeAndScope()
    {
        var holder = new SecurityAlternative([("oauth", ["read", "write"]), ("key", [])]);

        Assert.True(holder.Satisfies(new SecurityAlternative([("oauth", ["read"])])));
        Assert.True(holder.Satisfies(new SecurityAlternative([])));
        Assert.False(holder.Satisfies(new SecurityAlternative([("oauth", ["admin"])])));
        Assert.False(holder.Satisfies(new SecurityAlternative([("bearer", [])])));
    }

    [Fact]
    public void Compare_RequestSchemaFinding_IsPrefixedWithOperationAndMediaType()
    {
        var diff = Diff("""
            openapi: 3.0.3
            paths:
              /u:
                post:
                  requestBody:
                    content: {application/json: {schema: {type: object, properties: {age: {type: integer, minimum: 0}}}}}
                  responses: {"204": {description: OK}}
            """, """
            openapi: 3.0.3
            paths:
              /u:
                post:
                  requestBody:
                    content: {application/json: {schema: {type: object, properties: {age: {type: integer, minimum: 18}}}}}
                  responses: {"204": {description: OK}}
            """);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("POST /u request body application/json.properties.age.minimum", finding.Path);
        Assert.Equal(ChangeDirection.Input, finding.Direction);
        Assert.Equal(Severity.Breaking, finding.Backward);
    }

    [Fact]
    public void Compare_MoreFindingsThanTheLimit_ThrowsNamingTheLimit()
    {
        var paths = string.Concat(Enumerable.Range(0, 20).Select(i => $"  /p{i}: {{get: {{responses: {{\"200\": {{description: OK}}}}}}}}\n"));
        var engine = new SchemaEngine(SchemaLimits.Default with { MaxFindings = 5 });
        var oldDocument = engine.Parse(new SchemaSource("openapi: 3.0.3\npaths:\n" + paths, "old.yaml"), SchemaFormat.OpenApi);
        var newDocument = engine.Parse(new SchemaSource("openapi: 3.0.3\npaths: {}\n", "new.yaml"), SchemaFormat.OpenApi);

        var ex = Assert.Throws<SchemaLimitException>(() => engine.Diff(oldDocument, newDocument));

        Assert.Equal(nameof(SchemaLimits.MaxFindings), ex.LimitName);
    }

    [Fact]
    public void Compare_Swagger20AgainstEquivalentOpenApi31Json_HasNoFindings()
    {
        var diff = Diff("""
            swagger: "2.0"
            info: {title: T, version: "1"}
            paths:
              /things/{thingId}:
                get:
                  produces: [application/json]
                  parameters:
                    - {name: thingId, in: path, required: true, type: integer}
                    - {name: X-Request-Id, in: header, type: string}
                  responses:
                    "200":
                      description: OK
                      schema: {$ref: "#/definitions/Thing"}
            definitions:
              Thing: {type: object, properties: {id: {type: integer}}}
            """, """
            {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
             "paths": {"/things/{id}": {"get": {
               "parameters": [
                 {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                 {"name": "x-request-id", "in": "header", "schema": {"type": "string"}}],
               "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}
            """, newName: "new.json");

        Assert.Empty(diff.Findings);
    }
}
using System.Text.Json.Nodes;

using Tessera.Schemas.OpenApi;

namespace Tessera.Schemas.Tests.OpenApi;

public sealed class OpenApiReaderTests
{
    private static OpenApiDocument Parse(string text, string name = "api.yaml") =>
        (OpenApiDocument)new OpenApiFormat().Parse(new SchemaSource(text, name), SchemaLimits.Default);

    [Theory]
    [InlineData("openapi: 3.0\n", OpenApiVersion.OpenApi30)]
    [InlineData("openapi: 3.1\n", OpenApiVersion.OpenApi31)]
    [InlineData("openapi: \"3.0.3\"\n", OpenApiVersion.OpenApi30)]
    [InlineData("openapi: 3.1.0\n", OpenApiVersion.OpenApi31)]
    [InlineData("swagger: \"2.0\"\n", OpenApiVersion.Swagger20)]
    [InlineData("swagger: 2.0\n", OpenApiVersion.Swagger20)]
    public void Parse_VersionWrittenAsStringOrNumber_IsRecognised(string versionLine, OpenApiVersion expected)
    {
        var document = Parse(versionLine + "info: {title: T, version: '1'}\npaths: {}\n");

        Assert.Equal(expected, document.Version);
    }

    [Fact]
    public void Parse_MissingInfo_UsesUpstreamDefaults()
    {
        var document = Parse("openapi: 3.0.0\npaths: {}\n");

        Assert.Equal("Untitled API", document.Title);
        Assert.Equal("1.0.0", document.ApiVersion);
    }

    [Fact]
    public void Parse_PetstoreWithThreeEndpoints_GivesThreeOperations()
    {
        var document = Parse(OpenApiSamples.Petstore);

        Assert.Equal(["GET /pets", "POST /pets", "GET /pets/{petId}"], document.Operations.Select(o => o.DisplayName));
        Assert.Equal("listPets", document.Operations.First().OperationId);
    }

    [Fact]
    public void Parse_Swagger20Body_BecomesRequestBodyWithConsumes()
    {
        var document = Parse("""
            swagger: "2.0"
            info: {title: T, version: "1"}
            consumes: [application/json, application/xml]
            paths:
              /pets:
                post:
                  parameters:
                    - {in: body, name: pet, required: true, schema: {$ref: "#/definitions/Pet"}}
                    - {in: query, name: dryRun, type: boolean}
                  responses:
                    "201": {description: Created}
            definitions:
              Pet: {type: object}
            """);

        var operation = Assert.Single(document.Operations);
        Assert.NotNull(operation.RequestBody);
        Assert.True(operation.RequestBody.Required);
        Assert.Equal(["application/json", "application/xml"], operation.RequestBody.Content.Select(m => m.Name));
        var parameter = Assert.Single(operation.Parameters);
        Assert.Equal("query.dryRun", parameter.DisplayName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"boolean"}"""), parameter.Schema));
    }

    [Fact]
    public void Parse_OperationParameter_OverridesPathLevelParameterOfSameLocationAndName()
    {
        var document = Parse("""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a:
                parameters:
                  - {name: X-Trace, in: header, required: true, schema: {type: string}}
                  - {name: q, in: query, schema: {type: string}}
                get:
                  parameters:
                    - {name: x-trace, in: header, required: false, schema: {type: string}}
                  responses:
                    "200": {description: OK}
            """);

        var parameters = Assert.Single(document.Operations).Parameters;
        Assert.Equal(2, parameters.Count);
        Assert.False(parameters.Single(p => p.In == "header").Required);
    }

    [Fact]
    public void Parse_ParameterReference_IsResolved()
    {
        var document = Parse("""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            components:
              parameters:
                Limit: {name: limit, in: query, required: true, schema: {type: integer}}
            paths:
              /a:
                get:
                  parameters:
                    - $ref: "#/components/parameters/Limit"
                  responses:
                    "200": {description: OK}
            """);

        var parameter = Assert.Single(Assert.Single(document.Operations).Parameters);
        Assert.Equal("query.limit", parameter.DisplayName);
        Assert.True(parameter.Required);
    }

    [Theory]
    [InlineData("type: object\n", "neither an 'openapi' nor a 'swagger'")]
    [InlineData("- a\n- b\n", "top level is not a mapping")]
    [InlineData("openapi: 4.0.0\npaths: {}\n", "Unsupported OpenAPI version '4.0.0'")]
    [InlineData("openapi: 3.0.0\ninfo: {title: T}\n", "has no 'paths'")]
    [InlineData("openapi: 3.0.0\npaths: {users: {}}\n", "#/paths/users: The path 'users' must start with '/'")]
    [InlineData("openapi: 3.0.0\npaths:\n  /a/{x}: {}\n  /a/{y}: {}\n", "same template")]
    public void Parse_NotAUsableDocument_ThrowsNamingThePlace(string text, string expected)
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("api.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CircularParameterReference_Throws()
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => Parse("""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            components:
              parameters:
                A: {$ref: "#/components/parameters/B"}
                B: {$ref: "#/components/parameters/A"}
            paths:
              /a:
                get:
                  parameters: [{$ref: "#/components/parameters/A"}]
                  responses: {"200": {description: OK}}
            """));

        Assert.Contains("circular", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other.yaml#/components/schemas/X", "is not a local reference")]
    [InlineData("https://example.com/schemas/x.json", "is not a local reference")]
    [InlineData("#/components/schemas/Missing", "does not resolve")]
    public void Parse_SchemaReferenceThatCannotBeFollowed_ThrowsWithItsPointer(string reference, string expected)
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => Parse($$"""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a:
                get:
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              child: {$ref: "{{reference}}"}
            """));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("#/paths/~1a/get/responses/200/content/application~1json/schema/properties/child", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefKeyInsideExample_IsData()
    {
        var document = Parse("""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /a:
                get:
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema: {type: object}
                          example: {$ref: "not/a/reference"}
            """);

        Assert.Single(document.Operations);
    }

    [Fact]
    public void Detect_OpenApiOrSwaggerRoot_IsCertain_OtherwiseZero()
    {
        var format = new OpenApiFormat();
        var source = new SchemaSource("", "x.yaml");

        Assert.Equal(100, format.Detect(source, JsonNode.Parse("""{"openapi":"3.0.0","paths":{}}""")));
        Assert.Equal(100, format.Detect(source, JsonNode.Parse("""{"swagger":"2.0","paths":{}}""")));
        Assert.Equal(0, format.Detect(source, JsonNode.Parse("""{"type":"object"}""")));
        Assert.Equal(0, format.Detect(source, null));
    }

    [Fact]
    public void Engine_DetectsYamlOpenApiWithoutFormatHint()
    {
        var engine = new SchemaEngine();

        Assert.Equal(SchemaFormat.OpenApi, engine.Detect(new SchemaSource(OpenApiSamples.Petstore, "petstore.yaml")));
    }
}
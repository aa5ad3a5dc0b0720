using System.Text.Json.Nodes;

using Tessera.Schemas.OpenApi;

namespace Tessera.Schemas.Tests.OpenApi;

public sealed class OpenApiJsonSchemaViewTests
{
    private static OpenApiDocument Parse(string text) =>
        (OpenApiDocument)new OpenApiFormat().Parse(new SchemaSource(text, "api.yaml"), SchemaLimits.Default);

    [Fact]
    public void Document_Petstore_HasOnePropertyPerOperationAndComponentDefs()
    {
        var view = new OpenApiFormat().ToJsonSchema(Parse(OpenApiSamples.Petstore));

        Assert.Equal("object", view["type"]!.GetValue<string>());
        Assert.Equal(["GET /pets", "POST /pets", "GET /pets/{petId}"], view["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["Owner", "Pet"], view["$defs"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Operation_ArrayOfReferencedItems_PointsAtDefs()
    {
        var document = Parse(OpenApiSamples.Petstore);
        var list = OpenApiJsonSchemaView.Operation(document, document.Operations.First());

        var response = list["properties"]!["responses"]!["properties"]!["200"]!;
        Assert.Equal("array", response["type"]!.GetValue<string>());
        Assert.Equal("#/$defs/Pet", response["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/$defs/Owner", list["$defs"]!["Pet"]!["properties"]!["owner"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void Operation_CyclicComponents_StayReferencesAndResolve()
    {
        var document = Parse(OpenApiSamples.Petstore);
        var view = OpenApiJsonSchemaView.Operation(document, document.Operations.Last());

        var defs = view["$defs"]!.AsObject();
        Assert.Equal("#/$defs/Pet", defs["Owner"]!["properties"]!["pets"]!["items"]!["$ref"]!.GetValue<string>());
        foreach (var reference in AllReferences(view))
        {
            Assert.StartsWith("#/$defs/", reference, StringComparison.Ordinal);
            Assert.True(defs.ContainsKey(reference["#/$defs/".Length..]), reference);
        }
    }

    [Fact]
    public void Operation_RequestWithBodyAndParameters_UsesRequestParametersAndBody()
    {
        var document = Parse(OpenApiSamples.Petstore);
        var operations = OpenApiJsonSchemaView.Operations(document);

        var create = operations.Single(o => o.Operation.DisplayName == "POST /pets").Schema;
        Assert.Equal("string", create["properties"]!["request"]!["properties"]!["body"]!["properties"]!["name"]!["type"]!.GetValue<string>());
        Assert.Equal(["request"], create["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["body"], create["properties"]!["request"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));

        var show = operations.Single(o => o.Operation.DisplayName == "GET /pets/{petId}").Schema;
        var path = show["properties"]!["request"]!["properties"]!["parameters"]!["properties"]!["path"]!;
        Assert.Equal("string", path["properties"]!["petId"]!["type"]!.GetValue<string>());
        Assert.Equal(["petId"], path["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("Not found", show["properties"]!["responses"]!["properties"]!["404"]!["description"]!.GetValue<string>());

        var list = operations.Single(o => o.Operation.DisplayName == "GET /pets").Schema;
        var query = list["properties"]!["request"]!["properties"]!["parameters"]!["properties"]!["query"]!;
        Assert.Null(query["required"]);
        Assert.Null(list["required"]);
    }

    [Fact]
    public void Operations_FqnFollowsTitleMethodAndPath()
    {
        var operations = OpenApiJsonSchemaView.Operations(Parse(OpenApiSamples.Petstore));

        Assert.Equal(["api.petstore.get_pets", "api.petstore.post_pets", "api.petstore.get_pets_petid"], operations.Select(o => o.Fqn));
    }

    [Fact]
    public void Operation_OnlyDescribedOkResponse_KeepsTheResponseCode()
    {
        var document = Parse("""
            openapi: 3.0.0
            info: {title: T, version: "1"}
            paths:
              /ping:
                get:
                  responses:
                    "200": {description: OK}
            """);

        var view = OpenApiJsonSchemaView.Operation(document, document.Operations.Single());

        Assert.Null(view["properties"]!["request"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"description":"OK"}"""), view["properties"]!["responses"]!["properties"]!["200"]));
        Assert.Null(view["$defs"]);
    }

    [Fact]
    public void Operation_ReferenceOutsideComponents_GetsPointerNamedDef()
    {
        var document = Parse("""
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /a:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {id: {type: string}}}
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema:
                            $ref: "#/paths/~1a/post/requestBody/content/application~1json/schema"
                            description: Echo of the request
            """);

        var view = OpenApiJsonSchemaView.Operation(document, document.Operations.Single());
        var response = view["properties"]!["responses"]!["properties"]!["200"]!;

        Assert.Equal("#/$defs/paths.~1a.post.requestBody.content.application~1json.schema", response["$ref"]!.GetValue<string>());
        Assert.Equal("Echo of the request", response["description"]!.GetValue<string>());
        Assert.Single(view["$defs"]!.AsObject());
    }

    [Fact]
    public void Document_Swagger20_UsesDefinitionsAsDefs()
    {
        var view = new OpenApiFormat().ToJsonSchema(Parse("""
            swagger: "2.0"
            info: {title: T, version: "1"}
            paths:
              /pets:
                get:
                  parameters:
                    - {name: ids, in: query, type: array, items: {type: integer}, required: true}
                  responses:
                    "200":
                      description: OK
                      schema: {$ref: "#/definitions/Pet"}
            definitions:
              Pet: {type: object, properties: {id: {type: integer}}}
            """));

        var operation = view["properties"]!["GET /pets"]!;
        Assert.Equal("#/$defs/Pet", operation["properties"]!["responses"]!["properties"]!["200"]!["$ref"]!.GetValue<string>());
        var ids = operation["properties"]!["request"]!["properties"]!["parameters"]!["properties"]!["query"]!["properties"]!["ids"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"array","items":{"type":"integer"}}"""), ids));
        Assert.NotNull(view["$defs"]!["Pet"]);
    }

    private static IEnumerable<string> AllReferences(JsonNode? node)
    {
        var stack = new Stack<JsonNode?>([node]);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref")
                        {
                            yield return value!.GetValue<string>();
                        }
                        else
                        {
                            stack.Push(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }
    }
}
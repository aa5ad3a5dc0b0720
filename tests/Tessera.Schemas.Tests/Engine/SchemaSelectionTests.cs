using Tessera.Schemas.GraphQL;
using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Engine;

/// <summary>Cutting one contract out of a document (what importers judge): only what it reaches counts.</summary>
public sealed class SchemaSelectionTests
{
    private static readonly SchemaEngine Engine = new();

    private static IReadOnlyList<Finding> DiffSelected(string oldText, string newText, string name, SchemaFormat format, string selector)
    {
        var oldDocument = SchemaEngine.Select(Engine.Parse(new SchemaSource(oldText, name), format), selector);
        var newDocument = SchemaEngine.Select(Engine.Parse(new SchemaSource(newText, name), format), selector);
        return Engine.Diff(oldDocument, newDocument).Findings;
    }

    private const string OpenApi = """
        openapi: 3.0.3
        info: { title: T, version: "1" }
        paths:
          /a:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/A" }
          /b:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/B" }
        components:
          schemas:
            A: { type: object, required: [x], properties: { x: { type: string } } }
            B: { type: object, required: [y], properties: { y: { type: string } } }
        """;

    [Fact]
    public void OpenApi_ChangeInAnotherOperation_IsNotAFindingOfTheSelectedOne()
    {
        var changed = OpenApi.Replace("B: { type: object, required: [y], properties: { y: { type: string } } }", "B: { type: object }", StringComparison.Ordinal);
        Assert.Empty(DiffSelected(OpenApi, changed, "a.yaml", SchemaFormat.OpenApi, "GET /a"));
        Assert.Contains(DiffSelected(OpenApi, changed, "a.yaml", SchemaFormat.OpenApi, "GET /b"), f => f.IsBlocking(CompatibilityMode.Backward));
    }

    [Fact]
    public void OpenApi_UnknownOperation_Throws()
    {
        var document = Engine.Parse(new SchemaSource(OpenApi, "a.yaml"), SchemaFormat.OpenApi);
        Assert.Throws<SchemaParseException>(() => SchemaEngine.Select(document, "POST /a"));
    }

    private const string GraphQL = """
        type Query { order(id: ID!): Order  node(id: ID!): Node  user(id: ID!): User }
        interface Node { id: ID! }
        type Order implements Node { id: ID! total: Float! }
        type User implements Node { id: ID! email: String! }
        """;

    [Fact]
    public void GraphQL_AnObjectImplementingAnInterface_DoesNotReachTheOtherImplementations()
    {
        var changed = GraphQL.Replace("email: String!", "", StringComparison.Ordinal);
        Assert.Empty(DiffSelected(GraphQL, changed, "s.graphql", SchemaFormat.GraphQL, "Query.order"));
        Assert.Contains(DiffSelected(GraphQL, changed, "s.graphql", SchemaFormat.GraphQL, "Query.user"), f => f.Path == "User.email");

        // An interface as the result type can be any implementation: User is part of `node`.
        Assert.Contains(DiffSelected(GraphQL, changed, "s.graphql", SchemaFormat.GraphQL, "Query.node"), f => f.Path == "User.email");
    }

    [Fact]
    public void GraphQL_SelectorNotARootField_Throws()
    {
        var document = Engine.Parse(new SchemaSource(GraphQL, "s.graphql"), SchemaFormat.GraphQL);
        Assert.Throws<SchemaParseException>(() => SchemaEngine.Select(document, "User.email"));
        Assert.Throws<SchemaParseException>(() => SchemaEngine.Select(document, "Query"));
        var selected = (GraphQLSchemaDocument)SchemaEngine.Select(document, "Query.order");
        Assert.Equal(["order"], selected.Find("Query")!.Fields.Select(f => f.Name));
        Assert.Null(selected.Find("User"));
    }

    private const string Proto = """
        syntax = "proto3";
        package p;
        message Outer {
          string a = 1;
          message Inner { string b = 1; int32 c = 2; }
        }
        message Req { Outer.Inner inner = 1; }
        message Other { string z = 1; }
        service S {
          rpc Get(Req) returns (Req);
          rpc List(Other) returns (Other);
        }
        """;

    [Fact]
    public void Protobuf_OnlyMessagesTheRpcReaches_AreCompared()
    {
        var otherChanged = Proto.Replace("message Other { string z = 1; }", "message Other { int64 z = 1; }", StringComparison.Ordinal);
        Assert.Empty(DiffSelected(Proto, otherChanged, "p.proto", SchemaFormat.Protobuf, "p.S/Get"));
        Assert.Contains(DiffSelected(Proto, otherChanged, "p.proto", SchemaFormat.Protobuf, "p.S/List"), f => f.IsBlocking(CompatibilityMode.Backward));

        // Outer itself is not reached by Get (only Outer.Inner is): its own fields do not count, Inner's do.
        var outerChanged = Proto.Replace("string a = 1;", "int64 a = 1;", StringComparison.Ordinal);
        Assert.Empty(DiffSelected(Proto, outerChanged, "p.proto", SchemaFormat.Protobuf, "p.S/Get"));
        var innerChanged = Proto.Replace("int32 c = 2;", "string c = 2;", StringComparison.Ordinal);
        Assert.Contains(DiffSelected(Proto, innerChanged, "p.proto", SchemaFormat.Protobuf, "p.S/Get"), f => f.Path.EndsWith("Inner.c", StringComparison.Ordinal));
    }

    [Fact]
    public void Protobuf_SelectedDocument_HoldsOneServiceWithOneMethod()
    {
        var document = (ProtobufDocument)SchemaEngine.Select(Engine.Parse(new SchemaSource(Proto, "p.proto"), SchemaFormat.Protobuf), "p.S/List");
        Assert.Equal(["List"], Assert.Single(document.Services.Values).Methods.Select(m => m.Name));
        Assert.Equal(["p.Other"], document.Messages.Keys);
        Assert.Throws<SchemaParseException>(() => SchemaEngine.Select(document, "p.S/Nope"));
    }

    [Fact]
    public void Avro_SelectorMustBeTheTopLevelName_JsonSchemaHasNoParts()
    {
        var avro = Engine.Parse(new SchemaSource("""{"type":"record","name":"U","namespace":"n","fields":[]}""", "u.avsc"), SchemaFormat.Avro);
        Assert.Same(avro, SchemaEngine.Select(avro, "n.U"));
        Assert.Throws<SchemaParseException>(() => SchemaEngine.Select(avro, "U"));
        var json = Engine.Parse(new SchemaSource("""{"type":"object"}""", "s.json"), SchemaFormat.JsonSchema);
        Assert.Throws<SchemaParseException>(() => SchemaEngine.Select(json, "x"));
    }
}
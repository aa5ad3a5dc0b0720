using Tessera.Core.Ingestion;
using Tessera.Schemas;

namespace Tessera.Core.Tests.Ingestion;

/// <summary>The two naming strategies: the /sync endpoints' (the original's names) and repo sync's (compatibility.md §4.6).</summary>
public sealed class ImportNamingTests
{
    private static readonly SchemaEngine Engine = new();

    private const string Spec = """
        openapi: 3.0.3
        info: { title: Users API, version: "1" }
        paths:
          /users/{userId}/posts/{postId}:
            get: { operationId: getPost, responses: { "200": { description: ok } } }
          /health:
            get: { responses: { "200": { description: ok } } }
        """;

    private const string Sdl = "type Query { listUsers: [String] }\ntype Mutation { createUser(name: String): String }";

    private const string Proto = "syntax = \"proto3\";\npackage com.example.api;\nmessage M {}\nservice Svc { rpc Call(M) returns (M); }";

    [Fact]
    public void Sync_UsesTheOriginalNames()
    {
        var openApi = OpenApiImport.Read(Engine, Spec, null, ImportNaming.Sync);
        Assert.Equal(["api.users_api.get_health", "api.users_api.get_users_userid_posts_postid"], openApi.Items.Select(i => i.Fqn).Order(StringComparer.Ordinal));
        Assert.Equal(["GET /health", "GET /users/{userId}/posts/{postId}"], openApi.Items.Select(i => i.Selector).Order(StringComparer.Ordinal));

        var graphQL = GraphQLImport.Read(Engine, Sdl, false, "Users API", ImportNaming.Sync);
        Assert.Equal(["graphql.users_api.query_listusers", "graphql.users_api.mutation_createuser"], graphQL.Items.Select(i => i.Fqn));
        Assert.Equal(["Query.listUsers", "Mutation.createUser"], graphQL.Items.Select(i => i.Selector));

        var grpc = GrpcImport.Read(Engine, Proto, null, ImportNaming.Sync);
        Assert.Equal("grpc.com_example_api.Svc.Call", Assert.Single(grpc.Items).Fqn);
        Assert.Equal("com.example.api.Svc/Call", grpc.Items[0].Selector);

        var avro = AvroImport.Read(Engine, ["""{"type":"record","name":"UserEvent","namespace":"Com.Acme","fields":[]}"""], ImportNaming.Sync);
        Assert.Equal(("avro.com.acme.userevent", "Com.Acme.UserEvent"), (avro.Items[0].Fqn, avro.Items[0].Selector));
    }

    [Fact]
    public void ForService_UsesServicePrefixedNames()
    {
        var naming = ImportNaming.ForService("billing-api");
        Assert.Equal(["billing_api.rest.getPost", "billing_api.rest.get_health"],
            OpenApiImport.Read(Engine, Spec, null, naming).Items.Select(i => i.Fqn).Order(StringComparer.Ordinal));
        Assert.Equal(["billing_api.graphql.query_listUsers", "billing_api.graphql.mutation_createUser"],
            GraphQLImport.Read(Engine, Sdl, false, null, naming).Items.Select(i => i.Fqn));
        Assert.Equal("billing_api.grpc.Svc_Call", Assert.Single(GrpcImport.Read(Engine, Proto, null, naming).Items).Fqn);
        Assert.Equal("_9lives.rest.get_health", OpenApiImport.Read(Engine, Spec, null, ImportNaming.ForService("9lives")).Items[0].Fqn);
    }
}
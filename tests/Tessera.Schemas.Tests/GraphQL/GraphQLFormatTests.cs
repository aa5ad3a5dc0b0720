using System.Text.Json.Nodes;

using Tessera.Schemas.GraphQL;

namespace Tessera.Schemas.Tests.GraphQL;

public sealed class GraphQLFormatTests
{
    private const string Users = """
        type Query {
          user(id: ID!): User
          users(first: Int = 10, status: Status): [User!]!
        }

        type Mutation {
          createUser(input: CreateUserInput!): User!
        }

        type Subscription {
          userCreated: User!
        }

        type User {
          id: ID!
          name: String
          friends: [User!]
          status: Status!
        }

        enum Status {
          ACTIVE
          INACTIVE
        }

        enum Role {
          ADMIN
        }

        input CreateUserInput {
          name: String!
          role: Role = ADMIN
          tags: [String!]! = ["a", "b"]
        }
        """;

    private static readonly SchemaEngine Engine = new();

    private static GraphQLSchemaDocument Parse(string text, string name = "schema.graphql", SchemaLimits? limits = null) =>
        (GraphQLSchemaDocument)new GraphQLFormat().Parse(new SchemaSource(text, name), limits ?? SchemaLimits.Default);

    [Fact]
    public void Parse_HundredThousandNestedListBrackets_ThrowsLimitError()
    {
        var text = "type Query {\n  deep: " + new string('[', 100_000) + "String" + new string(']', 100_000) + "\n}\n";

        var ex = Assert.Throws<SchemaLimitException>(() => Parse(text));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_HundredThousandNestedDefaultValueLists_ThrowsLimitError()
    {
        var text = "type Query {\n  deep(x: [Int] = " + new string('[', 100_000) + new string(']', 100_000) + "): Int\n}\n";

        var ex = Assert.Throws<SchemaLimitException>(() => Parse(text));

        Assert.Equal(2, ex.Location?.Line);
    }

    [Fact]
    public void Parse_NestingWithinRaisedLimit_Succeeds()
    {
        var text = "type Query {\n  deep: " + new string('[', 300) + "String" + new string(']', 300) + "\n}\n";

        var document = Parse(text, limits: SchemaLimits.Default with { MaxDepth = 400 });

        Assert.Equal("String", document.Types["Query"].Fields[0].Type.NamedType);
        Assert.Equal(300 + 6 + 300, document.Types["Query"].Fields[0].Type.ToString().Length);
    }

    [Fact]
    public void Parse_IntrospectionWithHugeOfTypeNesting_ThrowsLimitError()
    {
        var type = "{\"kind\":\"SCALAR\",\"name\":\"String\"}";
        for (var i = 0; i < 5000; i++)
        {
            type = "{\"kind\":\"LIST\",\"ofType\":" + type + "}";
        }

        var text = "{\"__schema\":{\"queryType\":{\"name\":\"Query\"},\"types\":[{\"kind\":\"OBJECT\",\"name\":\"Query\",\"fields\":[{\"name\":\"a\",\"args\":[],\"type\":" + type + "}]}]}}";

        Assert.Throws<SchemaLimitException>(() => Parse(text, "schema.json"));
    }

    [Fact]
    public void Compare_FiftyThousandFieldsAndEnumValues_ReportsOnlyTheRemovedField()
    {
        static string Build(int skip)
        {
            var sb = new System.Text.StringBuilder("type Query {\n");
            for (var i = 0; i < 50_000; i++)
            {
                if (i != skip)
                {
                    sb.Append("  f").Append(i).Append("(a: Int): E\n");
                }
            }

            sb.Append("}\n\nenum E {\n");
            for (var i = 0; i < 50_000; i++)
            {
                sb.Append("  V").Append(i).Append('\n');
            }

            return sb.Append("}\n").ToString();
        }

        var before = Parse(Build(-1));
        var after = Parse(Build(25_000));

        var finding = Assert.Single(Engine.Diff(before, after).Findings);

        Assert.Equal("Query.f25000", finding.Path);
    }

    [Fact]
    public void Parse_DuplicateFieldInExtension_NamesTheField()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("type Query {\n  a: Int\n}\n\nextend type Query {\n  a: Int\n}\n"));

        Assert.Contains("'Query.a' is defined twice", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, ex.Location?.Line);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("type Query {\n  a: Int\n  b Int\n}\n"));

        Assert.Equal(3, ex.Location?.Line);
        Assert.Equal(5, ex.Location?.Column);
        Assert.Contains("Invalid GraphQL SDL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndefinedArgumentType_NamesTypeAndPlace()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("type Query {\n  a(filter: Filter): Int\n}\n"));

        Assert.Contains("'Filter'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Query.a(filter:)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Location?.Line);
    }

    [Fact]
    public void Parse_InputTypeUsedAsFieldResult_Throws()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("type Query {\n  a: In\n}\n\ninput In {\n  x: Int\n}\n"));

        Assert.Contains("cannot be used as an output type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchemaDefinitionAndExtension_SetsRootTypes()
    {
        var document = Parse("schema {\n  query: Root\n}\n\nextend schema {\n  mutation: Change\n}\n\ntype Root {\n  a: Int\n}\n\ntype Change {\n  b: Int\n}\n");

        Assert.Equal("Root", document.QueryType);
        Assert.Equal("Change", document.MutationType);
        Assert.Null(document.SubscriptionType);
    }

    [Fact]
    public void Parse_DeprecatedWithoutReason_UsesTheStandardReason()
    {
        var document = Parse("type Query {\n  a: Int @deprecated\n  b: Int @deprecated(reason: \"Use a.\")\n}\n");

        Assert.Equal("No longer supported", document.Types["Query"].Fields[0].Deprecation?.Reason);
        Assert.Equal("Use a.", document.Types["Query"].Fields[1].Deprecation?.Reason);
    }

    [Fact]
    public void Parse_IntrospectionWithoutSchema_ThrowsNoSchemaFound()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("{\"invalid\": \"data\"}", "schema.json"));

        Assert.Contains("No __schema found", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.graphql", "scalar X\n")]
    [InlineData("a.gql", "scalar X\n")]
    [InlineData("schema", "type Query {\n  a: Int\n}\n")]
    [InlineData("schema", "schema {\n  query: Q\n}\n")]
    [InlineData("schema.json", "{\"data\": {\"__schema\": {\"queryType\": {\"name\": \"Q\"}, \"types\": []}}}")]
    [InlineData("schema.json", "{\"types\": [], \"queryType\": {\"name\": \"Q\"}}")]
    public void Detect_GraphQLDocuments_ChoosesGraphQL(string name, string content)
    {
        Assert.Equal(SchemaFormat.GraphQL, Engine.Detect(new SchemaSource(content, name)));
    }

    [Theory]
    [InlineData("syntax = \"proto3\";\nmessage A {\n  string a = 1;\n}\nenum E {\n  X = 0;\n}\n")]
    [InlineData("{\"type\": \"object\"}")]
    public void Detect_OtherDocuments_ScoresZero(string content)
    {
        var tree = content.StartsWith('{') ? JsonNode.Parse(content) : null;

        Assert.Equal(0, new GraphQLFormat().Detect(new SchemaSource(content), tree));
    }

    [Fact]
    public void Reachability_EnumsAndInputs_AreClassifiedByPosition()
    {
        var reach = new GraphQLReachability(Parse(Users));

        Assert.True(reach.IsOutput("Status"));
        Assert.True(reach.IsInput("Status"));
        Assert.True(reach.IsInput("Role"));
        Assert.False(reach.IsOutput("Role"));
        Assert.True(reach.IsInput("CreateUserInput"));
        Assert.False(reach.IsInput("User"));
    }

    [Fact]
    public void Compare_SdlAndIntrospectionOfTheSameDefaults_HaveNoFindings()
    {
        var sdl = Parse("type Query {\n  a(s: String = \"x\\\"y\", e: Color = RED, o: Pt = {y: 2, x: 1}, l: [Int] = [1, 2], f: Float = 1.5): Int\n}\n\nenum Color {\n  RED\n}\n\ninput Pt {\n  x: Int\n  y: Int\n}\n");
        const string Introspection = """
            {"__schema": {"queryType": {"name": "Query"}, "types": [
              {"kind": "OBJECT", "name": "Query", "interfaces": [], "fields": [{"name": "a", "type": {"kind": "SCALAR", "name": "Int"}, "args": [
                {"name": "s", "type": {"kind": "SCALAR", "name": "String"}, "defaultValue": "\"x\\\"y\""},
                {"name": "e", "type": {"kind": "ENUM", "name": "Color"}, "defaultValue": "RED"},
                {"name": "o", "type": {"kind": "INPUT_OBJECT", "name": "Pt"}, "defaultValue": "{x: 1, y: 2}"},
                {"name": "l", "type": {"kind": "LIST", "ofType": {"kind": "SCALAR", "name": "Int"}}, "defaultValue": "[1,2]"},
                {"name": "f", "type": {"kind": "SCALAR", "name": "Float"}, "defaultValue": "1.5"}]}]},
              {"kind": "ENUM", "name": "Color", "enumValues": [{"name": "RED", "isDeprecated": false}]},
              {"kind": "INPUT_OBJECT", "name": "Pt", "inputFields": [
                {"name": "x", "type": {"kind": "SCALAR", "name": "Int"}, "defaultValue": null},
                {"name": "y", "type": {"kind": "SCALAR", "name": "Int"}, "defaultValue": null}]}]}}
            """;
        var introspection = Parse(Introspection, "schema.json");

        Assert.Empty(Engine.Diff(sdl, introspection).Findings);
        Assert.Empty(Engine.Diff(introspection, sdl).Findings);
    }

    [Fact]
    public void Compare_ReverseOfAChange_SwapsBackwardAndForward()
    {
        var before = Parse("type Query {\n  a(x: Int): Int\n}\n");
        var after = Parse("type Query {\n  a(x: Int!): Int\n}\n");

        var forwardChange = Assert.Single(Engine.Diff(before, after).Findings);
        var reverseChange = Assert.Single(Engine.Diff(after, before).Findings);

        Assert.Equal(forwardChange.Backward, reverseChange.Forward);
        Assert.Equal(forwardChange.Forward, reverseChange.Backward);
    }

    [Fact]
    public void ToJsonSchema_NamedTypes_AreDefsWithRefs()
    {
        var schema = new GraphQLFormat().ToJsonSchema(Parse(Users));

        Assert.Equal("#/$defs/Query", schema["properties"]!["query"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/$defs/Subscription", schema["properties"]!["subscription"]!["$ref"]!.GetValue<string>());
        var user = schema["$defs"]!["User"]!;
        Assert.Equal("#/$defs/User", user["properties"]!["friends"]!["anyOf"]![0]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("[\"string\",\"null\"]", user["properties"]!["name"]!["type"]!.ToJsonString());
        Assert.Equal("[\"id\",\"status\"]", user["required"]!.ToJsonString());
    }

    [Fact]
    public void ToJsonSchema_ListItemNonNullAndArgumentDefaults_AreKept()
    {
        var schema = new GraphQLFormat().ToJsonSchema(Parse(Users));

        var users = schema["$defs"]!["Query"]!["properties"]!["users"]!;
        Assert.Equal("array", users["type"]!.GetValue<string>());
        Assert.Equal("{\"$ref\":\"#/$defs/User\"}", users["items"]!.ToJsonString());
        Assert.Equal(10, users["x-graphql-arguments"]!["properties"]!["first"]!["default"]!.GetValue<long>());
        var input = schema["$defs"]!["CreateUserInput"]!;
        Assert.Equal("[\"a\",\"b\"]", input["properties"]!["tags"]!["default"]!.ToJsonString());
        Assert.Equal("[\"name\"]", input["required"]!.ToJsonString());
    }

    [Fact]
    public void Operations_QueryMutationAndSubscriptionFields_AreAllListed()
    {
        var operations = GraphQLOperations.List(Parse(Users));

        Assert.Equal(["query:user", "query:users", "mutation:createUser", "subscription:userCreated"],
            operations.Select(o => o.OperationType + ":" + o.Name));
        var user = operations[0];
        Assert.Equal("string", user.Schema["properties"]!["arguments"]!["properties"]!["id"]!["type"]!.GetValue<string>());
        Assert.Equal("[\"arguments\",\"response\"]", user.Schema["required"]!.ToJsonString());
        Assert.Equal("{\"nullability\":{\"id\":\"never\"}}", user.Guarantees!.ToJsonString());
        Assert.Null(operations[1].Guarantees);
        Assert.Equal("[\"response\"]", operations[1].Schema["required"]!.ToJsonString());
        Assert.NotNull(user.Schema["$defs"]!["User"]);
        Assert.Null(user.Schema["$defs"]!["CreateUserInput"]);
    }

    private const string UpstreamIntrospection = """
        {"data": {"__schema": {
          "description": "Users API",
          "queryType": {"name": "Query"}, "mutationType": {"name": "Mutation"}, "subscriptionType": null,
          "types": [
            {"kind": "OBJECT", "name": "Query", "description": "Read side", "interfaces": [], "fields": [
              {"name": "user", "description": "One user", "type": {"kind": "OBJECT", "name": "Data"},
               "args": [{"name": "id", "description": "The id", "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "ID"}}, "defaultValue": null}]},
              {"name": "users", "type": {"kind": "LIST", "ofType": {"kind": "OBJECT", "name": "Data"}},
               "args": [{"name": "status", "type": {"kind": "ENUM", "name": "Status"}, "defaultValue": null}]}]},
            {"kind": "OBJECT", "name": "Mutation", "interfaces": [], "fields": [
              {"name": "createUser", "type": {"kind": "OBJECT", "name": "Data"}, "args": [
                {"name": "name", "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "String"}}},
                {"name": "email", "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "String"}}},
                {"name": "age", "type": {"kind": "SCALAR", "name": "Int"}}]}]},
            {"kind": "OBJECT", "name": "Data", "interfaces": [], "fields": [
              {"name": "id", "args": [], "type": {"kind": "SCALAR", "name": "ID"}},
              {"name": "name", "args": [], "type": {"kind": "SCALAR", "name": "String"}},
              {"name": "count", "args": [], "type": {"kind": "SCALAR", "name": "Int"}},
              {"name": "score", "args": [], "type": {"kind": "SCALAR", "name": "Float"}},
              {"name": "active", "args": [], "type": {"kind": "SCALAR", "name": "Boolean"}}]},
            {"kind": "ENUM", "name": "Status", "enumValues": [{"name": "ACTIVE"}, {"name": "INACTIVE"}, {"name": "PENDING"}]},
            {"kind": "SCALAR", "name": "ID"}, {"kind": "SCALAR", "name": "String"}, {"kind": "SCALAR", "name": "Int"},
            {"kind": "SCALAR", "name": "Float"}, {"kind": "SCALAR", "name": "Boolean"},
            {"kind": "OBJECT", "name": "__Type", "fields": []}]}}}
        """;

    [Fact]
    public void Operations_UpstreamIntrospectionExample_MatchesSection7_5()
    {
        var document = Parse(UpstreamIntrospection, "schema.json");

        var operations = GraphQLOperations.List(document);

        Assert.Equal(["query:user", "query:users", "mutation:createUser"], operations.Select(o => o.OperationType + ":" + o.Name));
        var idArgument = operations[0].Metadata(document)["arguments"]![0]!;
        Assert.Equal("id", idArgument["name"]!.GetValue<string>());
        Assert.True(idArgument["required"]!.GetValue<bool>());
        Assert.Equal("string", operations[0].Schema["properties"]!["arguments"]!["properties"]!["id"]!["type"]!.GetValue<string>());
        var status = operations[1].Schema["properties"]!["arguments"]!["properties"]!["status"]!["anyOf"]![0]!["$ref"]!.GetValue<string>();
        Assert.Equal("#/$defs/Status", status);
        Assert.Equal("[\"ACTIVE\",\"INACTIVE\",\"PENDING\"]", operations[1].Schema["$defs"]!["Status"]!["enum"]!.ToJsonString());
        Assert.Equal("{\"nullability\":{\"id\":\"never\"}}", operations[0].Guarantees!.ToJsonString());
        Assert.Equal("{\"nullability\":{\"name\":\"never\",\"email\":\"never\"}}", operations[2].Guarantees!.ToJsonString());
        Assert.Null(operations[1].Guarantees);
        Assert.Equal("Users API", GraphQLFqn.SchemaNameOf(document));
        Assert.Equal("graphql.users_api.mutation_createuser", GraphQLFqn.Create(GraphQLFqn.SchemaNameOf(document), operations[2].Name, operations[2].OperationType));
    }

    [Fact]
    public void ToJsonSchema_BuiltInScalars_MapPerSection4_2()
    {
        var schema = new GraphQLFormat().ToJsonSchema(Parse(UpstreamIntrospection, "schema.json"));

        var data = schema["$defs"]!["Data"]!["properties"]!;
        Assert.Equal(["string", "string", "integer", "number", "boolean"],
            new[] { "id", "name", "count", "score", "active" }.Select(f => data[f]!["type"]![0]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("DateTime", "string", "date-time")]
    [InlineData("UUID", "string", "uuid")]
    [InlineData("URL", "string", "uri")]
    [InlineData("BigInt", "integer", null)]
    [InlineData("JSON", "object", null)]
    [InlineData("Money", "string", null)]
    public void ScalarSchema_KnownAndCustomScalars_MapPerTable(string scalar, string type, string? format)
    {
        var schema = GraphQLJsonSchemaWriter.ScalarSchema(scalar);

        Assert.Equal(type, schema["type"]!.GetValue<string>());
        Assert.Equal(format, schema["format"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("Users API", "listUsers", "query", "graphql.users_api.query_listusers")]
    [InlineData("Users API", "createUser", "mutation", "graphql.users_api.mutation_createuser")]
    [InlineData("My Cool API", "getData", "query", "graphql.my_cool_api.query_getdata")]
    [InlineData("My-API", "getData", "query", "graphql.my_api.query_getdata")]
    [InlineData(GraphQLFqn.DefaultSchemaName, "items", "query", "graphql.graphql_api.query_items")]
    [InlineData("Custom API", "hello", "query", "graphql.custom_api.query_hello")]
    public void FqnCreate_ValidParts_BuildsTheName(string schema, string operation, string type, string expected)
    {
        Assert.Equal(expected, GraphQLFqn.Create(schema, operation, type));
    }

    [Theory]
    [InlineData("my.api", "getData", "unsafe characters")]
    [InlineData("my/api", "getData", "unsafe characters")]
    [InlineData("My API", "get.data", "unsafe characters")]
    [InlineData("", "getData", "must not be empty")]
    public void FqnCreate_BadParts_Throws(string schema, string operation, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => GraphQLFqn.Create(schema, operation, "query"));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
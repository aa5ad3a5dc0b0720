using System.Text.Json.Nodes;

using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Protobuf;

/// <summary>compatibility.md §4.3 and §7.6 items 61–68, with the §8.20 fixes.</summary>
public sealed class ProtobufJsonSchemaTests
{
    private const string Users = """
        syntax = "proto3";
        package users;

        // Comments are not part of the schema.
        enum Status {
          STATUS_UNSPECIFIED = 0;
          PENDING = 1;
          ACTIVE = 2;
        }

        message Address {
          string street = 1;
        }

        message GetUserRequest {
          string id = 1;
        }

        message User {
          string id = 1;
          Status status = 2;
          repeated Address addresses = 3;
          Address home = 4;
          map<string, string> labels = 5;
          bytes avatar = 6;
          int64 created_ms = 7;
          optional int32 page = 8;
        }

        message ListUsersRequest {
          int32 page_size = 1;
        }

        service UserService {
          rpc GetUser(GetUserRequest) returns (User);
          rpc ListUsers(ListUsersRequest) returns (stream User);
        }
        """;

    private static readonly ProtobufFormat Format = new();

    private static ProtobufDocument Parse(string text) =>
        (ProtobufDocument)Format.Parse(new SchemaSource(text, "users.proto"), SchemaLimits.Default);

    private static JsonObject Def(JsonObject schema, string name) => schema["$defs"]![name]!.AsObject();

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    [Fact]
    public void ToJsonSchema_SimpleProto_ListsEveryRpcWithRequestAndResponse()
    {
        var document = Parse(Users);

        var schema = Format.ToJsonSchema(document);

        Assert.Equal("users", document.Package);
        Assert.Equal("proto3", document.Syntax);
        Assert.Single(document.Services);
        Assert.Equal(["users.UserService/GetUser", "users.UserService/ListUsers"], schema["properties"]!.AsObject().Select(p => p.Key));
        var rpc = schema["properties"]!["users.UserService/GetUser"]!;
        Assert.Equal("#/$defs/users.GetUserRequest", (string?)rpc["properties"]!["request"]!["$ref"]);
        Assert.Equal("#/$defs/users.User", (string?)rpc["properties"]!["response"]!["$ref"]);
        Assert.True(JsonNode.DeepEquals(Json("""{"type":"string","x-proto-field-number":1}"""), Def(schema, "users.GetUserRequest")["properties"]!["id"]));
    }

    [Fact]
    public void ToJsonSchema_Proto3Fields_AreNotRequired()
    {
        var user = Def(Format.ToJsonSchema(Parse(Users)), "users.User");

        Assert.Null(user["required"]);
        Assert.Equal(8, user["properties"]!.AsObject().Count);
    }

    [Fact]
    public void ToJsonSchema_FieldsUseJsonNamesAndNumbers()
    {
        var user = Def(Format.ToJsonSchema(Parse(Users)), "users.User");

        Assert.Equal(7, (int?)user["properties"]!["createdMs"]!["x-proto-field-number"]);
        Assert.Null(user["properties"]!["created_ms"]);
    }

    [Fact]
    public void ToJsonSchema_EnumRepeatedNestedMapAndBytes_MapLikeProtoJson()
    {
        var schema = Format.ToJsonSchema(Parse(Users));
        var properties = Def(schema, "users.User")["properties"]!;

        Assert.Contains("PENDING", Def(schema, "users.Status")["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("string", (string?)Def(schema, "users.Status")["type"]);
        Assert.Equal("#/$defs/users.Status", (string?)properties["status"]!["$ref"]);
        Assert.Equal("array", (string?)properties["addresses"]!["type"]);
        Assert.Equal("#/$defs/users.Address", (string?)properties["addresses"]!["items"]!["$ref"]);
        Assert.NotNull(Def(schema, "users.Address")["properties"]!["street"]);
        Assert.True(JsonNode.DeepEquals(
            Json("""{"type":"object","additionalProperties":{"type":"string"},"x-proto-map-key":"string","x-proto-field-number":5}"""),
            properties["labels"]));
        Assert.True(JsonNode.DeepEquals(Json("""{"type":"string","contentEncoding":"base64","x-proto-field-number":6}"""), properties["avatar"]));
    }

    [Fact]
    public void ToJsonSchema_Int64_IsAStringAsInProtoJson()
    {
        var properties = Def(Format.ToJsonSchema(Parse(Users)), "users.User")["properties"]!;

        Assert.Equal("string", (string?)properties["createdMs"]!["type"]);
        Assert.Equal("int64", (string?)properties["createdMs"]!["format"]);
    }

    [Fact]
    public void ToJsonSchema_StreamingFlags_CoverAllFourCombinations()
    {
        var document = Parse("""
            syntax = "proto3";
            message M {}
            service S {
              rpc Unary(M) returns (M);
              rpc Server(M) returns (stream M);
              rpc Client(stream M) returns (M);
              rpc Both(stream M) returns (stream M);
            }
            """);

        var properties = Format.ToJsonSchema(document)["properties"]!;

        (bool, bool) Flags(string rpc) => ((bool)properties[rpc]!["x-grpc-client-streaming"]!, (bool)properties[rpc]!["x-grpc-server-streaming"]!);
        Assert.Equal((false, false), Flags("S/Unary"));
        Assert.Equal((false, true), Flags("S/Server"));
        Assert.Equal((true, false), Flags("S/Client"));
        Assert.Equal((true, true), Flags("S/Both"));
    }

    [Fact]
    public void ToJsonSchema_Oneofs_BecomeAtMostOneGroups()
    {
        var document = Parse("""
            syntax = "proto3";
            message Search {
              optional int32 page = 1;
              oneof by { string name = 2; string email = 3; }
              oneof sort { bool asc = 4; bool desc = 5; }
            }
            """);

        var search = Def(Format.ToJsonSchema(document), "Search");

        Assert.Equal(["page", "name", "email", "asc", "desc"], search["properties"]!.AsObject().Select(p => p.Key));
        Assert.Null(search["required"]);
        var groups = search["allOf"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.True(JsonNode.DeepEquals(
            Json("""[{"required":["name"]},{"required":["email"]},{"not":{"anyOf":[{"required":["name"]},{"required":["email"]}]}}]"""),
            groups[0]!["oneOf"]));
        Assert.Equal("by", (string?)search["properties"]!["name"]!["x-proto-oneof"]);
    }

    [Fact]
    public void ToJsonSchema_Proto2Required_IsRequired()
    {
        var document = Parse("syntax = \"proto2\";\nmessage A { required string id = 1; optional string note = 2; }\n");

        Assert.True(JsonNode.DeepEquals(Json("""["id"]"""), Def(Format.ToJsonSchema(document), "A")["required"]));
    }

    [Fact]
    public void ToJsonSchema_NestedThreeLevels_DoesNotLeakFieldsOutward()
    {
        var document = Parse("""
            syntax = "proto3";
            message Outer {
              message Mid {
                message Inner { string inner_field = 1; }
                Inner inner = 1;
                string mid_field = 2;
              }
              string outer_field = 1;
              Mid mid = 2;
            }
            """);

        var schema = Format.ToJsonSchema(document);

        Assert.Equal(["outerField", "mid"], Def(schema, "Outer")["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["inner", "midField"], Def(schema, "Outer.Mid")["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(Def(schema, "Outer.Mid.Inner"));
    }

    [Fact]
    public void ToJsonSchema_WellKnownTypes_UseTheirJsonForms()
    {
        var document = Parse("""
            syntax = "proto3";
            import "google/protobuf/timestamp.proto";
            import "google/protobuf/duration.proto";
            import "google/protobuf/wrappers.proto";
            import "google/protobuf/struct.proto";
            import "google/protobuf/any.proto";
            import "google/protobuf/empty.proto";
            message W {
              google.protobuf.Timestamp at = 1;
              google.protobuf.Duration took = 2;
              google.protobuf.Int32Value count = 3;
              google.protobuf.Int64Value big = 4;
              google.protobuf.Struct attrs = 5;
              google.protobuf.Any extra = 6;
              google.protobuf.Empty nothing = 7;
            }
            """);

        var schema = Format.ToJsonSchema(document);
        var p = Def(schema, "W")["properties"]!;

        Assert.Equal("date-time", (string?)p["at"]!["format"]);
        Assert.Equal("string", (string?)p["took"]!["type"]);
        Assert.True(JsonNode.DeepEquals(Json("""["integer","null"]"""), p["count"]!["type"]));
        Assert.True(JsonNode.DeepEquals(Json("""["string","null"]"""), p["big"]!["type"]));
        Assert.Equal("object", (string?)p["attrs"]!["type"]);
        Assert.NotNull(p["extra"]!["properties"]!["@type"]);
        Assert.Empty(p["nothing"]!["properties"]!.AsObject());
        Assert.Equal(["W"], schema["$defs"]!.AsObject().Select(d => d.Key)); // WKTs are inlined, not defined
    }

    [Fact]
    public void ToJsonSchema_RecursiveMessage_UsesARefInsteadOfExpanding()
    {
        var document = Parse("syntax = \"proto3\";\nmessage Node { string v = 1; repeated Node children = 2; }\n");

        var node = Def(Format.ToJsonSchema(document), "Node");

        Assert.Equal("#/$defs/Node", (string?)node["properties"]!["children"]!["items"]!["$ref"]);
    }

    [Fact]
    public void ToJsonSchema_NoServiceAndNoPackage_StillDefinesMessages()
    {
        var document = Parse("syntax = \"proto3\";\nmessage Only { string a = 1; }\n");

        var schema = Format.ToJsonSchema(document);

        Assert.Equal("", document.Package);
        Assert.Empty(schema["properties"]!.AsObject());
        Assert.NotNull(Def(schema, "Only"));
    }

    [Fact]
    public void ForRpc_OneMethod_CombinesRequestAndResponseWithOnlyReachableDefinitions()
    {
        var document = Parse(Users);

        var schema = ProtobufJsonSchema.ForRpc(document, "users.UserService", "ListUsers");

        Assert.True(JsonNode.DeepEquals(Json("""["request","response"]"""), schema["required"]));
        Assert.Equal(["users.Address", "users.ListUsersRequest", "users.Status", "users.User"], schema["$defs"]!.AsObject().Select(d => d.Key));
        Assert.Equal("/users.UserService/ListUsers", (string?)schema["x-grpc-method"]);
    }

    [Fact]
    public void ForRpc_UnknownMethod_FailsClearly()
    {
        var ex = Assert.Throws<SchemaParseException>(() => ProtobufJsonSchema.ForRpc(Parse(Users), "UserService", "Nope"));

        Assert.Contains("no RPC 'Nope'", ex.Message, StringComparison.Ordinal);
    }
}
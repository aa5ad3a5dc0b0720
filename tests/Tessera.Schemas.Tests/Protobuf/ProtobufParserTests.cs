using System.Text;

using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Protobuf;

public sealed class ProtobufParserTests
{
    private static readonly ProtobufFormat Format = new();

    private static ProtobufDocument Parse(string text, IReadOnlyDictionary<string, string>? imports = null, string name = "main.proto") =>
        (ProtobufDocument)Format.Parse(new SchemaSource(text, name, imports), SchemaLimits.Default);

    [Fact]
    public void Parse_100000NestedMessages_StopsAtMaxDepth()
    {
        var sb = new StringBuilder("syntax = \"proto3\";\n");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append("message M").Append(i).Append(" {");
        }

        sb.Append('}', 100_000);

        var ex = Assert.Throws<SchemaLimitException>(() => Parse(sb.ToString(), name: "deep.proto"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
        Assert.Contains("deep.proto", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Location?.Line);
    }

    [Fact]
    public void Parse_100000NestedBracesInAnOption_StopsAtMaxDepth()
    {
        var text = "syntax = \"proto3\";\noption (x) = " + HostileInputTests.Repeat("{a: ", 100_000) + "1" + new string('}', 100_000) + ";\n";

        var ex = Assert.Throws<SchemaLimitException>(() => Parse(text));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_DeeplyNestedImport_StopsAtMaxDepthNamingTheImport()
    {
        var deep = "syntax = \"proto3\";\n" + HostileInputTests.Repeat("message A {", 1000) + new string('}', 1000);

        var ex = Assert.Throws<SchemaLimitException>(() =>
            Parse("syntax = \"proto3\";\nimport \"lib/deep.proto\";\n", new Dictionary<string, string> { ["lib/deep.proto"] = deep }));

        Assert.Contains("lib/deep.proto", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingJustUnderTheLimit_Succeeds()
    {
        var depth = SchemaLimits.Default.MaxDepth - 1;
        var text = "syntax = \"proto3\";\n" + HostileInputTests.Repeat("message A { string x = 1; ", depth) + new string('}', depth);

        var document = Parse(text);

        Assert.Equal(depth, document.Messages.Count);
    }

    [Fact]
    public void Parse_BracesInCommentsAndStrings_AreNotCounted()
    {
        var text = "syntax = \"proto3\";\n// " + new string('{', 1000) + "\n/* " + new string('{', 1000) + " */\n"
            + "message A { string x = 1 [json_name = \"" + new string('{', 300) + "\"]; }\n";

        var document = Parse(text);

        Assert.Equal(new string('{', 300), document.Messages["A"].Fields[1].JsonName);
    }

    [Fact]
    public void Parse_SyntaxError_NamesFileLineAndColumn()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("syntax = \"proto3\";\nmessage A {\n  string x = 1\n  int32 y = 2;\n}\n", name: "a.proto"));

        Assert.Equal("a.proto", ex.Location?.Source);
        Assert.Equal(4, ex.Location?.Line);
        Assert.Equal(3, ex.Location?.Column);
        Assert.StartsWith("a.proto, line 4, column 3: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorInsideImport_NamesTheImportedFile()
    {
        var imports = new Dictionary<string, string> { ["common/bad.proto"] = "syntax = \"proto3\";\nmessage B { int32 = 1; }\n" };

        var ex = Assert.Throws<SchemaParseException>(() => Parse("syntax = \"proto3\";\nimport \"common/bad.proto\";\n", imports));

        Assert.Equal("common/bad.proto", ex.Location?.Source);
        Assert.Equal(2, ex.Location?.Line);
    }

    [Fact]
    public void Parse_MissingImport_Fails()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Parse("syntax = \"proto3\";\nimport \"x/y.proto\";\n"));

        Assert.Contains("unable to find: 'x/y.proto'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImportEscapingTheRoot_FailsWithParseError()
    {
        Assert.Throws<SchemaParseException>(() => Parse("syntax = \"proto3\";\nimport \"../secret.proto\";\n"));
    }

    [Fact]
    public void Parse_ImportsWithWindowsSeparatorsAndDotPrefix_Resolve()
    {
        var imports = new Dictionary<string, string> { [".\\common\\money.proto"] = "syntax = \"proto3\";\npackage common;\nmessage Money { int64 units = 1; }\n" };

        var document = Parse("syntax = \"proto3\";\nimport \"common/money.proto\";\nmessage A { common.Money m = 1; }\n", imports);

        Assert.Equal("common.Money", document.Messages["A"].Fields[1].TypeName);
        Assert.False(document.Messages["common.Money"].IsLibrary);
    }

    [Fact]
    public void Parse_WellKnownTypes_ResolveWithoutImportsAndAreLibraryTypes()
    {
        var document = Parse("""
            syntax = "proto3";
            import "google/protobuf/timestamp.proto";
            import "google/protobuf/any.proto";
            import "google/protobuf/struct.proto";
            message A {
              google.protobuf.Timestamp at = 1;
              google.protobuf.Any extra = 2;
              google.protobuf.Struct attrs = 3;
            }
            """);

        Assert.Equal("google.protobuf.Timestamp", document.Messages["A"].Fields[1].TypeName);
        Assert.True(document.Messages["google.protobuf.Timestamp"].IsLibrary);
        Assert.True(document.Messages["google.protobuf.Any"].IsLibrary);
    }

    [Fact]
    public void Parse_Fields_KeepNumberJsonNamePresenceOneofAndMap()
    {
        var document = Parse("""
            syntax = "proto3";
            package users.v1;
            message User {
              string user_id = 1;
              optional int32 age = 2 [json_name = "years"];
              oneof contact { string email = 3; string phone = 4; }
              map<string, int64> counters = 5;
              repeated string tags = 6;
            }
            """);
        var fields = document.Messages["users.v1.User"].Fields;

        Assert.Equal("users.v1", document.Package);
        Assert.Equal("proto3", document.Syntax);
        Assert.Equal("userId", fields[1].JsonName);
        Assert.False(fields[1].ExplicitPresence);
        Assert.Equal("years", fields[2].JsonName);
        Assert.True(fields[2].ExplicitPresence);
        Assert.Null(fields[2].Oneof); // proto3 optional's synthetic oneof is not a oneof
        Assert.Equal("contact", fields[3].Oneof);
        Assert.Equal(["contact"], document.Messages["users.v1.User"].Oneofs);
        Assert.Equal(ProtoCardinality.Map, fields[5].Cardinality);
        Assert.Equal("int64", fields[5].MapValue?.Kind);
        Assert.Equal(ProtoCardinality.Repeated, fields[6].Cardinality);
    }

    [Fact]
    public void Parse_Proto2AndEditions_ReadRequiredAndPresence()
    {
        var proto2 = Parse("syntax = \"proto2\";\nmessage A { required string id = 1; optional int32 n = 2; }\nenum E { X = 1; }\n");
        var edition = Parse("edition = \"2023\";\nmessage A { string id = 1 [features.field_presence = LEGACY_REQUIRED]; int32 n = 2 [features.field_presence = IMPLICIT]; }\n");

        Assert.Equal(ProtoCardinality.Required, proto2.Messages["A"].Fields[1].Cardinality);
        Assert.True(proto2.Messages["A"].Fields[2].ExplicitPresence);
        Assert.True(proto2.Enums["E"].Closed);
        Assert.Equal("edition 2023", edition.Syntax);
        Assert.Equal(ProtoCardinality.Required, edition.Messages["A"].Fields[1].Cardinality);
        Assert.False(edition.Messages["A"].Fields[2].ExplicitPresence);
    }

    [Fact]
    public void Parse_FieldAndEnumValueWithOptions_AreKept()
    {
        // The original's regex parser silently dropped these (compatibility.md §4.3).
        var document = Parse("syntax = \"proto3\";\nmessage A { string id = 1 [deprecated = true]; }\nenum E { Z = 0; Y = 1 [deprecated = true]; }\nservice S { rpc Do(.A) returns (.A); }\n");

        Assert.Equal("id", document.Messages["A"].Fields[1].Name);
        Assert.Contains(document.Enums["E"].Values, v => v.Name == "Y");
        Assert.Equal("A", document.Services["S"].Methods[0].InputType);
    }

    [Fact]
    public void Parse_ReservedRanges_AreInclusiveAndMerged()
    {
        var document = Parse("syntax = \"proto3\";\nmessage A { reserved 2, 3, 4 to 6, 10 to max; reserved \"old\"; }\nenum E { Z = 0; reserved 5 to 7; }\n");

        Assert.Equal([new ProtoRange(2, 6), new ProtoRange(10, ProtoRange.MaxFieldNumber)], document.Messages["A"].ReservedRanges);
        Assert.Equal("10 to max", document.Messages["A"].ReservedRanges[1].ToString());
        Assert.Equal(["old"], document.Messages["A"].ReservedNames);
        Assert.Equal([new ProtoRange(5, 7)], document.Enums["E"].ReservedRanges);
    }

    [Fact]
    public void Parse_EmptyText_GivesAnEmptyDocument()
    {
        var document = Parse("");

        Assert.Equal("", document.Package);
        Assert.Empty(document.Services);
        Assert.DoesNotContain(document.Messages.Values, m => !m.IsLibrary);
    }

    [Theory]
    [InlineData("syntax = \"proto3\";\nmessage A {}", "a.txt", 95)]
    [InlineData("// header\nsyntax = 'proto2';\n", null, 95)]
    [InlineData("edition = \"2023\";\n", null, 95)]
    [InlineData("message User {\n  string id = 1;\n}\n", null, 70)]
    [InlineData("service Users {\n}\n", null, 70)]
    [InlineData("{\"type\": \"object\"}", null, 0)]
    [InlineData("type Query { a: Int }", null, 0)]
    public void Detect_Content_ScoresProtoText(string content, string? name, int expected)
    {
        var score = Format.Detect(new SchemaSource(content, name), null);

        Assert.Equal(expected, score);
    }

    [Fact]
    public void Detect_ProtoExtensionThroughTheEngine_ChoosesProtobuf()
    {
        var engine = new SchemaEngine();

        Assert.Equal(SchemaFormat.Protobuf, engine.Detect(new SchemaSource("package a;\n", "x.proto")));
        Assert.Equal(SchemaFormat.Protobuf, engine.Detect(new SchemaSource("syntax = \"proto3\";\nmessage A { string a = 1; }\n", "schema")));
    }
}
using System.Text.Json.Nodes;

using static Tessera.Schemas.Tests.Avro.AvroTestDocuments;

namespace Tessera.Schemas.Tests.Avro;

public sealed class AvroJsonSchemaWriterTests
{
    [Fact]
    public void ToJsonSchema_RecordOfLongAndString_GivesIntegerAndStringBothRequired()
    {
        var schema = JsonSchemaOf(Record("""{"name":"id","type":"long"},{"name":"email","type":"string"}"""));

        Assert.Equal("object", (string?)schema["type"]);
        Assert.Equal("integer", (string?)schema["properties"]!["id"]!["type"]);
        Assert.Equal("string", (string?)schema["properties"]!["email"]!["type"]);
        Assert.Equal(["id", "email"], schema["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void ToJsonSchema_NullableUnionField_GivesAnyOfWithNullFirstAndNotRequired()
    {
        var schema = JsonSchemaOf(Record("""{"name":"id","type":"long"},{"name":"nick","type":["string","null"]}"""));

        var anyOf = schema["properties"]!["nick"]!["anyOf"]!.AsArray();
        Assert.Equal("null", (string?)anyOf[0]!["type"]);
        Assert.Equal("string", (string?)anyOf[1]!["type"]);
        Assert.DoesNotContain("nick", schema["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void ToJsonSchema_IntFieldWithDefault_IsNotRequiredAndKeepsDefaultOnProperty()
    {
        var schema = JsonSchemaOf(Record("""{"name":"age","type":"int","default":30}"""));

        Assert.Null(schema["required"]);
        Assert.Equal(30, (int?)schema["properties"]!["age"]!["default"]);
    }

    [Fact]
    public void ToJsonSchema_NullableFieldWithDefault_PutsDefaultOnThePropertyNextToAnyOf()
    {
        var schema = JsonSchemaOf(Record("""{"name":"nick","type":["null","string"],"default":null}"""));

        var property = schema["properties"]!["nick"]!.AsObject();
        Assert.True(property.ContainsKey("default"));
        Assert.Null(property["default"]);
        Assert.NotNull(property["anyOf"]);
    }

    [Fact]
    public void ToJsonSchema_ComplexTypes_MapAsSpecified()
    {
        var schema = JsonSchemaOf(Record("""
            {"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"}]}},
            {"name":"status","type":{"type":"enum","name":"Status","symbols":["B","A","C"]}},
            {"name":"tags","type":{"type":"array","items":"string"}},
            {"name":"attrs","type":{"type":"map","values":"int"}},
            {"name":"hash","type":{"type":"fixed","name":"Hash","size":16}}
            """));

        var properties = schema["properties"]!;
        var defs = schema["$defs"]!;
        Assert.Equal("#/$defs/com.acme.Address", (string?)properties["home"]!["$ref"]);
        Assert.Equal("object", (string?)defs["com.acme.Address"]!["type"]);
        Assert.Equal("string", (string?)defs["com.acme.Address"]!["properties"]!["street"]!["type"]);
        Assert.Equal(["B", "A", "C"], defs["com.acme.Status"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("string", (string?)properties["tags"]!["items"]!["type"]);
        Assert.Equal("integer", (string?)properties["attrs"]!["additionalProperties"]!["type"]);
        var hash = defs["com.acme.Hash"]!;
        Assert.Equal("base64", (string?)hash["contentEncoding"]);
        Assert.Equal(16, (int?)hash["minLength"]);
        Assert.Equal(16, (int?)hash["maxLength"]);
    }

    [Theory]
    [InlineData("null", "null", null)]
    [InlineData("boolean", "boolean", null)]
    [InlineData("int", "integer", null)]
    [InlineData("long", "integer", null)]
    [InlineData("float", "number", null)]
    [InlineData("double", "number", null)]
    [InlineData("bytes", "string", "base64")]
    [InlineData("string", "string", null)]
    public void ToJsonSchema_Primitive_MapsToJsonTypeAndKeepsAvroType(string avro, string jsonType, string? encoding)
    {
        var property = JsonSchemaOf(Record($$"""{"name":"v","type":"{{avro}}"}"""))["properties"]!["v"]!;

        Assert.Equal(jsonType, (string?)property["type"]);
        Assert.Equal(encoding, (string?)property["contentEncoding"]);
        Assert.Equal(avro, (string?)property["x-avro-type"]);
    }

    [Theory]
    [InlineData("int", "date", "date")]
    [InlineData("int", "time-millis", "time")]
    [InlineData("long", "time-micros", "time")]
    [InlineData("long", "timestamp-millis", "date-time")]
    [InlineData("long", "local-timestamp-micros", "date-time")]
    [InlineData("string", "uuid", "uuid")]
    public void ToJsonSchema_LogicalType_AddsFormat(string physical, string logical, string format)
    {
        var property = JsonSchemaOf(Record($$$"""{"name":"v","type":{"type":"{{{physical}}}","logicalType":"{{{logical}}}"}}"""))["properties"]!["v"]!;

        Assert.Equal(format, (string?)property["format"]);
        Assert.Equal(logical, (string?)property["x-avro-logical-type"]);
        Assert.Equal(physical, (string?)property["x-avro-type"]);
    }

    [Fact]
    public void ToJsonSchema_DecimalOnBytes_GivesDecimalStringWithPrecisionAndScale()
    {
        var property = JsonSchemaOf(Record("""{"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}"""))["properties"]!["price"]!;

        Assert.Equal("string", (string?)property["type"]);
        Assert.Null(property["contentEncoding"]);
        Assert.NotNull(property["pattern"]);
        Assert.Equal(10, (int?)property["x-avro-precision"]);
        Assert.Equal(2, (int?)property["x-avro-scale"]);
    }

    [Fact]
    public void ToJsonSchema_DecimalAndDurationOnFixed_AreApplied()
    {
        var schema = JsonSchemaOf(Record("""
            {"name":"price","type":{"type":"fixed","name":"Money","size":8,"logicalType":"decimal","precision":10,"scale":2}},
            {"name":"span","type":{"type":"fixed","name":"Span","size":12,"logicalType":"duration"}}
            """));

        var money = schema["$defs"]!["com.acme.Money"]!;
        Assert.Equal("string", (string?)money["type"]);
        Assert.Null(money["minLength"]);
        Assert.Equal(10, (int?)money["x-avro-precision"]);
        Assert.Equal("duration", (string?)schema["$defs"]!["com.acme.Span"]!["format"]);
    }

    [Fact]
    public void ToJsonSchema_FieldLevelLogicalType_IsApplied()
    {
        var property = JsonSchemaOf(Record("""{"name":"created","type":"long","logicalType":"timestamp-millis"}"""))["properties"]!["created"]!;

        Assert.Equal("date-time", (string?)property["format"]);
    }

    [Fact]
    public void ToJsonSchema_Docs_BecomeDescriptions()
    {
        var schema = JsonSchemaOf("""{"type":"record","name":"User","doc":"A user.","fields":[{"name":"id","type":"long","doc":"The key."}]}""");

        Assert.Equal("A user.", (string?)schema["description"]);
        Assert.Equal("The key.", (string?)schema["properties"]!["id"]!["description"]);
    }

    [Fact]
    public void ToJsonSchema_NamedTypesReusedByName_AreDefinedOnceAndReferenced()
    {
        var schema = JsonSchemaOf(Record("""
            {"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"}]}},
            {"name":"work","type":"Address"},
            {"name":"status","type":{"type":"enum","name":"Status","symbols":["A"]}},
            {"name":"previous","type":["null","Status"]},
            {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
            {"name":"hashes","type":{"type":"array","items":"com.acme.Hash"}}
            """));

        var properties = schema["properties"]!;
        Assert.Equal("#/$defs/com.acme.Address", (string?)properties["work"]!["$ref"]);
        Assert.Equal("#/$defs/com.acme.Status", (string?)properties["previous"]!["anyOf"]![1]!["$ref"]);
        Assert.Equal("#/$defs/com.acme.Hash", (string?)properties["hashes"]!["items"]!["$ref"]);
        Assert.Equal(["com.acme.Address", "com.acme.Status", "com.acme.Hash"], schema["$defs"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void ToJsonSchema_RecursiveRecord_RefersToTheRoot()
    {
        var schema = JsonSchemaOf("""{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null}]}""");

        Assert.Equal("#", (string?)schema["properties"]!["next"]!["anyOf"]![1]!["$ref"]);
        Assert.Null(schema["$defs"]);
    }

    [Fact]
    public void ToJsonSchema_Aliases_AreKept()
    {
        var schema = JsonSchemaOf("""{"type":"record","name":"User","namespace":"com.acme","aliases":["Member"],"fields":[{"name":"email","type":"string","aliases":["mail"]}]}""");

        Assert.Equal(["com.acme.Member"], schema["x-avro-aliases"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["mail"], schema["properties"]!["email"]!["x-avro-aliases"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void ToJsonSchema_UnionOfSeveralTypes_KeepsBranchOrder()
    {
        var schema = JsonSchemaOf(Record("""{"name":"v","type":["string","null","int"]}"""));

        var types = schema["properties"]!["v"]!["anyOf"]!.AsArray().Select(b => (string?)b!["type"]);
        Assert.Equal(["string", "null", "integer"], types);
    }

    [Fact]
    public void ToJsonSchema_NonRecordTopLevel_IsConvertedDirectly()
    {
        var array = JsonSchemaOf("""{"type":"array","items":"long"}""");
        var enumSchema = JsonSchemaOf("""{"type":"enum","name":"Color","symbols":["RED","GREEN"]}""");

        Assert.Equal("array", (string?)array["type"]);
        Assert.Equal("integer", (string?)array["items"]!["type"]);
        Assert.Equal(["RED", "GREEN"], enumSchema["enum"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void ToJsonSchema_SameDocument_IsDeterministic()
    {
        const string document = """{"type":"record","name":"User","fields":[{"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},{"name":"b","type":"E"}]}""";

        Assert.Equal(JsonSchemaOf(document).ToJsonString(), JsonSchemaOf(document).ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonSchemaOf(document), JsonSchemaOf(document)));
    }
}
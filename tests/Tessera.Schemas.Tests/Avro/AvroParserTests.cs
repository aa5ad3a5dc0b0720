using Tessera.Schemas.Avro;

using static Tessera.Schemas.Tests.Avro.AvroTestDocuments;

namespace Tessera.Schemas.Tests.Avro;

public sealed class AvroParserTests
{
    [Theory]
    [InlineData("""{"type":"record","fields":[]}""", "needs a 'name'", "/")]
    [InlineData("""{"type":"record","name":"User"}""", "needs a 'fields' list", "/")]
    [InlineData("""{"name":"User","fields":[]}""", "Missing 'type'", "/")]
    [InlineData("""{"type":"enum","name":"E"}""", "needs a 'symbols' list", "/")]
    [InlineData("""{"type":"enum","name":"E","symbols":[]}""", "has no symbols", "/symbols")]
    [InlineData("""{"type":"array"}""", "An array needs 'items'", "/")]
    [InlineData("""{"type":"map"}""", "A map needs 'values'", "/")]
    [InlineData("""{"type":"fixed","name":"F"}""", "needs an integer 'size'", "/")]
    [InlineData("""{"type":"fixed","name":"F","size":-1}""", "must be between 0", "/size")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"id"}]}""", "needs a 'type'", "/fields/0")]
    [InlineData("""{"type":"record","name":"User","fields":[{"type":"int"}]}""", "needs a 'name'", "/fields/0")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":[]}]}""", "Empty union", "/fields/0/type")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":["int",["string"]]}]}""", "Nested union", "/fields/0/type/1")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":["int","int"]}]}""", "more than one 'int' branch", "/fields/0/type/1")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":"Address"}]}""", "Unknown Avro type 'Address'", "/fields/0/type")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":"nope"}]}""", "Unknown Avro type 'nope'", "/fields/0/type")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":"int","default":"x"}]}""", "does not match its type 'int'", "/fields/0/default")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":"int","default":3000000000}]}""", "is not a valid int", "/fields/0/default")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":["null","int"],"default":1}]}""", "first branch, 'null'", "/fields/0/default")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":{"type":"array","items":"int"},"default":[1,"a"]}]}""", "does not match", "/fields/0/default")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"1st","type":"int"}]}""", "'1st' is not a valid Avro field name", "/fields/0/name")]
    [InlineData("""{"type":"record","name":"my-user","fields":[]}""", "'my-user' is not a valid Avro type name", "/name")]
    [InlineData("""{"type":"record","name":"int","fields":[]}""", "'int' is a primitive type", "/name")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]}""", "two fields named 'a'", "/fields/1/name")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","A"]}""", "lists the symbol 'A' twice", "/symbols/1")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"],"default":"B"}""", "is not one of its symbols", "/default")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"v","type":"int","order":"up"}]}""", "'order' must be", "/fields/0/order")]
    [InlineData("""[{"type":"enum","name":"E","symbols":["A"]},{"type":"enum","name":"E","symbols":["B"]}]""", "'E' is defined twice", "/1/name")]
    [InlineData("""{"type":"record","name":"U","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","aliases":["a"]}]}""", "repeats another field's name or alias", "/fields/1/aliases")]
    [InlineData("42", "must be a type name, an object or a union array", "/")]
    [InlineData("""{"type":{"no":"type"}}""", "Missing 'type'", "/type")]
    public void Parse_InvalidSchema_ThrowsWithReasonAndPointer(string json, string reason, string pointer)
    {
        var error = Assert.ThrowsAny<SchemaParseException>(() => Parse(json));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(pointer, error.Location?.Pointer);
        Assert.Equal("test.avsc", error.Location?.Source);
    }

    [Theory]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}""", "record")]
    [InlineData("""{"type":"enum","name":"Color","symbols":["RED"]}""", "enum")]
    [InlineData("""{"type":"array","items":"string"}""", "array")]
    [InlineData("""{"type":"map","values":"long"}""", "map")]
    [InlineData("""{"type":"fixed","name":"Hash","size":16}""", "fixed")]
    [InlineData("\"string\"", "string")]
    [InlineData("""["null","string"]""", "union")]
    [InlineData("""{"type":"error","name":"Oops","fields":[]}""", "error")]
    public void Parse_ValidSchema_GivesRootOfThatKind(string json, string kind)
    {
        Assert.Equal(kind, Parse(json).Root.Kind);
    }

    [Fact]
    public void Parse_RecursiveRecord_FieldsReferToTheSameRecord()
    {
        var document = Parse("""{"type":"record","name":"Node","namespace":"com.acme","fields":[{"name":"next","type":["null","Node"],"default":null}]}""");

        var node = Assert.IsType<AvroRecord>(document.Root);
        var next = Assert.IsType<AvroUnion>(node.Fields[0].Type);
        Assert.Same(node, next.Branches[1]);
    }

    [Fact]
    public void Parse_Names_ResolveWithEnclosingNamespaceAndFallBackToTheNullNamespace()
    {
        var document = Parse("""
            ["null",
             {"type":"enum","name":"Global","symbols":["A"]},
             {"type":"record","name":"User","namespace":"com.acme","fields":[
               {"name":"home","type":{"type":"record","name":"Address","fields":[]}},
               {"name":"work","type":"Address"},
               {"name":"other","type":{"type":"record","name":"org.x.Other","fields":[{"name":"back","type":["null","com.acme.Address"]}]}},
               {"name":"global","type":"Global"}]}]
            """);

        Assert.Equal(["Global", "com.acme.User", "com.acme.Address", "org.x.Other"], document.NamedTypes.Select(n => n.FullName));
        var user = (AvroRecord)((AvroUnion)document.Root).Branches[2];
        Assert.Same(user.Fields[0].Type, user.Fields[1].Type);
        Assert.Equal("Global", ((AvroNamedSchema)user.Fields[3].Type).FullName);
    }

    [Fact]
    public void Parse_NamedTypeUsedBeforeItsDefinition_Fails()
    {
        var error = Assert.ThrowsAny<SchemaParseException>(() => Parse(
            """{"type":"record","name":"User","fields":[{"name":"a","type":"E"},{"name":"b","type":{"type":"enum","name":"E","symbols":["X"]}}]}"""));

        Assert.Contains("must be defined before it is used", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Aliases_AreQualifiedWithTheTypesNamespace()
    {
        var document = Parse("""{"type":"record","name":"User","namespace":"com.acme","aliases":["Member","org.old.User"],"fields":[]}""");

        Assert.Equal(["com.acme.Member", "org.old.User"], ((AvroNamedSchema)document.Root).Aliases);
    }

    [Theory]
    [InlineData("""{"type":"string","logicalType":"date"}""")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}""")]
    [InlineData("""{"type":"bytes","logicalType":"decimal"}""")]
    [InlineData("""{"type":"fixed","name":"Tiny","size":1,"logicalType":"decimal","precision":5}""")]
    [InlineData("""{"type":"fixed","name":"Span","size":8,"logicalType":"duration"}""")]
    public void Parse_InvalidLogicalType_IsIgnoredAsTheSpecificationRequires(string json)
    {
        Assert.Null(Parse(json).Root.LogicalType);
    }

    [Fact]
    public void Parse_DecimalWithoutScale_HasScaleZero()
    {
        var logical = Parse("""{"type":"bytes","logicalType":"decimal","precision":9}""").Root.LogicalType;

        Assert.Equal(new AvroLogicalType("decimal", 9, 0), logical);
    }

    [Fact]
    public void Parse_RecordDefault_IsCheckedAgainstTheRecordsFields()
    {
        const string inner = """{"type":"record","name":"P","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0}]}""";

        var ok = Parse($$$"""{"type":"record","name":"R","fields":[{"name":"p","type":{{{inner}}},"default":{"x":1}}]}""");
        var error = Assert.ThrowsAny<SchemaParseException>(() =>
            Parse($$$"""{"type":"record","name":"R","fields":[{"name":"p","type":{{{inner}}},"default":{"y":1}}]}"""));

        Assert.NotNull(ok);
        Assert.Contains("lacks the field 'x'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingDeeperThanMaxDepth_ThrowsLimitError()
    {
        var json = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 20)) + "\"int\"" + new string('}', 20);

        var error = Assert.Throws<SchemaLimitException>(() => Parse(json, new SchemaLimits { MaxDepth = 10 }));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), error.LimitName);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLineAndColumn()
    {
        var error = Assert.ThrowsAny<SchemaParseException>(() => Parse("{\"type\": \"record\",\n \"name\": }"));

        Assert.Equal(2, error.Location?.Line);
    }

    [Fact]
    public void Parse_YamlAvroSchema_IsAccepted()
    {
        var document = (AvroDocument)new SchemaEngine().Parse(
            new SchemaSource("type: record\nname: User\nfields:\n  - name: id\n    type: long\n", "user.yaml"), SchemaFormat.Avro);

        Assert.Equal("User", ((AvroRecord)document.Root).FullName);
    }
}
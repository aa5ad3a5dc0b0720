using System.Text.Json.Nodes;

using Tessera.Schemas.Avro;

namespace Tessera.Schemas.Tests.Avro;

public sealed class AvroFormatTests
{
    [Theory]
    [InlineData("""{"type":"record","name":"User","fields":[]}""")]
    [InlineData("""{"type":"enum","name":"Color","symbols":["RED"]}""")]
    [InlineData("""{"type":"fixed","name":"Hash","size":16}""")]
    [InlineData("""["null",{"type":"record","name":"User","fields":[]}]""")]
    public void Detect_AvroDocumentWithoutExtension_IsAvro(string json)
    {
        Assert.Equal(SchemaFormat.Avro, new SchemaEngine().Detect(new SchemaSource(json, "schema.json")));
    }

    [Fact]
    public void Detect_AvscExtension_IsAvroEvenForAPrimitive()
    {
        Assert.Equal(SchemaFormat.Avro, new SchemaEngine().Detect(new SchemaSource("\"string\"", "name.avsc")));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"id":{"type":"integer"}}}""")]
    [InlineData("""{"type":"string"}""")]
    [InlineData("""{"type":"record","name":"User"}""")]
    [InlineData("""[1,2,3]""")]
    public void Detect_NonAvroOrAmbiguousJson_ScoresZero(string json)
    {
        Assert.Equal(0, new AvroFormat().Detect(new SchemaSource(json, "x.json"), JsonNode.Parse(json)));
    }

    [Fact]
    public void Rules_AreAllAvroAndDocumented()
    {
        var rules = new AvroFormat().Rules;

        Assert.All(rules, r =>
        {
            Assert.Equal(SchemaFormat.Avro, r.Format);
            Assert.Equal("avro." + r.Type, r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
        });
        Assert.Contains(rules, r => r.Id == "avro.unknown" && r.Backward == Severity.Unknown);
    }

    [Fact]
    public void Compare_DocumentOfAnotherFormat_ThrowsParseError()
    {
        var avro = new SchemaEngine().Parse(new SchemaSource("\"int\"", "a.avsc"), SchemaFormat.Avro);

        Assert.ThrowsAny<SchemaParseException>(() => new AvroFormat().Compare(avro, new ForeignDocument(), SchemaLimits.Default));
    }

    private sealed class ForeignDocument() : SchemaDocument(new SchemaSource("{}"))
    {
        public override SchemaFormat Format => SchemaFormat.JsonSchema;
    }
}
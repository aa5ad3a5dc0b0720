using System.Text.Json.Nodes;

using Tessera.Schemas.JsonSchema;

namespace Tessera.Schemas.Tests.JsonSchema;

public sealed class JsonSchemaFormatTests
{
    private static readonly JsonSchemaFormat Format = new();

    private static int Detect(string json) => Format.Detect(new SchemaSource(json, "schema.json"), JsonNode.Parse(json));

    [Fact]
    public void Detect_SchemaKeyword_ScoresHigh()
    {
        Assert.True(Detect("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}""") >= 90);
    }

    [Fact]
    public void Detect_PlainObjectSchema_ScoresModestly()
    {
        var score = Detect("""{"type":"object","properties":{"a":{"type":"string"}}}""");

        Assert.InRange(score, 1, 60);
    }

    [Theory]
    [InlineData("""{"openapi":"3.1.0","info":{},"paths":{},"type":"object"}""")]
    [InlineData("""{"swagger":"2.0","properties":{}}""")]
    [InlineData("""{"__schema":{"types":[]}}""")]
    [InlineData("""{"data":{"__schema":{"types":[]}}}""")]
    [InlineData("""{"nodes":{},"metadata":{"dbt_version":"1.8.0"},"type":"object"}""")]
    [InlineData("""{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}""")]
    [InlineData("""{"name":"nothing schema-like"}""")]
    public void Detect_OtherFormatsOrNoSchemaMarkers_ScoresZero(string json)
    {
        Assert.Equal(0, Detect(json));
    }

    [Fact]
    public void Detect_TextThatIsNotStructured_ScoresZero()
    {
        Assert.Equal(0, Format.Detect(new SchemaSource("syntax = \"proto3\";"), null));
    }

    [Fact]
    public void Engine_DetectsJsonSchemaByContent()
    {
        var engine = new SchemaEngine();

        Assert.Equal(SchemaFormat.JsonSchema, engine.Detect(new SchemaSource("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"string"}""", "a.json")));
    }

    [Fact]
    public void Parse_ArrayRoot_ThrowsNamingTheProblem()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Format.Parse(new SchemaSource("[1, 2]", "s.json"), SchemaLimits.Default));

        Assert.Contains("must be an object or a boolean", ex.Message, StringComparison.Ordinal);
        Assert.Contains("s.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenYaml_ThrowsWithLine()
    {
        var ex = Assert.Throws<SchemaParseException>(() => Format.Parse(new SchemaSource("type: object\nproperties: [a\n", "s.yaml"), SchemaLimits.Default));

        Assert.NotNull(ex.Location?.Line);
    }

    [Fact]
    public void Parse_TooDeep_ThrowsLimitException()
    {
        var json = string.Concat(Enumerable.Repeat("""{"items":""", 40)) + "true" + new string('}', 40);

        var ex = Assert.Throws<SchemaLimitException>(() => Format.Parse(new SchemaSource(json), SchemaLimits.Default with { MaxDepth = 10 }));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void ToJsonSchema_ObjectRoot_IsACopyOfTheDocument()
    {
        var document = Format.Parse(new SchemaSource("""{"type":"object","properties":{"a":{"type":"string"}}}"""), SchemaLimits.Default);

        var view = Format.ToJsonSchema(document);

        Assert.Equal("""{"type":"object","properties":{"a":{"type":"string"}}}""", view.ToJsonString());
        view["type"] = "array";
        Assert.Equal("object", ((JsonSchemaDocument)document).Root["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("true", "{}")]
    [InlineData("false", """{"not":{}}""")]
    public void ToJsonSchema_BooleanRoot_IsNormalised(string text, string expected)
    {
        var document = Format.Parse(new SchemaSource(text, "b.json"), SchemaLimits.Default);

        Assert.Equal(expected, Format.ToJsonSchema(document).ToJsonString());
    }

    [Fact]
    public void Rules_CoverTheSeventeenUpstreamKinds()
    {
        string[] upstream =
        [
            "property_added", "property_removed", "property_renamed", "type_changed", "type_widened", "type_narrowed",
            "required_added", "required_removed", "enum_values_added", "enum_values_removed", "constraint_tightened",
            "constraint_relaxed", "default_added", "default_removed", "default_changed", "nullable_added", "nullable_removed",
        ];

        var types = Format.Rules.Select(r => r.Type).ToHashSet(StringComparer.Ordinal);

        Assert.All(upstream, kind => Assert.Contains(kind, types));
        Assert.Contains("unknown", types);
        Assert.All(Format.Rules, rule => Assert.Equal("jsonschema." + rule.Type, rule.Id));
    }

    [Theory]
    [InlineData("property_added", "minor")]
    [InlineData("enum_values_added", "minor")]
    [InlineData("nullable_added", "minor")]
    [InlineData("default_added", "minor")]
    [InlineData("required_removed", "patch")]
    [InlineData("type_widened", "patch")]
    [InlineData("constraint_relaxed", "patch")]
    [InlineData("default_changed", "patch")]
    public void Rules_LevelsFollowTheUpstreamChangeTypeTable(string type, string level)
    {
        Assert.Equal(level, Format.Rules.Single(r => r.Type == type).Level.ToWire());
    }

    [Fact]
    public void Rules_UpstreamModeSetsAreKeptForData()
    {
        string[] backwardBreaking = ["property_removed", "property_renamed", "type_changed", "type_narrowed", "required_added", "enum_values_removed", "constraint_tightened", "default_removed", "nullable_removed"];
        string[] forwardBreaking = ["property_added", "property_renamed", "type_changed", "type_widened", "required_removed", "enum_values_added", "constraint_relaxed", "default_added", "nullable_added"];

        foreach (var rule in Format.Rules.Where(r => r.Type != "unknown" && r.Type is not ("constraint_changed" or "union_branch_added" or "union_branch_removed")))
        {
            Assert.Equal(backwardBreaking.Contains(rule.Type), rule.Backward == Severity.Breaking);
            Assert.Equal(forwardBreaking.Contains(rule.Type), rule.Forward == Severity.Breaking);
        }
    }
}
using System.Text.Json.Nodes;

using Tessera.Schemas.JsonSchema;

namespace Tessera.Schemas.Tests.JsonSchema;

public sealed class JsonSchemaComparerTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static IReadOnlyList<Finding> Compare(string oldJson, string newJson, ChangeDirection direction = ChangeDirection.Data, string prefix = "") =>
        JsonSchemaComparer.Compare(Parse(oldJson), Parse(newJson), new JsonSchemaCompareOptions { Direction = direction, PathPrefix = prefix });

    private static Finding Single(IReadOnlyList<Finding> findings, string type) => Assert.Single(findings, f => f.Type == type);

    [Fact]
    public void Compare_OutputPropertyRemoved_IsBreakingBothWays()
    {
        var findings = Compare("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}""",
            """{"type":"object","properties":{"a":{"type":"string"}}}""", ChangeDirection.Output);

        var finding = Single(findings, "property_removed");
        Assert.Equal((Severity.Breaking, Severity.Breaking), (finding.Backward, finding.Forward));
        Assert.Equal(ChangeDirection.Output, finding.Direction);
        Assert.Equal("Property 'b' was removed.", finding.Message);
    }

    [Fact]
    public void Compare_OutputPropertyAdded_IsSafe()
    {
        var finding = Single(Compare("""{"type":"object","properties":{"a":{"type":"string"}}}""",
            """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}""", ChangeDirection.Output), "property_added");

        Assert.Equal((Severity.Safe, Severity.Safe), (finding.Backward, finding.Forward));
        Assert.Equal(ChangeType.Minor, finding.Level);
    }

    [Fact]
    public void Compare_OutputRequiredRemoved_BreaksBackward()
    {
        var finding = Single(Compare("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""",
            """{"type":"object","properties":{"a":{"type":"string"}}}""", ChangeDirection.Output), "required_removed");

        Assert.Equal((Severity.Breaking, Severity.Safe), (finding.Backward, finding.Forward));
        Assert.Equal(ChangeType.Major, finding.Level);
    }

    [Fact]
    public void Compare_OutputRequiredAdded_IsSafeUnderBackward()
    {
        var finding = Single(Compare("""{"type":"object","properties":{"a":{"type":"string"}}}""",
            """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", ChangeDirection.Output), "required_added");

        Assert.Equal((Severity.Safe, Severity.Breaking), (finding.Backward, finding.Forward));
    }

    [Fact]
    public void Compare_OutputBecomesNullable_BreaksBackward()
    {
        var finding = Single(Compare("""{"type":"string"}""", """{"type":["string","null"]}""", ChangeDirection.Output), "nullable_added");

        Assert.Equal(Severity.Breaking, finding.Backward);
        Assert.Equal("type", finding.Path);
    }

    [Fact]
    public void Compare_OutputEnumValueAdded_IsDangerousUnderBackward()
    {
        var finding = Single(Compare("""{"enum":["a","b"]}""", """{"enum":["a","b","c"]}""", ChangeDirection.Output), "enum_values_added");

        Assert.Equal((Severity.Dangerous, Severity.Safe), (finding.Backward, finding.Forward));
        Assert.Equal(ChangeType.Minor, finding.Level);
    }

    [Fact]
    public void Compare_OutputTypeNarrowed_IsSafeUnderBackward()
    {
        var finding = Single(Compare("""{"type":"number"}""", """{"type":"integer"}""", ChangeDirection.Output), "type_narrowed");

        Assert.Equal((Severity.Safe, Severity.Breaking), (finding.Backward, finding.Forward));
    }

    [Fact]
    public void Compare_InputOptionalPropertyRemoved_IsDangerous()
    {
        var finding = Single(Compare("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}""",
            """{"type":"object","properties":{"a":{"type":"string"}}}""", ChangeDirection.Input), "property_removed");

        Assert.Equal((Severity.Dangerous, Severity.Safe), (finding.Backward, finding.Forward));
        Assert.Equal(ChangeDirection.Input, finding.Direction);
    }

    [Fact]
    public void Compare_InputOptionalPropertyRemovedFromClosedObject_IsBreaking()
    {
        var finding = Single(Compare("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}""",
            """{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}""", ChangeDirection.Input), "property_removed");

        Assert.Equal(Severity.Breaking, finding.Backward);
    }

    [Fact]
    public void Compare_InputRequiredAdded_BreaksBackwardLikeData()
    {
        var finding = Single(Compare("""{"type":"object","properties":{"a":{"type":"string"}}}""",
            """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""", ChangeDirection.Input), "required_added");

        Assert.Equal((Severity.Breaking, Severity.Safe), (finding.Backward, finding.Forward));
    }

    [Fact]
    public void Compare_PathPrefix_IsJoinedWithDotAndStandsAloneAtRoot()
    {
        var findings = Compare("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"array"}""",
            ChangeDirection.Output, "GET /users response 200 application/json");

        Assert.Contains(findings, f => f.Path == "GET /users response 200 application/json.properties.a" && f.Type == "property_removed");
        Assert.Contains(findings, f => f.Path == "GET /users response 200 application/json.type" && f.Type == "type_changed");
    }

    [Fact]
    public void Compare_RefIntoOpenApiComponents_ResolvesInGivenRoots()
    {
        var oldRoot = Parse("""{"components":{"schemas":{"User":{"type":"object","properties":{"id":{"type":"integer"}}}}}}""");
        var newRoot = Parse("""{"components":{"schemas":{"User":{"type":"object","properties":{"id":{"type":"string"}}}}}}""");
        var schema = Parse("""{"$ref":"#/components/schemas/User"}""");

        var findings = JsonSchemaComparer.Compare(schema, schema.DeepClone(),
            new JsonSchemaCompareOptions { OldRoot = oldRoot, NewRoot = newRoot, PathPrefix = "body" });

        var finding = Assert.Single(findings);
        Assert.Equal(("type_changed", "body.properties.id.type"), (finding.Type, finding.Path));
    }
}
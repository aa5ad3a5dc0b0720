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

    [Fact]
    public void Compare_OutputTypeWidened_BreaksOldClients()
    {
        var finding = Single(Compare("""{"type":"integer"}""", """{"type":"number"}""", ChangeDirection.Output), "type_widened");

        Assert.Equal((Severity.Breaking, Severity.Safe), (finding.Backward, finding.Forward));
    }

    [Fact]
    public void Compare_OutputUnionBranchAdded_BreaksOldClients()
    {
        var finding = Single(Compare("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""",
            """{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"boolean"}]}""", ChangeDirection.Output), "union_branch_added");

        Assert.Equal((Severity.Breaking, Severity.Safe), (finding.Backward, finding.Forward));
        Assert.Equal("oneOf.2", finding.Path);
    }

    [Fact]
    public void Compare_OutputNullableRemoved_IsSafeUnderBackward()
    {
        var finding = Single(Compare("""{"type":["string","null"]}""", """{"type":"string"}""", ChangeDirection.Output), "nullable_removed");

        Assert.Equal((Severity.Safe, Severity.Breaking), (finding.Backward, finding.Forward));
    }

    [Fact]
    public void Compare_InputRequiredPropertyRemoved_StaysBreaking()
    {
        var findings = Compare("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""",
            """{"type":"object","properties":{}}""", ChangeDirection.Input);

        Assert.Equal(Severity.Breaking, Single(findings, "property_removed").Backward);
        Assert.Equal(Severity.Safe, Single(findings, "required_removed").Backward);
    }

    [Fact]
    public void Compare_InputEnumValueRemoved_BreaksOldClients()
    {
        var finding = Single(Compare("""{"enum":["a","b"]}""", """{"enum":["a"]}""", ChangeDirection.Input), "enum_values_removed");

        Assert.Equal((Severity.Breaking, Severity.Safe), (finding.Backward, finding.Forward));
    }

    [Fact]
    public void Compare_RequiredChange_KeepsPathSortsListsAndNamesTheField()
    {
        var findings = Compare("""{"required":["c","a"]}""", """{"required":["b","a","d"]}""");

        var added = findings.Where(f => f.Type == "required_added").ToList();
        Assert.Equal(["Field 'b' became required.", "Field 'd' became required."], added.Select(f => f.Message));
        Assert.All(findings, f => Assert.Equal("required", f.Path));
        Assert.Equal("""["a","c"]""", added[0].OldValue!.ToJsonString());
        Assert.Equal("""["a","b","d"]""", added[0].NewValue!.ToJsonString());
        Assert.Equal("Field 'c' is no longer required.", Single(findings, "required_removed").Message);
    }

    [Fact]
    public void Compare_ManyChanges_ComeInTheSameSortedOrderEveryTime()
    {
        const string oldJson = """{"type":"object","properties":{"z":{"type":"string"},"a":{"type":"integer","maxLength":3},"m":{"enum":[1,2]}},"required":["z","a"]}""";
        const string newJson = """{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"string","maxLength":2},"m":{"enum":[3]}},"required":["b"]}""";

        var first = Compare(oldJson, newJson);
        var second = Compare(oldJson, newJson);

        Assert.Equal(first.Select(f => (f.Path, f.RuleId, f.Message)), second.Select(f => (f.Path, f.RuleId, f.Message)));
        var sorted = first.ToList();
        sorted.Sort(Finding.Order);
        Assert.Equal(sorted, first);
        Assert.True(first.Count >= 8);
    }

    [Fact]
    public void Compare_DeeperThanMaxDepth_GivesUnknownNotSilence()
    {
        static string Nest(int depth, string leaf) =>
            string.Concat(Enumerable.Repeat("""{"type":"object","properties":{"n":""", depth)) + leaf + new string('}', depth * 2);
        var options = new JsonSchemaCompareOptions { Limits = SchemaLimits.Default with { MaxDepth = 5 } };

        var findings = JsonSchemaComparer.Compare(Parse(Nest(10, """{"type":"string"}""")), Parse(Nest(10, """{"type":"integer"}""")), options);

        var finding = Assert.Single(findings);
        Assert.Equal("unknown", finding.Type);
        Assert.Contains("MaxDepth", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Unknown, finding.Backward);
    }

    [Fact]
    public void Compare_DeeperThanMaxDepthButEqual_GivesNothing()
    {
        static string Nest(int depth) =>
            string.Concat(Enumerable.Repeat("""{"type":"object","properties":{"n":""", depth)) + """{"type":"string"}""" + new string('}', depth * 2);
        var options = new JsonSchemaCompareOptions { Limits = SchemaLimits.Default with { MaxDepth = 5 } };

        Assert.Empty(JsonSchemaComparer.Compare(Parse(Nest(10)), Parse(Nest(10)), options));
    }

    [Fact]
    public void Compare_MoreNodePairsThanMaxNodes_ThrowsLimitException()
    {
        var props = string.Join(",", Enumerable.Range(0, 50).Select(i => $"\"p{i}\":{{\"type\":\"string\"}}"));
        var schema = Parse("""{"type":"object","properties":{""" + props + "}}");
        var options = new JsonSchemaCompareOptions { Limits = SchemaLimits.Default with { MaxNodes = 20 } };

        var ex = Assert.Throws<SchemaLimitException>(() => JsonSchemaComparer.Compare(schema, schema.DeepClone(), options));

        Assert.Equal(nameof(SchemaLimits.MaxNodes), ex.LimitName);
    }

    [Fact]
    public void Compare_RefDiamondFortyLevelsDeep_ComparesEachPairOnce()
    {
        // Each level refers to the next one twice: inlining would visit 2^40 nodes; each pair is compared once.
        var defs = new JsonObject();
        for (var i = 0; i < 40; i++)
        {
            var next = $"#/$defs/L{i + 1}";
            defs[$"L{i}"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["a"] = new JsonObject { ["$ref"] = next }, ["b"] = new JsonObject { ["$ref"] = next } },
            };
        }

        defs["L40"] = Parse("""{"type":"string"}""");
        var oldSchema = new JsonObject { ["$defs"] = defs, ["$ref"] = "#/$defs/L0" };
        var unchanged = oldSchema.DeepClone();
        var changed = oldSchema.DeepClone();
        changed["$defs"]!["L40"]!["type"] = "integer";
        var options = new JsonSchemaCompareOptions { Limits = SchemaLimits.Default with { MaxNodes = 1_000 } };

        Assert.Empty(JsonSchemaComparer.Compare(oldSchema, unchanged, options));
        // The one change is reachable by 2^40 paths: it is reported once, where it is first reached.
        var finding = Assert.Single(JsonSchemaComparer.Compare(oldSchema, changed, options));
        Assert.Equal(string.Concat(Enumerable.Repeat("properties.a.", 40)) + "type", finding.Path);
    }

    [Fact]
    public void Compare_RefLoopThroughAllOf_DoesNotRecurseForever()
    {
        var schema = Parse("""{"$defs":{"A":{"allOf":[{"$ref":"#/$defs/A"},{"type":"object","properties":{"x":{"$ref":"#/$defs/A"}}}]}},"$ref":"#/$defs/A"}""");
        var changed = schema.DeepClone();
        changed["$defs"]!["A"]!["allOf"]![1]!["properties"]!["y"] = Parse("""{"type":"string"}""");

        var findings = JsonSchemaComparer.Compare(schema, changed, new JsonSchemaCompareOptions());

        var finding = Assert.Single(findings);
        Assert.Equal(("property_added", "properties.y"), (finding.Type, finding.Path));
    }

    [Fact]
    public void Compare_NullMeansAbsent_AndAbsentOnBothSidesIsNoChange()
    {
        Assert.Empty(JsonSchemaComparer.Compare(null, null, new JsonSchemaCompareOptions()));
        var finding = Assert.Single(JsonSchemaComparer.Compare(null, Parse("""{"type":"string"}"""), new JsonSchemaCompareOptions()));
        Assert.Equal("type_narrowed", finding.Type);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":{"weird":true}}""")]
    [InlineData("""{"properties":[1]}""")]
    [InlineData("""{"allOf":{"not":"an array"}}""")]
    [InlineData("""{"anyOf":7}""")]
    [InlineData("""{"required":"id"}""")]
    [InlineData("""{"$ref":5}""")]
    [InlineData("""{"$ref":"#/%zz"}""")]
    [InlineData("""{"enum":"a"}""")]
    [InlineData("""{"dependentRequired":[1]}""")]
    [InlineData("""{"multipleOf":0}""")]
    public void Compare_OddInput_GivesUnknownInsteadOfThrowing(string odd)
    {
        var findings = JsonSchemaComparer.Compare(Parse("""{"type":"object","multipleOf":2}"""), Parse(odd), new JsonSchemaCompareOptions());

        Assert.Contains(findings, f => f.Type == "unknown" && f.Backward == Severity.Unknown && f.Forward == Severity.Unknown);
    }

    [Fact]
    public void Compare_RefSiblingsCombineWithTarget_TheStricterBoundWins()
    {
        var oldSchema = Parse("""{"$defs":{"E":{"type":"string","maxLength":10}},"properties":{"e":{"$ref":"#/$defs/E","maxLength":20}}}""");
        var newSchema = Parse("""{"$defs":{"E":{"type":"string","maxLength":10}},"properties":{"e":{"$ref":"#/$defs/E"}}}""");

        // maxLength 20 next to the ref cannot loosen the target's 10: nothing changed for data.
        Assert.Empty(JsonSchemaComparer.Compare(oldSchema, newSchema, new JsonSchemaCompareOptions()));
    }

    [Fact]
    public void Compare_SharedRef_IsReportedOnceWhereFirstReached()
    {
        var oldSchema = Parse("""{"$defs":{"M":{"type":"object","properties":{"x":{"type":"string"}}}},"properties":{"b":{"items":{"$ref":"#/$defs/M"}},"a":{"$ref":"#/$defs/M"}}}""");
        var newSchema = Parse("""{"$defs":{"M":{"type":"object","properties":{}}},"properties":{"b":{"items":{"$ref":"#/$defs/M"}},"a":{"$ref":"#/$defs/M"}}}""");

        var findings = JsonSchemaComparer.Compare(oldSchema, newSchema, new JsonSchemaCompareOptions { PathPrefix = "resp" });

        var finding = Assert.Single(findings);
        Assert.Equal("resp.properties.a.properties.x", finding.Path);
    }

    [Fact]
    public void Compare_Messages_AreHumanAndHintsActionable()
    {
        var findings = Compare("""{"properties":{"email":{"type":"string"}}}""", """{"properties":{}}""");

        var finding = Assert.Single(findings);
        Assert.Equal("Property 'email' was removed.", finding.Message);
        Assert.False(string.IsNullOrWhiteSpace(finding.Hint));
    }

    [Fact]
    public void Compare_NeverEmitsPropertyRenamed_ButReportsRemovalAndAddition()
    {
        var findings = Compare("""{"properties":{"user_name":{"type":"string"}}}""", """{"properties":{"username":{"type":"string"}}}""");

        Assert.DoesNotContain(findings, f => f.Type == "property_renamed");
        Assert.Equal(["property_removed", "property_added"], findings.Select(f => f.Type).OrderByDescending(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void Compare_SameNodeInSameDocument_IsShortCut()
    {
        var schema = Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""");

        Assert.Empty(JsonSchemaComparer.Compare(schema, schema, new JsonSchemaCompareOptions()));
    }
}
using System.Text.Json.Nodes;

using Tessera.Schemas.Guarantees;

namespace Tessera.Schemas.Tests.Guarantees;

/// <summary>compatibility.md §7.2 items 30–38, with the fixes of §8.25.</summary>
public sealed class GuaranteeDiffTests
{
    private static JsonObject G(string json) => JsonNode.Parse(json)!.AsObject();

    private static IReadOnlyList<(string Type, string Path, Severity Severity)> Diff(string before, string after, GuaranteeMode mode = GuaranteeMode.Notify) =>
        [.. GuaranteeDiff.Compare(G(before), G(after), mode).Findings.Select(f => (f.Type, f.Path, f.Backward))];

    [Fact]
    public void Compare_IdenticalGuarantees_HasNoChanges()
    {
        const string all = """{"nullability":{"id":"never"},"accepted_values":{"s":["a"]},"freshness":{"warn_after":{"hours":1}},"volume":{"min_rows":1},"custom":[{"name":"x","v":1}]}""";

        Assert.Empty(Diff(all, all));
    }

    [Fact]
    public void Compare_NotNullAddedAndRemoved_InfoThenWarning()
    {
        Assert.Equal([("not_null_added", "nullability.email", Severity.Safe)], Diff("""{"nullability":{}}""", """{"nullability":{"email":"never"}}"""));
        Assert.Equal([("not_null_removed", "nullability.email", Severity.Dangerous)], Diff("""{"nullability":{"email":"never"}}""", """{"nullability":{}}"""));
    }

    [Fact]
    public void Compare_NotNullAdded_ValuesAreTheColumnName()
    {
        var finding = GuaranteeDiff.Compare(G("{}"), G("""{"nullability":{"email":"never"}}""")).Findings.Single();

        Assert.Null(finding.OldValue);
        Assert.Equal("email", finding.NewValue!.GetValue<string>());
        Assert.Equal("guarantees.not_null_added", finding.RuleId);
    }

    [Fact]
    public void Compare_UniquenessAddedAndRemoved_IsReported()
    {
        Assert.Equal([("unique_added", "uniqueness.id", Severity.Safe)], Diff("{}", """{"uniqueness":{"id":true}}"""));
        Assert.Equal([("unique_removed", "uniqueness.id", Severity.Dangerous)], Diff("""{"uniqueness":{"id":true}}""", "{}"));
    }

    [Fact]
    public void Compare_AcceptedValuesExpandedAndContracted_AreReported()
    {
        Assert.Equal([("accepted_values_expanded", "accepted_values.status", Severity.Dangerous)],
            Diff("""{"accepted_values":{"status":["active"]}}""", """{"accepted_values":{"status":["active","pending"]}}"""));
        Assert.Equal([("accepted_values_contracted", "accepted_values.status", Severity.Safe)],
            Diff("""{"accepted_values":{"status":["active","pending"]}}""", """{"accepted_values":{"status":["active"]}}"""));
    }

    [Fact]
    public void Compare_AcceptedValuesSwapped_TwoRecordsContractedFirstAndBreakingInStrict()
    {
        const string before = """{"accepted_values":{"status":["active","pending"]}}""";
        const string after = """{"accepted_values":{"status":["active","archived"]}}""";

        Assert.Equal(
            [("accepted_values_contracted", "accepted_values.status", Severity.Safe), ("accepted_values_expanded", "accepted_values.status", Severity.Dangerous)],
            Diff(before, after));
        Assert.True(GuaranteeDiff.Compare(G(before), G(after), GuaranteeMode.Strict).IsBreaking);
    }

    [Fact]
    public void Compare_AcceptedValuesReordered_IsNoChange() =>
        Assert.Empty(Diff("""{"accepted_values":{"s":["a","b"]}}""", """{"accepted_values":{"s":["b","a"]}}"""));

    [Fact]
    public void Compare_AcceptedValuesScalar_IsAOneValueList() =>
        Assert.Equal([("accepted_values_expanded", "accepted_values.s", Severity.Dangerous)],
            Diff("""{"accepted_values":{"s":"a"}}""", """{"accepted_values":{"s":["a","b"]}}"""));

    [Theory]
    [InlineData("""{"warn_after":{"hours":12}}""", """{"warn_after":{"hours":48}}""", "freshness_relaxed")]
    [InlineData("""{"warn_after":{"hours":48}}""", """{"warn_after":{"hours":12}}""", "freshness_tightened")]
    [InlineData("""{"max_staleness_minutes":120}""", """{"max_staleness_minutes":30}""", "freshness_tightened")]
    [InlineData("""{"max_staleness_minutes":30}""", """{"max_staleness_minutes":120}""", "freshness_relaxed")]
    [InlineData("""{"custom_field":"fast"}""", """{"custom_field":"slow"}""", "freshness_relaxed")]
    [InlineData("""{"warn_after":{"hours":1}}""", """{"warn_after":{"hours":2}}""", "freshness_relaxed")]
    [InlineData("""{"warn_after":{"count":2,"period":"days"}}""", """{"warn_after":{"count":1,"period":"Day"}}""", "freshness_tightened")]
    public void Compare_FreshnessDurations_ExactlyOneRecordOfTheRightKind(string before, string after, string expected)
    {
        var findings = Diff($$"""{"freshness":{{before}}}""", $$"""{"freshness":{{after}}}""");

        Assert.Equal([(expected, "freshness", expected.EndsWith("relaxed", StringComparison.Ordinal) ? Severity.Dangerous : Severity.Safe)], findings);
    }

    [Theory]
    [InlineData("""{"warn_after":{"hours":1}}""", """{"warn_after":{"minutes":60}}""")]
    [InlineData("""{"warn_after":{"days":1}}""", """{"warn_after":{"hours":24}}""")]
    [InlineData("""{"warn_after":{"minutes":2}}""", """{"warn_after":{"seconds":120}}""")]
    [InlineData("""{"max_staleness_minutes":60}""", """{"warn_after":{"hours":1}}""")]
    [InlineData("""{"warn_after":{"hours":1},"measured_by":"a"}""", """{"warn_after":{"hours":1},"measured_by":"b"}""")]
    public void Compare_FreshnessOfEqualDuration_IsNoChange(string before, string after) =>
        Assert.Empty(Diff($$"""{"freshness":{{before}}}""", $$"""{"freshness":{{after}}}"""));

    [Theory]
    [InlineData("""{"error_after":{"hours":1}}""", """{"error_after":{"hours":3}}""", "freshness_relaxed")]
    [InlineData("""{"error_after":{"hours":3}}""", """{"error_after":{"hours":1}}""", "freshness_tightened")]
    [InlineData("""{"warn_after":{"hours":1},"error_after":{"hours":2}}""", """{"warn_after":{"hours":1},"error_after":{"hours":4}}""", "freshness_relaxed")]
    public void Compare_FreshnessErrorAfter_CountsWhenWarnAfterIsMissingOrEqual(string before, string after, string expected) =>
        Assert.Equal(expected, Diff($$"""{"freshness":{{before}}}""", $$"""{"freshness":{{after}}}""").Single().Type);

    [Theory]
    [InlineData("""{"min_rows":50}""", """{"min_rows":100}""", "volume_tightened")]
    [InlineData("""{"min_rows":100}""", """{"min_rows":50}""", "volume_relaxed")]
    [InlineData("""{"max_rows":10000}""", """{"max_rows":5000}""", "volume_tightened")]
    [InlineData("""{"max_rows":5000}""", """{"max_rows":10000}""", "volume_relaxed")]
    [InlineData("""{"min_rows":1}""", """{"min_rows":1,"max_rows":10}""", "volume_tightened")]
    [InlineData("""{"min_rows":1,"max_rows":10}""", """{"min_rows":1}""", "volume_relaxed")]
    [InlineData("""{"min_rows":"many"}""", """{"min_rows":"more"}""", "volume_relaxed")]
    [InlineData("""{"rows_per_day":5}""", """{"rows_per_day":1}""", "volume_relaxed")]
    public void Compare_VolumeBounds_TightenedOrRelaxed(string before, string after, string expected) =>
        Assert.Equal(expected, Diff($$"""{"volume":{{before}}}""", $$"""{"volume":{{after}}}""").Single().Type);

    [Fact]
    public void Compare_VolumeBothBoundsLoosenedAndTightened_TwoRecords() =>
        Assert.Equal(
            [("volume_tightened", "volume.max_rows", Severity.Safe), ("volume_relaxed", "volume.min_rows", Severity.Dangerous)],
            Diff("""{"volume":{"min_rows":100,"max_rows":10000}}""", """{"volume":{"min_rows":50,"max_rows":5000}}"""));

    [Fact]
    public void Compare_RelationshipFromEmpty_IsAdded() =>
        Assert.Equal([("relationship_added", "relationships.user_id", Severity.Safe)],
            Diff("""{"relationships":{}}""", """{"relationships":{"user_id":{"to":"users.id"}}}"""));

    [Fact]
    public void Compare_RelationshipTargetChanged_IsReported() =>
        Assert.Equal([("relationship_changed", "relationships.user_id", Severity.Dangerous)],
            Diff("""{"relationships":{"user_id":{"to":"users.id"}}}""", """{"relationships":{"user_id":{"to":"accounts.id"}}}"""));

    [Fact]
    public void Compare_NullabilityValueChanged_IsReported() =>
        Assert.Equal([("not_null_changed", "nullability.email", Severity.Dangerous)],
            Diff("""{"nullability":{"email":"never"}}""", """{"nullability":{"email":"sometimes"}}"""));

    [Theory]
    [InlineData("""{"freshness":{}}""")]
    [InlineData("""{"freshness":null}""")]
    [InlineData("{}")]
    public void Compare_FreshnessFromEmptyNullOrAbsent_IsAdded(string before) =>
        Assert.Equal([("freshness_added", "freshness", Severity.Safe)], Diff(before, """{"freshness":{"warn_after":{"hours":1}}}"""));

    [Fact]
    public void Compare_ExplicitNullCategories_AreAbsentNotRelaxed()
    {
        const string dumped = """{"freshness":null,"volume":null,"nullability":null,"accepted_values":null}""";

        Assert.Empty(Diff(dumped, "{}"));
        Assert.Equal([("volume_removed", "volume", Severity.Dangerous)], Diff("""{"volume":{"min_rows":1}}""", dumped));
    }

    [Fact]
    public void Compare_ExpressionsAddedRemovedChanged_AreReported() =>
        Assert.Equal(
            [("expression_changed", "expressions.a", Severity.Dangerous), ("expression_removed", "expressions.b", Severity.Dangerous), ("expression_added", "expressions.c", Severity.Safe)],
            Diff("""{"expressions":{"a":"x > 0","b":"y > 0"}}""", """{"expressions":{"a":"x >= 0","c":"z > 0"}}"""));

    [Fact]
    public void Compare_CustomAsMap_AddedRemovedChanged() =>
        Assert.Equal(
            [("custom_guarantee_changed", "custom.a", Severity.Dangerous), ("custom_guarantee_removed", "custom.b", Severity.Dangerous), ("custom_guarantee_added", "custom.c", Severity.Safe)],
            Diff("""{"custom":{"a":1,"b":2}}""", """{"custom":{"a":3,"c":4}}"""));

    [Fact]
    public void Compare_CustomAsList_KeyedByNameElseTypeAndColumn()
    {
        const string before = """{"custom":[{"name":"pii_masked","level":1},{"type":"not_negative","column":"amount"},{"type":"not_negative","column":"qty"}]}""";
        const string after = """{"custom":[{"type":"not_negative","column":"qty"},{"name":"pii_masked","level":2},{"type":"not_negative","column":"price"}]}""";

        Assert.Equal(
            [("custom_guarantee_removed", "custom.not_negative[amount]", Severity.Dangerous), ("custom_guarantee_added", "custom.not_negative[price]", Severity.Safe),
             ("custom_guarantee_changed", "custom.pii_masked", Severity.Dangerous)],
            Diff(before, after));
    }

    [Fact]
    public void Compare_UnknownCategoryChanged_IsReportedNotIgnored() =>
        Assert.Equal([("guarantee_changed", "retention", Severity.Dangerous)], Diff("""{"retention":"30d"}""", """{"retention":"7d"}"""));

    [Fact]
    public void Compare_CategoryOfImpossibleShape_IsAParseErrorNamingIt()
    {
        var ex = Assert.Throws<SchemaParseException>(() => GuaranteeDiff.Compare(G("""{"nullability":5}"""), G("{}")));

        Assert.Contains("nullability", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RemovedNotNullPerMode_BreakingOnlyInStrict()
    {
        var before = G("""{"nullability":{"email":"never"}}""");
        var after = G("{}");

        var notify = GuaranteeDiff.Compare(before, after, GuaranteeMode.Notify);
        var strict = GuaranteeDiff.Compare(before, after, GuaranteeMode.Strict);
        var ignore = GuaranteeDiff.Compare(before, after, GuaranteeMode.Ignore);

        Assert.False(notify.IsBreaking);
        Assert.True(notify.IsCompatible);
        Assert.Empty(notify.Breaking);
        Assert.Equal(1, notify.Warnings);
        Assert.True(strict.IsBreaking);
        Assert.False(strict.IsCompatible);
        Assert.Equal(Severity.Breaking, strict.Breaking.Single().Backward);
        Assert.Equal(ChangeType.Major, strict.Breaking.Single().Level);
        Assert.True(ignore.IsCompatible);
        Assert.Empty(ignore.Findings);
    }

    [Fact]
    public void Compare_TighteningInStrict_StaysSafe()
    {
        var report = GuaranteeDiff.Compare(G("{}"), G("""{"nullability":{"email":"never"}}"""), GuaranteeMode.Strict);

        Assert.False(report.IsBreaking);
        Assert.Equal((0, 1), (report.Warnings, report.Info));
    }

    [Fact]
    public void ContractDiff_SchemaOrGuaranteeChangeAlone_ReportsOnlyThatSide()
    {
        var schemaRule = new Rule("jsonschema.property_added", SchemaFormat.JsonSchema, "property_added", "t", Severity.Safe, Severity.Breaking, ChangeType.Minor, "d", "");
        var schemaChange = new DiffResult(SchemaFormat.JsonSchema, [schemaRule.At("properties.a", "added")]);
        var noSchemaChange = new DiffResult(SchemaFormat.JsonSchema, []);
        var guaranteeChange = GuaranteeDiff.Compare(G("{}"), G("""{"uniqueness":{"id":true}}"""));
        var noGuaranteeChange = GuaranteeDiff.Compare(G("{}"), G("{}"));

        var schemaOnly = new ContractDiff(schemaChange, noGuaranteeChange);
        var guaranteesOnly = new ContractDiff(noSchemaChange, guaranteeChange);
        var both = new ContractDiff(schemaChange, guaranteeChange);

        Assert.True(schemaOnly.Schema.HasChanges);
        Assert.False(schemaOnly.Guarantees.HasChanges);
        Assert.False(guaranteesOnly.Schema.HasChanges);
        Assert.True(guaranteesOnly.Guarantees.HasChanges);
        Assert.True(both.HasChanges);
        Assert.False(new ContractDiff(noSchemaChange, noGuaranteeChange).HasChanges);
    }

    [Fact]
    public void ContractDiff_StrictGuaranteeRelaxation_MakesTheContractIncompatible()
    {
        var noSchemaChange = new DiffResult(SchemaFormat.JsonSchema, []);
        var relaxed = GuaranteeDiff.Compare(G("""{"uniqueness":{"id":true}}"""), G("{}"), GuaranteeMode.Strict);

        Assert.False(new ContractDiff(noSchemaChange, relaxed).IsCompatible(CompatibilityMode.Backward));
        Assert.True(new ContractDiff(noSchemaChange, GuaranteeDiff.Compare(G("""{"uniqueness":{"id":true}}"""), G("{}"))).IsCompatible(CompatibilityMode.Backward));
    }

    [Fact]
    public void GuaranteeRules_All_HavePrefixUniqueIdsAndTheirFindingsUseThem()
    {
        Assert.All(GuaranteeRules.All, r =>
        {
            Assert.StartsWith(GuaranteeRules.Prefix + r.Type, r.Id, StringComparison.Ordinal);
            Assert.Equal(SchemaFormat.JsonSchema, r.Format);
            Assert.Equal(r.Backward, r.Forward);
        });
        Assert.Equal(GuaranteeRules.All.Count, GuaranteeRules.All.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(RuleCatalog.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal), GuaranteeRules.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
    }
}
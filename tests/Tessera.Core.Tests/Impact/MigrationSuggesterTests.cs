using System.Text.Json.Nodes;

using Tessera.Core.Contracts;
using Tessera.Core.Impact;
using Tessera.Schemas;

namespace Tessera.Core.Tests.Impact;

/// <summary>Suggestions built from the engine's real findings (compatibility.md §6 with the path fix of §8.27).</summary>
public sealed class MigrationSuggesterTests
{
    private static readonly SchemaEngine Engine = new();

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static (JsonArray Suggestions, JsonArray Breaking) Suggest(string oldJson, string newJson, CompatibilityMode mode = CompatibilityMode.Backward)
    {
        var diff = Engine.Diff(Load(oldJson), Load(newJson));
        var breaking = FindingWire.ToJson(diff.BlockingFor(mode), mode);
        return (MigrationSuggester.Suggest(Parse(oldJson), Parse(newJson), breaking), breaking);
    }

    private static SchemaDocument Load(string json) => Engine.Parse(new SchemaSource(json, "schema.json"), SchemaFormat.JsonSchema);

    /// <summary>Every suggestion must make the change compatible again under the mode.</summary>
    private static void AssertResolves(string oldJson, JsonObject suggestion, CompatibilityMode mode = CompatibilityMode.Backward) =>
        Assert.True(Engine.Diff(Load(oldJson), Load(suggestion["suggested_schema"]!.ToJsonString())).IsCompatible(mode),
            suggestion["suggested_schema"]!.ToJsonString());

    [Fact]
    public void PropertyRemoved_ReaddedDeprecatedAndStillRequired()
    {
        const string old = """{"type":"object","properties":{"id":{"type":"string"},"email":{"type":"string","description":"Contact"}},"required":["id","email"]}""";
        const string updated = """{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""";
        var (suggestions, _) = Suggest(old, updated);
        var s = Assert.Single(suggestions)!.AsObject();
        Assert.Equal(("deprecate", "high"), ((string?)s["strategy"], (string?)s["confidence"]));
        var email = s["suggested_schema"]!["properties"]!["email"]!;
        Assert.True((bool)email["deprecated"]!);
        Assert.Equal("Deprecated: Contact", (string?)email["description"]);
        Assert.Contains("email", s["suggested_schema"]!["required"]!.AsArray().Select(n => (string?)n));
        AssertResolves(old, s);
    }

    [Fact]
    public void RequiredAdded_MadeOptionalWithDefault()
    {
        const string old = """{"type":"object","properties":{"id":{"type":"string"},"count":{"type":"integer"}},"required":["id"]}""";
        const string updated = """{"type":"object","properties":{"id":{"type":"string"},"count":{"type":"integer"}},"required":["id","count"]}""";
        var (suggestions, breaking) = Suggest(old, updated);
        Assert.Equal("required", (string?)breaking.Single()!["path"]);
        var s = Assert.Single(suggestions)!.AsObject();
        Assert.Equal(("default", "high"), ((string?)s["strategy"], (string?)s["confidence"]));
        Assert.Equal(["id"], s["suggested_schema"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(0, (int)s["suggested_schema"]!["properties"]!["count"]!["default"]!);
        AssertResolves(old, s);
    }

    [Fact]
    public void TypeChanged_KeepsOldFieldAndAddsV2()
    {
        const string old = """{"type":"object","properties":{"score":{"type":"string"}}}""";
        const string updated = """{"type":"object","properties":{"score":{"type":"integer"}}}""";
        var (suggestions, breaking) = Suggest(old, updated);
        Assert.Equal("properties.score.type", (string?)breaking.Single()!["path"]);
        var s = Assert.Single(suggestions)!.AsObject();
        Assert.Equal(("additive", "medium"), ((string?)s["strategy"], (string?)s["confidence"]));
        Assert.Equal("string", (string?)s["suggested_schema"]!["properties"]!["score"]!["type"]);
        Assert.Equal("integer", (string?)s["suggested_schema"]!["properties"]!["score_v2"]!["type"]);
        AssertResolves(old, s);
    }

    [Fact]
    public void EnumValueRemoved_ComesBackAsDeprecated()
    {
        const string old = """{"type":"object","properties":{"status":{"type":"string","enum":["new","pending","done"]}}}""";
        const string updated = """{"type":"object","properties":{"status":{"type":"string","enum":["new","done"]}}}""";
        var (suggestions, _) = Suggest(old, updated);
        var s = Assert.Single(suggestions)!.AsObject();
        var status = s["suggested_schema"]!["properties"]!["status"]!;
        Assert.Contains("pending", status["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("Deprecated", (string?)status["description"], StringComparison.Ordinal);
        AssertResolves(old, s);
    }

    [Fact]
    public void ConstraintTightened_OnlyThatKeywordRestored()
    {
        const string old = """{"type":"object","properties":{"name":{"type":"string","maxLength":100,"minLength":5}}}""";
        const string updated = """{"type":"object","properties":{"name":{"type":"string","maxLength":50,"minLength":3,"pattern":"^[a-z]+$"}}}""";
        var (suggestions, _) = Suggest(old, updated);
        var s = suggestions[0]!.AsObject();
        var name = s["suggested_schema"]!["properties"]!["name"]!.AsObject();
        Assert.Equal(100, (int)name["maxLength"]!);
        Assert.Equal(3, (int)name["minLength"]!);
        Assert.False(name.ContainsKey("pattern"));
        Assert.Equal("keep_constraint", (string?)s["strategy"]);
        AssertResolves(old, s);
    }

    [Fact]
    public void SeveralChanges_ComposedMixed_OverlappingOnesStandAlone()
    {
        const string old = """{"type":"object","properties":{"id":{"type":"string"},"email":{"type":"string"},"score":{"type":"string","maxLength":10}},"required":["id"]}""";
        const string updated = """{"type":"object","properties":{"id":{"type":"string"},"score":{"type":"integer","maximum":5}},"required":["id","score"]}""";
        var (suggestions, _) = Suggest(old, updated);
        var first = suggestions[0]!.AsObject();
        Assert.Equal("mixed", (string?)first["strategy"]);
        Assert.Equal("medium", (string?)first["confidence"]);
        Assert.True(first["changes_made"]!.AsArray().Count >= 2);
        Assert.True(suggestions.Count >= 2);
    }

    [Fact]
    public void NothingBreaking_NoSuggestions_InputsUntouched()
    {
        const string old = """{"type":"object","properties":{"id":{"type":"string"}}}""";
        const string updated = """{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}}""";
        var oldNode = Parse(old);
        var newNode = Parse(updated);
        Assert.Empty(MigrationSuggester.Suggest(oldNode, newNode, []));
        var (removed, breaking) = Suggest(updated, old);
        Assert.NotEmpty(removed);
        MigrationSuggester.Suggest(newNode, oldNode, breaking);
        Assert.Equal(Parse(updated).ToJsonString(), newNode.ToJsonString());
        Assert.Equal(Parse(old).ToJsonString(), oldNode.ToJsonString());
    }
}
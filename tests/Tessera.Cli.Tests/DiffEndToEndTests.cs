using System.Text.Json.Nodes;

using Tessera.Schemas;

namespace Tessera.Cli.Tests;

/// <summary><c>tessera diff</c> on real files of the formats the engine implements, through the real command tree.</summary>
public sealed class DiffEndToEndTests : IDisposable
{
    private const string Base = """{"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}, "required": ["id"]}""";
    private const string NameRemoved = """{"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}""";
    private const string NickAdded = """{"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "nick": {"type": "string"}}, "required": ["id"]}""";

    private const string AvroOld = """{"type": "record", "name": "User", "namespace": "com.acme", "fields": [{"name": "id", "type": "long"}]}""";
    private const string AvroNew = """{"type": "record", "name": "User", "namespace": "com.acme", "fields": [{"name": "id", "type": "long"}, {"name": "email", "type": "string"}]}""";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Diff_CompatibleChange_ExitsZeroWithTextVerdict()
    {
        var (exit, output, err) = Run(Base, NickAdded);

        Assert.Equal(ExitCodes.Compatible, exit);
        Assert.Equal("", err);
        Assert.Contains("compatible under backward (jsonschema): 0 breaking, 0 dangerous, 1 safe; change type minor.", output, StringComparison.Ordinal);
        Assert.Contains("  safe       properties.nick: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_BreakingChange_ExitsOneWithGroupedTextAndHint()
    {
        var (exit, output, _) = Run(Base, NameRemoved);

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Contains("\n(root)\n  BREAKING   properties.name: ", output, StringComparison.Ordinal);
        Assert.Contains("[jsonschema.property_removed]", output, StringComparison.Ordinal);
        Assert.Contains("hint: ", output, StringComparison.Ordinal);
        Assert.EndsWith("BREAKING under backward (jsonschema): 1 breaking, 0 dangerous, 0 safe; change type major.\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", ExitCodes.Compatible)]
    [InlineData("backward", ExitCodes.Breaking)]
    [InlineData("full_transitive", ExitCodes.Breaking)]
    public void Diff_BreakingChangeUnderMode_ExitCodeFollowsTheMode(string mode, int expected) =>
        Assert.Equal(expected, Run(Base, NameRemoved, "--mode", mode).ExitCode);

    [Theory]
    [InlineData("backward", ExitCodes.Compatible)]
    [InlineData("forward", ExitCodes.Breaking)]
    [InlineData("full", ExitCodes.Breaking)]
    [InlineData("backward_transitive", ExitCodes.Compatible)]
    [InlineData("forward_transitive", ExitCodes.Breaking)]
    public void Diff_AddedPropertyUnderMode_ExitCodeFollowsTheDirection(string mode, int expected)
    {
        // An added property is fine for new readers of old data but not for old readers of new data
        // when the old schema was closed to extra properties.
        const string closed = """{"type": "object", "properties": {"id": {"type": "integer"}}, "additionalProperties": false}""";
        const string added = """{"type": "object", "properties": {"id": {"type": "integer"}, "x": {"type": "string"}}, "additionalProperties": false}""";

        var (exit, output, _) = Run(closed, added, "--mode", mode, "--output", "json");

        Assert.Equal(expected, exit);
        Assert.Equal(mode, JsonNode.Parse(output)!["mode"]!.GetValue<string>());
    }

    [Fact]
    public void Diff_JsonOutput_IsTheStableShape()
    {
        var (exit, output, _) = Run(Base, NameRemoved, "--output", "json");

        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Equal(["format", "mode", "compatible", "change_type", "summary", "findings"], json.Select(p => p.Key));
        Assert.Equal("jsonschema", json["format"]!.GetValue<string>());
        Assert.False(json["compatible"]!.GetValue<bool>());
        Assert.Equal("major", json["change_type"]!.GetValue<string>());
        Assert.Equal(1, json["summary"]!["breaking"]!.GetValue<int>());
        var finding = json["findings"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["rule_id", "type", "path", "direction", "severity", "backward", "forward", "level", "old_value", "new_value", "message", "hint"],
            finding.Select(p => p.Key));
        Assert.Equal("jsonschema.property_removed", finding["rule_id"]!.GetValue<string>());
        Assert.Equal("breaking", finding["severity"]!.GetValue<string>());
    }

    [Fact]
    public void Diff_MarkdownOutput_HasVerdictHeadingAndTable()
    {
        var (exit, output, _) = Run(Base, NameRemoved, "--output", "markdown");

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.StartsWith("### :x: Tessera: breaking changes\n", output, StringComparison.Ordinal);
        Assert.Contains("| :x: **breaking** | `properties.name` |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_GitHubOutput_AnnotatesTheNewFile()
    {
        var (exit, output, _) = Run(Base, NameRemoved, "--output", "github");
        var newFile = Path.Combine(_files.Root, "new.json");

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.StartsWith($"::error file={newFile.Replace(":", "%3A", StringComparison.Ordinal)},title=jsonschema.property_removed::properties.name: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_AutoFormat_DetectsAvroFromContent()
    {
        var (exit, output, _) = Run(AvroOld, AvroNew, "--output", "json");

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Equal("avro", JsonNode.Parse(output)!["format"]!.GetValue<string>());
        Assert.Equal("avro.field_added_without_default", JsonNode.Parse(output)!["findings"]![0]!["rule_id"]!.GetValue<string>());
    }

    [Fact]
    public void Diff_AutoFormat_DetectsJsonSchemaInYaml()
    {
        var oldFile = _files.Write("old.yaml", "type: object\nproperties:\n  id: {type: integer}\n  name: {type: string}\n");
        var newFile = _files.Write("new.yaml", "type: object\nproperties:\n  id: {type: integer}\n");

        var (exit, output, _) = CliRunner.Run("diff", oldFile, newFile, "--output", "json");

        Assert.Equal(ExitCodes.Breaking, exit);
        Assert.Equal("jsonschema", JsonNode.Parse(output)!["format"]!.GetValue<string>());
    }

    [Fact]
    public void Diff_FilesOfDifferentFormats_ExitsTwoAskingForFormat()
    {
        var (exit, output, err) = Run(AvroOld, Base);

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Equal("", output);
        Assert.Contains("--format", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ExplicitFormat_OverridesDetection()
    {
        var (exit, output, _) = Run(Base, Base, "--format", "jsonschema", "--output", "json");

        Assert.Equal(ExitCodes.Compatible, exit);
        Assert.Empty(JsonNode.Parse(output)!["findings"]!.AsArray());
    }

    [Fact]
    public void Diff_BrokenAvro_ExitsTwoNamingTheFile()
    {
        var (exit, _, err) = Run(AvroOld, """{"type": "record", "name": "User", "fields": [{"name": "id"}]}""", "--format", "avro");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("new.json", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_DocumentOverALimit_ExitsTwoNamingTheLimit()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + string.Concat(Enumerable.Repeat("}", 100_000));

        var (exit, _, err) = Run(Base, deep, "--format", "jsonschema");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("MaxDepth", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_EveryMode_IsAccepted()
    {
        foreach (var mode in CompatibilityModes.All)
        {
            var (exit, output, err) = Run(Base, Base, "--mode", mode.ToWire(), "--output", "json");

            Assert.True(exit == ExitCodes.Compatible, $"{mode.ToWire()}: exit {exit}, {err}");
            Assert.Equal(mode.ToWire(), JsonNode.Parse(output)!["mode"]!.GetValue<string>());
        }
    }

    private (int ExitCode, string Out, string Err) Run(string oldText, string newText, params string[] options)
    {
        var oldFile = _files.Write("old.json", oldText);
        var newFile = _files.Write("new.json", newText);
        return CliRunner.Run(["diff", oldFile, newFile, .. options]);
    }
}
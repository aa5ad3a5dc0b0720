using Tessera.Cli.Reports;
using Tessera.Schemas;

namespace Tessera.Cli.Tests;

public sealed class OutputFormatTests
{
    private static readonly DiffReport Mixed = Findings.Report(
        CompatibilityMode.Backward,
        Findings.At("properties.email", "property_removed", Severity.Breaking, hint: "Deprecate it first."),
        Findings.At("properties.status.enum", "enum_expanded", Severity.Dangerous, hint: "Tell consumers."),
        Findings.At("properties.nick", "property_added", Severity.Safe, hint: "Nothing to do."));

    [Fact]
    public void TextRender_MixedFindings_GroupsMarksHintsAndEndsWithVerdict()
    {
        var text = TextReport.Render(Mixed, colour: false);
        var lines = text.Split('\n');

        Assert.Contains(FindingGroups.Root, lines);
        Assert.Contains("properties.status", lines);
        Assert.Contains(lines, l => l.StartsWith("  BREAKING ", StringComparison.Ordinal) && l.Contains("properties.email: property_removed", StringComparison.Ordinal)
            && l.Contains("[jsonschema.property_removed]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  DANGEROUS", StringComparison.Ordinal) && l.Contains("enum:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  safe", StringComparison.Ordinal) && l.Contains("properties.nick", StringComparison.Ordinal));
        Assert.Contains("hint: Deprecate it first.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hint: Nothing to do.", text, StringComparison.Ordinal);
        Assert.Equal("BREAKING under backward (jsonschema): 1 breaking, 1 dangerous, 1 safe; change type major.", lines[^2]);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void TextRender_Colour_PaintsMarkersWithAnsiCodes()
    {
        var text = TextReport.Render(Mixed, colour: true);

        Assert.Contains("\u001b[1m\u001b[31mBREAKING ", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[33mDANGEROUS", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(true, "1", false)]
    [InlineData(false, null, false)]
    public void ShouldColour_TerminalAndNoColor_ColoursOnlyATerminalWithoutNoColor(bool terminal, string? noColor, bool expected) =>
        Assert.Equal(expected, TextReport.ShouldColour(terminal, noColor));

    [Fact]
    public void TextRender_NoFindings_SaysNoChanges()
    {
        var text = TextReport.Render(Findings.Report(CompatibilityMode.Full), colour: false);

        Assert.Contains("no changes under full (jsonschema): 0 breaking, 0 dangerous, 0 safe; change type patch.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TextRender_UnknownFinding_IsMarkedAndCounted()
    {
        var text = TextReport.Render(Findings.Report(CompatibilityMode.Backward, Findings.At("x.y", "unsupported", Severity.Unknown)), colour: false);

        Assert.Contains("  UNKNOWN  ", text, StringComparison.Ordinal);
        Assert.Contains("0 breaking, 1 unknown, 0 dangerous, 0 safe", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownRender_MixedFindings_HeadingCountsAndOneTablePerGroup()
    {
        var markdown = MarkdownReport.Render(Mixed);

        Assert.StartsWith("### :x: Tessera: breaking changes\n", markdown, StringComparison.Ordinal);
        Assert.Contains("**1 breaking**, 1 dangerous, 1 safe", markdown, StringComparison.Ordinal);
        Assert.Contains("#### `(root)`", markdown, StringComparison.Ordinal);
        Assert.Contains("#### `properties.status`", markdown, StringComparison.Ordinal);
        Assert.Contains("| :x: **breaking** | `properties.email` | property_removed at properties.email<br>*Hint:* Deprecate it first. | `jsonschema.property_removed` |", markdown, StringComparison.Ordinal);
        Assert.Equal(2, markdown.Split('\n').Count(l => l == "| severity | where | change | rule |"));
    }

    [Fact]
    public void MarkdownRender_MessageWithPipeAndNewline_StaysInItsCell()
    {
        var markdown = MarkdownReport.Render(Findings.Report(CompatibilityMode.Backward,
            Findings.At("a.b", "changed", Severity.Safe, message: "was a|b\nnow <c>")));

        Assert.Contains("| was a\\|b now &lt;c> |", markdown, StringComparison.Ordinal);
        Assert.StartsWith("### :white_check_mark: Tessera: compatible", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubRender_EachSeverity_MapsToItsWorkflowCommand()
    {
        var lines = GitHubAnnotations.Render(Mixed).TrimEnd('\n').Split('\n');

        Assert.Equal(
        [
            "::error file=new.json,title=jsonschema.property_removed::properties.email: property_removed at properties.email",
            "::notice file=new.json,title=jsonschema.property_added::properties.nick: property_added at properties.nick",
            "::warning file=new.json,title=jsonschema.enum_expanded::properties.status.enum: enum_expanded at properties.status.enum",
            "BREAKING under backward (jsonschema): 1 breaking, 1 dangerous, 1 safe; change type major.",
        ], lines);
    }

    [Fact]
    public void GitHubRender_UnknownFinding_IsAnError()
    {
        var text = GitHubAnnotations.Render(Findings.Report(CompatibilityMode.Backward, Findings.At("x", "unsupported", Severity.Unknown)));

        Assert.StartsWith("::error file=new.json,title=jsonschema.unsupported::x: ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100% a\nb", "100%25 a%0Ab")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    public void GitHubData_SpecialCharacters_AreEscaped(string text, string expected) =>
        Assert.Equal(expected, GitHubAnnotations.Data(text));

    [Fact]
    public void GitHubProperty_ColonAndComma_AreEscaped() =>
        Assert.Equal("C%3A/x%2Cy.json", GitHubAnnotations.Property("C:/x,y.json"));
}
using System.Text;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.Tests;

/// <summary>
/// Hostile and broken JSON/YAML through <see cref="StructuredText"/>: every input ends in a
/// <see cref="SchemaParseException"/> (or its <see cref="SchemaLimitException"/>) naming the limit or the place,
/// never in a crash. The inputs are large enough that an unbounded parser would overflow its stack or memory.
/// </summary>
public sealed class HostileInputTests
{
    private const int Deep = 100_000;

    private static readonly SchemaLimits Limits = SchemaLimits.Default;

    public static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    [Fact]
    public void Parse_JsonArrays100000Deep_StopsAtMaxDepth()
    {
        var text = Repeat("[", Deep) + Repeat("]", Deep);

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "deep.json"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
        Assert.Contains("MaxDepth = 256", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deep.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonObjects100000Deep_StopsAtMaxDepth()
    {
        var text = Repeat("{\"a\":", Deep) + "1" + Repeat("}", Deep);

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "deep.json"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_YamlFlowSequences100000Deep_StopsAtMaxDepthWithLine()
    {
        var text = "root: " + Repeat("[", Deep) + Repeat("]", Deep) + "\n";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "deep.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
        Assert.Equal(1, ex.Location?.Line);
    }

    [Fact]
    public void Parse_YamlFlowMappings100000Deep_StopsAtMaxDepth()
    {
        var text = "root: " + Repeat("{a: ", Deep) + "1" + Repeat("}", Deep) + "\n";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "deep.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_YamlBlockSequences100000Deep_StopsAtMaxDepth()
    {
        var text = Repeat("- ", Deep) + "x\n";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "deep.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_YamlBlockMappingsDeeperThanTheLimit_StopsAtMaxDepth()
    {
        // Block mappings need one more indentation per level, so the text grows with the square of the depth;
        // a little past the limit is enough to prove it holds.
        var sb = new StringBuilder();
        for (var i = 0; i < Limits.MaxDepth + 10; i++)
        {
            sb.Append(' ', i).Append("k:\n");
        }

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(sb.ToString(), Limits, "deep.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_BillionLaughsAliasBomb_StopsAtMaxNodes()
    {
        var sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            sb.Append($"a{level}: &a{level} [").AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 10)).Append("]\n");
        }

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(sb.ToString(), Limits, "bomb.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxNodes), ex.LimitName);
        Assert.Contains("bomb.yaml", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Location?.Line);
    }

    [Fact]
    public void Parse_MoreAliasesThanTheLimit_StopsAtMaxYamlAliases()
    {
        var text = "a: &x 1\nb: [" + string.Join(", ", Enumerable.Repeat("*x", Limits.MaxYamlAliases + 1)) + "]\n";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "aliases.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxYamlAliases), ex.LimitName);
    }

    [Fact]
    public void Parse_50MegabyteJson_StopsAtMaxInputChars()
    {
        var text = "[" + Repeat("12345678,", 50 * 1024 * 1024 / 9) + "0]";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "huge.json"));

        Assert.Equal(nameof(SchemaLimits.MaxInputChars), ex.LimitName);
        Assert.Contains("huge.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyNodesWithinTheSizeLimit_StopsAtMaxNodes()
    {
        var text = "[" + Repeat("[],", Limits.MaxNodes) + "[]]";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse(text, Limits, "wide.json"));

        Assert.Equal(nameof(SchemaLimits.MaxNodes), ex.LimitName);
    }

    [Fact]
    public void Parse_TooManyYamlNodesWithinTheSizeLimit_StopsAtMaxNodes()
    {
        var text = "[" + Repeat("a,", Limits.MaxNodes) + "a]";

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse("x: " + text, Limits, "wide.yaml"));

        Assert.Equal(nameof(SchemaLimits.MaxNodes), ex.LimitName);
    }

    [Fact]
    public void Parse_LimitsAreOptions_ASmallerLimitIsHonoured()
    {
        var limits = SchemaLimits.Default with { MaxDepth = 3 };

        var ex = Assert.Throws<SchemaLimitException>(() => StructuredText.Parse("[[[[1]]]]", limits, "x.json"));

        Assert.Contains("MaxDepth = 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, StructuredText.Parse("[[[4]]]", limits, "x.json")[0]![0]![0]!.GetValue<int>());
    }

    [Fact]
    public void Parse_JsonDuplicateKey_IsAParseError()
    {
        var ex = Assert.Throws<SchemaParseException>(() => StructuredText.Parse("{\n  \"a\": 1,\n  \"a\": 2\n}", Limits, "dup.json"));

        Assert.Contains("dup.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlDuplicateKey_IsAParseErrorWithLine()
    {
        var ex = Assert.Throws<SchemaParseException>(() => StructuredText.Parse("a: 1\nb: 2\na: 3\n", Limits, "dup.yaml"));

        Assert.Contains("Duplicate key 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Location?.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Parse_EmptyDocument_SaysSo(string text)
    {
        var ex = Assert.Throws<SchemaParseException>(() => StructuredText.Parse(text, Limits, "empty.yaml"));

        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"a\": [1, 2,,]}", 1)]
    [InlineData("{\"a\": \"unterminated\n}", 1)]
    [InlineData("{\n\"a\": tru\n}", 2)]
    [InlineData("[1, 2\n", 2)]
    [InlineData("{\"a\": 1} trailing", 1)]
    [InlineData("{\"a\": \"\u0001\"}", 1)]
    public void Parse_BrokenJson_NamesLineAndColumn(string text, int line)
    {
        var ex = Assert.Throws<SchemaParseException>(() => StructuredText.Parse(text, Limits, "broken.json"));

        Assert.StartsWith("broken.json, line ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Location?.Line);
        Assert.NotNull(ex.Location?.Column);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n")]
    [InlineData("a: 'unterminated\n")]
    [InlineData("a:\n  - 1\n b: 2\n")]
    [InlineData("a: *nowhere\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("? [complex, key]\n: value\n")]
    [InlineData("a: \u0000\u0001\u0002\n")]
    public void Parse_BrokenYaml_NamesTheLine(string text)
    {
        var ex = Assert.Throws<SchemaParseException>(() => StructuredText.Parse(text, Limits, "broken.yaml"));

        Assert.StartsWith("broken.yaml, line ", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Location?.Line);
    }

    [Fact]
    public void Parse_YamlWithLoneSurrogate_NamesLineAndColumn()
    {
        var text = "a: b\nc: " + '\ud800' + "x\n";

        var ex = Assert.Throws<SchemaParseException>(() => StructuredText.Parse(text, Limits, "bad.yaml"));

        Assert.Equal((2, 4), (ex.Location?.Line, ex.Location?.Column));
    }

    [Fact]
    public void Parse_BinaryGarbage_IsAParseErrorNotACrash()
    {
        // Bytes that are not UTF-8, decoded the way File.ReadAllText decodes them (replacement characters),
        // mixed with control characters that neither JSON nor YAML allows.
        var random = new Random(20261125);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        bytes[0] = (byte)'{';
        var text = Encoding.UTF8.GetString(bytes);

        var ex = Assert.ThrowsAny<SchemaParseException>(() => StructuredText.Parse(text, Limits, "garbage.bin"));

        Assert.Contains("garbage.bin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlGarbageWithControlCharacters_IsAParseError()
    {
        var random = new Random(7);
        var bytes = new byte[16 * 1024];
        random.NextBytes(bytes);
        bytes[0] = (byte)'a';
        bytes[1] = (byte)':';
        bytes[2] = (byte)' ';
        var text = Encoding.UTF8.GetString(bytes);

        var ex = Assert.ThrowsAny<SchemaParseException>(() => StructuredText.Parse(text, Limits, "garbage.yaml"));

        Assert.Contains("garbage.yaml", ex.Message, StringComparison.Ordinal);
    }
}
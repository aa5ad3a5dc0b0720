using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using YamlDotNet.Serialization;

namespace Tessera.Schemas.Tests;

/// <summary>
/// Properties over every golden case: the verdict does not depend on how a document is written. JSON/YAML
/// documents keep their findings when object keys are reordered and when converted JSON ↔ YAML; GraphQL SDL
/// and .proto files keep them when comments and blank lines are added. (diff(x, x) = ∅ is in
/// <see cref="GoldenCaseTests"/>.)
/// </summary>
public sealed class PropertyTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenCaseTests.Cases().Select(row => row.Data))
        {
            var expected = Path.Combine(GoldenCaseTests.TestDataRoot, name, "expected.json");
            if (File.Exists(expected) && JsonNode.Parse(File.ReadAllText(expected))?["error"] is null)
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Findings_ObjectKeysReordered_AreUnchanged(string caseName)
    {
        var (dir, format) = Locate(caseName);
        var baseline = Findings(dir, format, text => text);

        var shuffled = Findings(dir, format, (text, side) => IsStructured(side)
            ? Shuffle(ParseAny(text, side), new Random(caseName.Length * 31 + side.Length)).ToJsonString(Indented)
            : text);

        Assert.Equal(baseline, shuffled);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Findings_ConvertedBetweenJsonAndYaml_AreUnchanged(string caseName)
    {
        var (dir, format) = Locate(caseName);
        var baseline = Findings(dir, format, text => text);

        var converted = Findings(dir, format, (text, side) =>
        {
            if (!IsStructured(side))
            {
                return text;
            }

            var node = ParseAny(text, side);
            return side.EndsWith(".yaml", StringComparison.Ordinal) || side.EndsWith(".yml", StringComparison.Ordinal)
                ? node.ToJsonString(Indented)
                : ToYaml(node);
        }, renameStructured: true);

        Assert.Equal(baseline, converted);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Findings_CommentsAndBlankLinesAdded_AreUnchanged(string caseName)
    {
        var (dir, format) = Locate(caseName);
        var baseline = Findings(dir, format, text => text);

        var commented = Findings(dir, format, (text, side) => Path.GetExtension(side) switch
        {
            ".graphql" or ".gql" or ".graphqls" => AddComments(text, "#", blockStringDelimiter: "\"\"\""),
            ".proto" => AddComments(text, "//", blockStringDelimiter: null),
            _ => text,
        });

        Assert.Equal(baseline, commented);
    }

    [Fact]
    public void Shuffle_ObjectWithManyKeys_ChangesTheOrderButNotTheContent()
    {
        var node = JsonNode.Parse("""{"a":1,"b":2,"c":3,"d":4,"e":{"x":1,"y":2,"z":3},"f":[{"p":1,"q":2}]}""")!;

        var shuffled = Shuffle(node, new Random(1));

        Assert.NotEqual(node.ToJsonString(), shuffled.ToJsonString());
        Assert.True(JsonNode.DeepEquals(node, shuffled));
    }

    [Fact]
    public void ToYaml_TypedScalars_RoundTripWithTheirTypes()
    {
        var node = JsonNode.Parse("""{"s":"123","t":"true","n":null,"i":5,"d":1.5,"b":false,"e":"","l":["null","~",1]}""")!;

        var back = Tessera.Schemas.Text.StructuredText.Parse(ToYaml(node), SchemaLimits.Default, "x.yaml");

        Assert.True(JsonNode.DeepEquals(node, back), ToYaml(node));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, MaxDepth = 1024 };

    private static (string Dir, SchemaFormat Format) Locate(string caseName)
    {
        return SchemaFormats.TryParse(caseName.Split('/')[0], out var format)
            ? (Path.Combine(GoldenCaseTests.TestDataRoot, caseName), format.Value)
            : throw new InvalidOperationException($"{caseName} is not under a format folder.");
    }

    private static bool IsStructured(string fileName) =>
        Path.GetExtension(fileName) is ".json" or ".yaml" or ".yml" or ".avsc";

    private static JsonNode ParseAny(string text, string fileName) =>
        Tessera.Schemas.Text.StructuredText.Parse(text, SchemaLimits.Default, fileName);

    private static List<string> Findings(string dir, SchemaFormat format, Func<string, string> transform) =>
        Findings(dir, format, (text, _) => transform(text));

    /// <summary>The case's findings as <c>rule_id path backward/forward</c> lines, after rewriting both documents.</summary>
    private static List<string> Findings(string dir, SchemaFormat format, Func<string, string, string> transform, bool renameStructured = false)
    {
        var engine = new SchemaEngine();
        SchemaDocument Load(string side)
        {
            var source = GoldenCase.Load(dir, side);
            var name = source.Name ?? side;
            var text = transform(source.Content, name);
            if (renameStructured && IsStructured(name))
            {
                name = Path.GetFileNameWithoutExtension(name) + (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) ? ".json" : ".yaml");
            }

            return engine.Parse(source with { Content = text, Name = name }, format);
        }

        var diff = engine.Diff(Load("old"), Load("new"));
        return [.. diff.Findings.Select(f => $"{f.RuleId} {f.Path} {f.Backward.ToWire()}/{f.Forward.ToWire()}")];
    }

    /// <summary>A deep copy with every object's keys in a shuffled order (arrays keep theirs: order can matter there).</summary>
    internal static JsonNode Shuffle(JsonNode node, Random random)
    {
        switch (node)
        {
            case JsonObject obj:
                {
                    var entries = obj.Select(p => (p.Key, Value: p.Value)).ToList();
                    var order = entries.OrderBy(_ => random.Next()).ToList();
                    if (order.Count > 1 && order.Select(e => e.Key).SequenceEqual(entries.Select(e => e.Key)))
                    {
                        order.Reverse();
                    }

                    var copy = new JsonObject();
                    foreach (var (key, value) in order)
                    {
                        copy[key] = value is null ? null : Shuffle(value, random);
                    }

                    return copy;
                }

            case JsonArray array:
                return new JsonArray([.. array.Select(item => item is null ? null : Shuffle(item, random))]);
            default:
                return node.DeepClone();
        }
    }

    /// <summary>YAML through YamlDotNet's serializer, quoting every string that would otherwise read as another type.</summary>
    internal static string ToYaml(JsonNode node) =>
        new SerializerBuilder().WithQuotingNecessaryStrings().WithMaximumRecursion(1024).Build().Serialize(ToPlain(node));

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            JsonValueKind.Number => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Puts a comment line and a blank line before every line that is not inside a block string.</summary>
    private static string AddComments(string text, string commentStart, string? blockStringDelimiter)
    {
        var sb = new StringBuilder(commentStart).Append(" leading comment\n\n");
        var insideBlock = false;
        foreach (var line in text.Split('\n'))
        {
            if (!insideBlock)
            {
                sb.Append(commentStart).Append(" property-test comment\n\n");
            }

            sb.Append(line).Append('\n');
            if (blockStringDelimiter is not null)
            {
                var count = 0;
                for (var i = line.IndexOf(blockStringDelimiter, StringComparison.Ordinal); i >= 0; i = line.IndexOf(blockStringDelimiter, i + blockStringDelimiter.Length, StringComparison.Ordinal))
                {
                    count++;
                }

                insideBlock ^= count % 2 == 1;
            }
        }

        return sb.Append('\n').Append(commentStart).Append(" trailing comment\n").ToString();
    }
}
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Tests.Avro;

/// <summary>Properties that hold for every Avro golden case, beyond its recorded verdict.</summary>
public sealed class AvroGoldenPropertyTests
{
    public static TheoryData<string> ComparableCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(GoldenCaseTests.TestDataRoot, "avro")).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (!File.ReadAllText(Path.Combine(dir, "expected.json")).Contains("\"error\"", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileName(dir));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ComparableCases))]
    public void Compare_KeysReversedAndReformatted_GivesTheSameFindings(string caseName)
    {
        var dir = Path.Combine(GoldenCaseTests.TestDataRoot, "avro", caseName);
        var oldText = File.ReadAllText(Path.Combine(dir, "old.avsc"));
        var newText = File.ReadAllText(Path.Combine(dir, "new.avsc"));

        var expected = Render(AvroTestDocuments.Diff(oldText, newText));
        var actual = Render(AvroTestDocuments.Diff(Reversed(oldText), Reversed(newText)));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ComparableCases))]
    public void Compare_OldAndNewSwapped_SwapsBackwardAndForward(string caseName)
    {
        var dir = Path.Combine(GoldenCaseTests.TestDataRoot, "avro", caseName);
        var oldText = File.ReadAllText(Path.Combine(dir, "old.avsc"));
        var newText = File.ReadAllText(Path.Combine(dir, "new.avsc"));

        var there = new DiffResult(SchemaFormat.Avro, AvroTestDocuments.Diff(oldText, newText));
        var back = new DiffResult(SchemaFormat.Avro, AvroTestDocuments.Diff(newText, oldText));

        // Reading is symmetric: what blocks backward one way blocks forward the other way, apart from the judgements
        // that are not about reading (aliases, defaults, sort order, namespaces, logical types), which never block.
        Assert.Equal(there.IsCompatible(CompatibilityMode.Backward), back.IsCompatible(CompatibilityMode.Forward));
        Assert.Equal(there.IsCompatible(CompatibilityMode.Forward), back.IsCompatible(CompatibilityMode.Backward));
    }

    private static string Render(IReadOnlyList<Finding> findings) =>
        new JsonArray([.. findings.OrderBy(f => f, Finding.Order).Select(f => (JsonNode)FindingJson.ToJson(f))]).ToJsonString();

    private static string Reversed(string json) => Reverse(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Reverse(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Reverse)]),
        _ => node?.DeepClone(),
    };
}
namespace Tessera.Schemas.Tests.Avro;

/// <summary>
/// Every Avro document the golden cases treat as valid is also valid for the reference implementation
/// (Apache.Avro), so the parser is not more lenient than Avro itself. Its <c>Schema.CanRead</c> is not used as an
/// oracle for the resolution rules: it departs from the specification (string ↔ bytes, unions, enum defaults).
/// </summary>
public sealed class ApacheAvroOracleTests
{
    /// <summary>Cases where we follow the specification and Apache.Avro for C# does not.</summary>
    private static readonly HashSet<string> KnownDifferences = new(StringComparer.Ordinal)
    {
        // The specification says an invalid logical type is ignored; Apache.Avro for C# rejects the schema.
        "invalid-logical-type-ignored",

        // Avro 1.12 allows uuid on a fixed of 16 bytes; Apache.Avro for C# accepts it on strings only.
        "fixed-uuid-logical-type-added",
    };

    public static TheoryData<string, string> ValidCaseFiles()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(GoldenCaseTests.TestDataRoot, "avro");
        foreach (var dir in Directory.EnumerateDirectories(root).OrderBy(d => d, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (KnownDifferences.Contains(name))
            {
                continue;
            }

            foreach (var side in new[] { "old", "new" })
            {
                if (side == "new" && File.ReadAllText(Path.Combine(dir, "expected.json")).Contains("\"error\"", StringComparison.Ordinal))
                {
                    continue;
                }

                data.Add(name, side);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidCaseFiles))]
    public void Parse_DocumentWeAccept_IsAcceptedByApacheAvro(string caseName, string side)
    {
        var text = File.ReadAllText(Path.Combine(GoldenCaseTests.TestDataRoot, "avro", caseName, side + ".avsc"));

        var ours = AvroTestDocuments.Parse(text);
        var theirs = global::Avro.Schema.Parse(text);

        var theirKind = theirs.Tag == global::Avro.Schema.Type.Enumeration ? "enum" : theirs.Tag.ToString().ToLowerInvariant();
        Assert.Equal(ours.Root.Kind, theirKind);
        if (theirs is global::Avro.NamedSchema named)
        {
            Assert.Equal(((Tessera.Schemas.Avro.AvroNamedSchema)ours.Root).FullName, named.Fullname);
        }
    }
}
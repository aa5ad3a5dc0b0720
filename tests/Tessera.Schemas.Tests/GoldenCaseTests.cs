using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Tests;

/// <summary>
/// Runs every folder under <c>TestData/&lt;Format&gt;/&lt;case&gt;/</c>: <c>old.*</c> and <c>new.*</c> are compared and
/// the result must equal <c>expected.json</c>. A case may hold <c>imports/</c> (extra files, e.g. imported
/// .proto files) and, instead of findings, <c>"error": "text"</c> when parsing <c>new.*</c> must fail with a
/// message containing that text. <c>TESSERA_UPDATE_GOLDEN=1</c> rewrites the expected files from the engine.
/// </summary>
public sealed class GoldenCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(TestDataRoot).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var caseDir in Directory.EnumerateDirectories(dir).OrderBy(d => d, StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestDataRoot, caseDir).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCase_MatchesExpected(string caseName)
    {
        var dir = Path.Combine(TestDataRoot, caseName);
        var format = FormatOf(caseName);
        var expectedPath = Path.Combine(dir, "expected.json");
        if (File.Exists(expectedPath) && JsonNode.Parse(File.ReadAllText(expectedPath)) is JsonObject { } errorCase
            && errorCase["error"] is { } expectedError)
        {
            // An error case: parsing must fail with the expected message (there is nothing to compare).
            var parseError = Assert.ThrowsAny<SchemaParseException>(() => GoldenCase.Run(dir, format));
            Assert.Contains(expectedError.GetValue<string>(), parseError.Message, StringComparison.OrdinalIgnoreCase);
            return;
        }

        var actual = GoldenCase.Run(dir, format);

        if (Environment.GetEnvironmentVariable("TESSERA_UPDATE_GOLDEN") == "1")
        {
            var sourcePath = Path.Combine(SourceTestDataRoot(), caseName, "expected.json");
            var existing = File.Exists(sourcePath) ? JsonNode.Parse(File.ReadAllText(sourcePath)) as JsonObject : null;
            if (existing?["error"] is null)
            {
                File.WriteAllText(sourcePath, actual.ToJsonString(GoldenCase.Indented) + "\n");
            }

            return;
        }

        Assert.True(File.Exists(expectedPath), $"{caseName}: expected.json is missing (set TESSERA_UPDATE_GOLDEN=1 to create it).");
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!.AsObject();
        if (expected["error"] is { } error)
        {
            var ex = Assert.ThrowsAny<SchemaParseException>(() => GoldenCase.Run(dir, format));
            Assert.Contains(error.GetValue<string>(), ex.Message, StringComparison.OrdinalIgnoreCase);
            return;
        }

        Assert.Equal(expected.ToJsonString(GoldenCase.Indented), actual.ToJsonString(GoldenCase.Indented));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCase_EachSideComparedWithItself_HasNoFindings(string caseName)
    {
        var dir = Path.Combine(TestDataRoot, caseName);
        var format = FormatOf(caseName);
        var engine = new SchemaEngine();
        foreach (var side in new[] { "old", "new" })
        {
            SchemaDocument document;
            try
            {
                document = engine.Parse(GoldenCase.Load(dir, side), format);
            }
            catch (SchemaParseException)
            {
                continue; // error cases: the broken side has nothing to compare
            }

            var again = engine.Parse(GoldenCase.Load(dir, side), format);
            Assert.Empty(engine.Diff(document, again).Findings);
        }
    }

    internal static string TestDataRoot => Path.Combine(AppContext.BaseDirectory, "TestData");

    private static string SourceTestDataRoot([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "TestData");

    private static SchemaFormat FormatOf(string caseName)
    {
        var folder = caseName.Split('/')[0];
        return SchemaFormats.TryParse(folder, out var format)
            ? format.Value
            : throw new InvalidOperationException($"TestData folder '{folder}' is not a format name.");
    }
}

/// <summary>Loads and runs one golden case folder.</summary>
internal static class GoldenCase
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static SchemaSource Load(string dir, string side)
    {
        var file = Directory.EnumerateFiles(dir, side + ".*").Single();
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        var importDir = Path.Combine(dir, "imports");
        if (Directory.Exists(importDir))
        {
            foreach (var path in Directory.EnumerateFiles(importDir, "*", SearchOption.AllDirectories))
            {
                imports[Path.GetRelativePath(importDir, path).Replace('\\', '/')] = File.ReadAllText(path);
            }
        }

        return new SchemaSource(File.ReadAllText(file), Path.GetFileName(file), imports);
    }

    /// <summary>The case's result: <c>{change_type, compatible{mode: bool}, findings[]}</c> (messages left out).</summary>
    public static JsonObject Run(string dir, SchemaFormat format)
    {
        var engine = new SchemaEngine();
        var oldDocument = engine.Parse(Load(dir, "old"), format);
        var newDocument = engine.Parse(Load(dir, "new"), format);
        var diff = engine.Diff(oldDocument, newDocument);
        var compatible = new JsonObject();
        foreach (var mode in new[] { CompatibilityMode.Backward, CompatibilityMode.Forward, CompatibilityMode.Full, CompatibilityMode.None })
        {
            compatible[mode.ToWire()] = diff.IsCompatible(mode);
        }

        return new JsonObject
        {
            ["change_type"] = diff.ChangeType.ToWire(),
            ["compatible"] = compatible,
            ["findings"] = new JsonArray([.. diff.Findings.Select(f => (JsonNode)FindingJson.ToJson(f, includeMessage: false))]),
        };
    }
}
namespace Tessera.Cli.Tests;

public sealed class DiffCommandTests
{
    [Fact]
    public void Diff_MissingFile_ExitsTwoWithMessage()
    {
        var (exit, _, err) = CliRunner.Run("diff", "/nonexistent/old.json", "/nonexistent/new.json");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("old.json", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_UnknownMode_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("diff", "a.json", "b.json", "--mode", "sideways");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("sideways", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_UnknownFormat_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("diff", "a.json", "b.json", "--format", "xml");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("unknown format 'xml'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_UnknownOutput_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("diff", "a.json", "b.json", "--output", "xml");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("xml", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MissingArgument_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("diff", "only-one.json");

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("Required argument missing", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MalformedJsonWithAutoFormat_ExitsTwoNamingFileAndLine()
    {
        using var files = new TempFiles();
        var oldFile = files.Write("old.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"type\": \"string\"\n  }\n");
        var newFile = files.Write("new.json", "{\"type\": \"object\"}");

        var (exit, output, err) = CliRunner.Run("diff", oldFile, newFile);

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Equal("", output);
        Assert.Contains("old.json", err, StringComparison.Ordinal);
        Assert.Contains("line ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MalformedYaml_ExitsTwoNamingFileAndLine()
    {
        using var files = new TempFiles();
        var oldFile = files.Write("old.yaml", "type: object\nproperties:\n  a: [unclosed\n");
        var newFile = files.Write("new.yaml", "type: object\n");

        var (exit, _, err) = CliRunner.Run("diff", oldFile, newFile);

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("old.yaml", err, StringComparison.Ordinal);
        Assert.Contains("line ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_UndetectableContent_ExitsTwoAskingForFormat()
    {
        using var files = new TempFiles();
        var oldFile = files.Write("old.txt", "just some words\n");
        var newFile = files.Write("new.txt", "just some words\n");

        var (exit, _, err) = CliRunner.Run("diff", oldFile, newFile);

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("--format", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtoImports_ProtoPathsAndOwnDirectory_KeyedByRelativePathFirstWins()
    {
        using var files = new TempFiles();
        var main = files.Write("v2/api.proto", "syntax = \"proto3\";");
        files.Write("v2/common/types.proto", "// own copy");
        files.Write("v2/notes.txt", "not a proto");
        files.Write("third_party/google/type/money.proto", "// money");
        files.Write("third_party/common/types.proto", "// vendored copy");

        var imports = DiffCommand.ProtoImports(main, [Path.Combine(files.Root, "third_party")]);

        Assert.Equal(["common/types.proto", "google/type/money.proto"], imports.Keys);
        Assert.Equal("// vendored copy", imports["common/types.proto"]);
    }

    [Fact]
    public void Diff_ProtoPathMissing_ExitsTwoNamingIt()
    {
        using var files = new TempFiles();
        var oldFile = files.Write("old.proto", "syntax = \"proto3\";\nmessage A { string a = 1; }\n");
        var newFile = files.Write("new.proto", "syntax = \"proto3\";\nmessage A { string a = 1; }\n");

        var (exit, _, err) = CliRunner.Run("diff", oldFile, newFile, "--format", "protobuf", "--proto-path", Path.Combine(files.Root, "nope"));

        Assert.Equal(ExitCodes.UsageOrParseError, exit);
        Assert.Contains("nope", err, StringComparison.Ordinal);
    }
}
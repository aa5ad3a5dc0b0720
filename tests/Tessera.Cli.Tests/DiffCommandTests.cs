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
}
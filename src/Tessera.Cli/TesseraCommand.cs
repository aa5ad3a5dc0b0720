using System.CommandLine;

namespace Tessera.Cli;

/// <summary>The <c>tessera</c> command tree.</summary>
public static class TesseraCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Tessera: stop services from breaking each other's APIs.");
        root.Subcommands.Add(DiffCommand.Build());
        root.Subcommands.Add(RulesCommand.Build());
        return root;
    }
}
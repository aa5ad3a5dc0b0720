using System.CommandLine;

using Tessera.Schemas;

namespace Tessera.Cli;

/// <summary><c>tessera rules [--markdown]</c>: lists the engine's rule catalogue (the source of docs/rules.md).</summary>
public static class RulesCommand
{
    public static Command Build()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print docs/rules.md." };
        var command = new Command("rules", "List every compatibility rule the engine applies.") { markdown };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(markdown))
            {
                output.Write(RuleCatalog.RenderMarkdown());
                return ExitCodes.Compatible;
            }

            foreach (var rule in RuleCatalog.All)
            {
                output.WriteLine($"{rule.Id,-48} backward={rule.Backward.ToWire(),-9} forward={rule.Forward.ToWire(),-9} {rule.Title}");
            }

            return ExitCodes.Compatible;
        });
        return command;
    }
}
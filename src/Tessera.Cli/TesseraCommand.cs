using System.CommandLine;

namespace Tessera.Cli;

/// <summary>The <c>tessera</c> command tree.</summary>
public static class TesseraCommand
{
    public static RootCommand Build(CliContext? context = null)
    {
        context ??= CliContext.FromProcess();
        var root = new RootCommand("Tessera: stop services from breaking each other's APIs.");
        root.Subcommands.Add(DiffCommand.Build());
        root.Subcommands.Add(CheckCommand.Build(context));
        root.Subcommands.Add(SyncCommand.Build(context));
        root.Subcommands.Add(RulesCommand.Build());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A usage error (unknown option, missing argument, bad value)
    /// prints the parser's messages to stderr and exits 2, like every other usage error.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null, CliContext? context = null,
        CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration();
        var parseResult = Build(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                configuration.Error.WriteLine($"error: {error.Message}");
            }

            configuration.Error.WriteLine("Run 'tessera --help' for usage.");
            return ExitCodes.UsageOrParseError;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Synchronous form of <see cref="InvokeAsync"/>.</summary>
    public static int Invoke(string[] args, InvocationConfiguration? configuration = null, CliContext? context = null) =>
        InvokeAsync(args, configuration, context).GetAwaiter().GetResult();
}
using System.CommandLine;

namespace Tessera.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Err) Run(params string[] args) => Run(CliContext.With(new Dictionary<string, string?>()), args);

    /// <summary>Runs with <paramref name="context"/>'s environment variables (and terminal flag) instead of the process's.</summary>
    public static (int ExitCode, string Out, string Err) Run(CliContext context, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = TesseraCommand.InvokeAsync(args, new InvocationConfiguration { Output = stdout, Error = stderr }, context).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(CliContext context, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await TesseraCommand.InvokeAsync(args, new InvocationConfiguration { Output = stdout, Error = stderr }, context);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A context whose environment holds only <c>TESSERA_URL</c> and <c>TESSERA_API_KEY</c> (when given).</summary>
    public static CliContext Server(string url, string? apiKey, bool terminal = false) => CliContext.With(new Dictionary<string, string?>
    {
        ["TESSERA_URL"] = url,
        ["TESSERA_API_KEY"] = apiKey,
    }, terminal);
}
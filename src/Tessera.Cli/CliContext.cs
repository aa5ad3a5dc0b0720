namespace Tessera.Cli;

/// <summary>
/// What a command reads from its surroundings besides its arguments: environment variables and whether a person is
/// watching stderr (for the progress display). Tests pass their own; the real one reads the process.
/// </summary>
/// <param name="Environment">Looks up an environment variable (null when unset).</param>
/// <param name="ErrorIsTerminal">True when stderr is an interactive terminal, so a progress display may be drawn there.</param>
public sealed record CliContext(Func<string, string?> Environment, bool ErrorIsTerminal)
{
    /// <summary>The process's environment; stderr counts as a terminal when it is not redirected and TERM is not <c>dumb</c>.</summary>
    public static CliContext FromProcess() => new(
        System.Environment.GetEnvironmentVariable,
        !Console.IsErrorRedirected && !string.Equals(System.Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal));

    /// <summary>A context with only <paramref name="variables"/> set and no terminal.</summary>
    public static CliContext With(IReadOnlyDictionary<string, string?> variables, bool errorIsTerminal = false) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null, errorIsTerminal);
}
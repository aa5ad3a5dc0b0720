namespace Tessera.Cli;

/// <summary>
/// The process entry point. A named class rather than top-level statements, so that the global <c>Program</c> stays
/// the server's (the CLI tests host both).
/// </summary>
internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => TesseraCommand.InvokeAsync(args);
}
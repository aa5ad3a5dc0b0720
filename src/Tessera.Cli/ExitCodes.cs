namespace Tessera.Cli;

/// <summary>Exit codes shared by every command: 0 compatible, 1 breaking, 2 usage or parse error.</summary>
public static class ExitCodes
{
    public const int Compatible = 0;
    public const int Breaking = 1;
    public const int UsageOrParseError = 2;
}
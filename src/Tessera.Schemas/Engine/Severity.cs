namespace Tessera.Schemas;

/// <summary>How a change affects the other side of a contract under one compatibility direction.</summary>
/// <remarks>Ordered from harmless to worst; <see cref="Unknown"/> blocks like <see cref="Breaking"/> (fail closed).</remarks>
public enum Severity
{
    /// <summary>Nobody on the other side can notice or be hurt by the change.</summary>
    Safe = 0,

    /// <summary>Valid, but may surprise a consumer (e.g. a new enum value in a response).</summary>
    Dangerous = 1,

    /// <summary>Existing data or clients stop working.</summary>
    Breaking = 2,

    /// <summary>The engine cannot judge the change; it blocks like a breaking change.</summary>
    Unknown = 3,
}

public static class SeverityExtensions
{
    /// <summary>True when the severity stops a publish (breaking or unknown).</summary>
    public static bool IsBlocking(this Severity severity) => severity is Severity.Breaking or Severity.Unknown;

    public static Severity Max(Severity a, Severity b) => a >= b ? a : b;

    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.Safe => "safe",
        Severity.Dangerous => "dangerous",
        Severity.Breaking => "breaking",
        Severity.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
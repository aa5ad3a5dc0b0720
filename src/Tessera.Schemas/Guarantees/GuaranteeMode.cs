using System.Diagnostics.CodeAnalysis;

namespace Tessera.Schemas.Guarantees;

/// <summary>How an asset treats guarantee changes (DECISIONS §3.6).</summary>
public enum GuaranteeMode
{
    /// <summary>Relaxations are recorded as warnings (dangerous); nothing blocks. The default.</summary>
    Notify,

    /// <summary>Relaxations are breaking and block like a breaking schema change.</summary>
    Strict,

    /// <summary>Guarantee changes are not reported.</summary>
    Ignore,
}

public static class GuaranteeModes
{
    public static string ToWire(this GuaranteeMode mode) => mode switch
    {
        GuaranteeMode.Notify => "notify",
        GuaranteeMode.Strict => "strict",
        GuaranteeMode.Ignore => "ignore",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out GuaranteeMode? mode)
    {
        mode = text?.Trim().ToLowerInvariant() switch
        {
            "notify" => GuaranteeMode.Notify,
            "strict" => GuaranteeMode.Strict,
            "ignore" => GuaranteeMode.Ignore,
            _ => null,
        };
        return mode is not null;
    }
}
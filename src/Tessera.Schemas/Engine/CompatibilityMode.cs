using System.Diagnostics.CodeAnalysis;

namespace Tessera.Schemas;

/// <summary>Which readers and writers must keep working across a change (Kafka Schema Registry semantics).</summary>
public enum CompatibilityMode
{
    /// <summary>New readers can read what old writers wrote: consumers of the new version read old data.</summary>
    Backward,

    /// <summary>Old readers can read what new writers write.</summary>
    Forward,

    /// <summary>Both backward and forward.</summary>
    Full,

    /// <summary>No check: every change is accepted.</summary>
    None,

    /// <summary>Backward against every earlier version, not only the latest.</summary>
    BackwardTransitive,

    /// <summary>Forward against every earlier version.</summary>
    ForwardTransitive,

    /// <summary>Full against every earlier version.</summary>
    FullTransitive,
}

public static class CompatibilityModes
{
    public static IReadOnlyList<CompatibilityMode> All { get; } = Enum.GetValues<CompatibilityMode>();

    public static string ToWire(this CompatibilityMode mode) => mode switch
    {
        CompatibilityMode.Backward => "backward",
        CompatibilityMode.Forward => "forward",
        CompatibilityMode.Full => "full",
        CompatibilityMode.None => "none",
        CompatibilityMode.BackwardTransitive => "backward_transitive",
        CompatibilityMode.ForwardTransitive => "forward_transitive",
        CompatibilityMode.FullTransitive => "full_transitive",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out CompatibilityMode? mode)
    {
        mode = text?.Trim().ToLowerInvariant() switch
        {
            "backward" => CompatibilityMode.Backward,
            "forward" => CompatibilityMode.Forward,
            "full" => CompatibilityMode.Full,
            "none" => CompatibilityMode.None,
            "backward_transitive" => CompatibilityMode.BackwardTransitive,
            "forward_transitive" => CompatibilityMode.ForwardTransitive,
            "full_transitive" => CompatibilityMode.FullTransitive,
            _ => null,
        };
        return mode is not null;
    }

    public static CompatibilityMode Parse(string text) =>
        TryParse(text, out var mode)
            ? mode.Value
            : throw new ArgumentException(
                $"Unknown compatibility mode '{text}'. Expected one of: {string.Join(", ", All.Select(m => m.ToWire()))}.",
                nameof(text));

    public static bool IsTransitive(this CompatibilityMode mode) =>
        mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;

    /// <summary>True when the mode requires backward compatibility (backward, full and their transitive forms).</summary>
    public static bool ChecksBackward(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Backward or CompatibilityMode.Full or CompatibilityMode.BackwardTransitive or CompatibilityMode.FullTransitive;

    /// <summary>True when the mode requires forward compatibility (forward, full and their transitive forms).</summary>
    public static bool ChecksForward(this CompatibilityMode mode) =>
        mode is CompatibilityMode.Forward or CompatibilityMode.Full or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;

    /// <summary>The non-transitive mode with the same direction requirements.</summary>
    public static CompatibilityMode Base(this CompatibilityMode mode) => mode switch
    {
        CompatibilityMode.BackwardTransitive => CompatibilityMode.Backward,
        CompatibilityMode.ForwardTransitive => CompatibilityMode.Forward,
        CompatibilityMode.FullTransitive => CompatibilityMode.Full,
        _ => mode,
    };

    /// <summary>
    /// The mode whose requirements are the union of both (DECISIONS §3.1): backward + forward = full,
    /// <see cref="CompatibilityMode.None"/> adds nothing, transitive when either is.
    /// </summary>
    public static CompatibilityMode Combine(CompatibilityMode a, CompatibilityMode b)
    {
        var backward = a.ChecksBackward() || b.ChecksBackward();
        var forward = a.ChecksForward() || b.ChecksForward();
        var transitive = a.IsTransitive() || b.IsTransitive();
        return (backward, forward, transitive) switch
        {
            (true, true, false) => CompatibilityMode.Full,
            (true, true, true) => CompatibilityMode.FullTransitive,
            (true, false, false) => CompatibilityMode.Backward,
            (true, false, true) => CompatibilityMode.BackwardTransitive,
            (false, true, false) => CompatibilityMode.Forward,
            (false, true, true) => CompatibilityMode.ForwardTransitive,
            _ => CompatibilityMode.None,
        };
    }
}
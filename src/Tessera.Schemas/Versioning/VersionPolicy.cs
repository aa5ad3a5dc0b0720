using System.Text.RegularExpressions;

namespace Tessera.Schemas.Versioning;

/// <summary>The outcome of checking a version a publisher chose. <see cref="Error"/> is null when it is accepted.</summary>
public sealed record VersionCheck(string? Error)
{
    public static VersionCheck Accepted { get; } = new((string?)null);

    public bool IsAccepted => Error is null;
}

/// <summary>Rules on versions a publisher supplies (compatibility.md §3.3, §3.4, with the fix of §8.26).</summary>
public static partial class VersionPolicy
{
    /// <summary>
    /// The version strings a publish accepts (§3.3): 5–50 characters,
    /// <c>^\d+\.\d+\.\d+(-[a-zA-Z0-9.-]+)?(\+[a-zA-Z0-9.-]+)?$</c>. Leading zeros are accepted.
    /// </summary>
    public static bool IsAcceptedVersionString(string? text) =>
        text is { Length: >= 5 and <= 50 } && VersionPattern().IsMatch(text) && SemanticVersion.TryParse(text, out _);

    /// <summary>
    /// <c>semver_mode: enforce</c> (§3.4): the supplied version must follow semver precedence after the current one
    /// and carry the bump <paramref name="changeType"/> requires: a higher major for a major change, a higher minor
    /// (or major) for a minor change. Moving within the current pre-release series (1.0.0-alpha → 1.0.0-beta) or
    /// graduating from it (1.0.0-rc.1 → 1.0.0) is accepted for any change, since that version was never released.
    /// </summary>
    public static VersionCheck ValidateEnforced(string provided, string current, ChangeType changeType)
    {
        if (!SemanticVersion.TryParse(provided, out var next, out var providedError))
        {
            return new(providedError);
        }

        if (!SemanticVersion.TryParse(current, out var now, out var currentError))
        {
            return new(currentError);
        }

        if (next.CompareTo(now) <= 0)
        {
            return new($"Version {provided} must be greater than current version {current}.");
        }

        if (now.IsPrerelease && next.BaseVersion.CompareTo(now.BaseVersion) == 0)
        {
            return VersionCheck.Accepted;
        }

        if (changeType == ChangeType.Major && next.Major <= now.Major)
        {
            return new($"This change requires major version bump: expected {now.Bump(ChangeType.Major)} or later, got {provided}.");
        }

        if (changeType == ChangeType.Minor && next.Major == now.Major && next.Minor <= now.Minor)
        {
            return new($"This change requires minor version bump: expected {now.Bump(ChangeType.Minor)} or later, got {provided}.");
        }

        return VersionCheck.Accepted;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[a-zA-Z0-9.-]+)?(\+[a-zA-Z0-9.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
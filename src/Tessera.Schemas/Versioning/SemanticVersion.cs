using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Tessera.Schemas.Versioning;

/// <summary>
/// A semantic version <c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c> with full semver 2.0 precedence
/// (compatibility.md §3.1, fixing §8.26: pre-release text is kept and ordered, not discarded).
/// Leading zeros in the numbers are accepted (§3.3); <see cref="ToString"/> returns the text as written.
/// </summary>
/// <remarks>
/// <see cref="CompareTo"/> is precedence and ignores build metadata (<c>1.0.0+a</c> and <c>1.0.0+b</c> have the
/// same precedence); <see cref="Equals(SemanticVersion)"/> is exact and does not.
/// </remarks>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    /// <summary>The version of a first contract.</summary>
    public static SemanticVersion Initial { get; } = new(1, 0, 0);

    private readonly string _text;

    public SemanticVersion(long major, long minor, long patch, IReadOnlyList<string>? prerelease = null, string? build = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease ?? [];
        Build = string.IsNullOrEmpty(build) ? null : build;
        _text = $"{major}.{minor}.{patch}"
            + (Prerelease.Count > 0 ? "-" + string.Join('.', Prerelease) : "")
            + (Build is null ? "" : "+" + Build);
    }

    private SemanticVersion(long major, long minor, long patch, IReadOnlyList<string> prerelease, string? build, string text)
        : this(major, minor, patch, prerelease, build) => _text = text;

    public long Major { get; }

    public long Minor { get; }

    public long Patch { get; }

    /// <summary>The dot-separated pre-release identifiers (empty for a release).</summary>
    public IReadOnlyList<string> Prerelease { get; }

    /// <summary>Build metadata after <c>+</c>, or null.</summary>
    public string? Build { get; }

    public bool IsPrerelease => Prerelease.Count > 0;

    /// <summary><c>MAJOR.MINOR.PATCH</c> without pre-release or build.</summary>
    public SemanticVersion BaseVersion => new(Major, Minor, Patch);

    /// <summary>
    /// Parses strictly: three non-negative integers, then optional <c>-PRERELEASE</c> and <c>+BUILD</c> made of
    /// non-empty dot-separated identifiers of <c>[0-9A-Za-z-]</c>. Throws <see cref="FormatException"/> whose
    /// message starts "Cannot parse version".
    /// </summary>
    public static SemanticVersion Parse(string? text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version) => TryParse(text, out version, out _);

    /// <summary>
    /// Parses like <see cref="Parse"/>, but gives <see cref="Initial"/> (1.0.0) for anything unparseable, the empty
    /// string included, and reports that once through <paramref name="onWarning"/>.
    /// </summary>
    public static SemanticVersion ParseLenient(string? text, Action<string>? onWarning = null)
    {
        if (TryParse(text, out var version, out var error))
        {
            return version;
        }

        onWarning?.Invoke($"{error} Using {Initial}.");
        return Initial;
    }

    /// <summary>
    /// True when <paramref name="current"/> is a pre-release and <paramref name="next"/> is the release of the
    /// same <c>MAJOR.MINOR.PATCH</c> (1.0.0-rc.1 → 1.0.0). Unparseable text is never a graduation.
    /// </summary>
    public static bool IsGraduation(string? current, string? next) =>
        TryParse(current, out var c) && TryParse(next, out var n) && IsGraduation(c, n);

    public static bool IsGraduation(SemanticVersion current, SemanticVersion next) =>
        current.IsPrerelease && !next.IsPrerelease && current.BaseVersion.CompareTo(next.BaseVersion) == 0;

    /// <summary>The next version for a change of <paramref name="changeType"/>; pre-release and build are dropped.</summary>
    public SemanticVersion Bump(ChangeType changeType) => changeType switch
    {
        ChangeType.Major => new(Major + 1, 0, 0),
        ChangeType.Minor => new(Major, Minor + 1, 0),
        _ => new(Major, Minor, Patch + 1),
    };

    /// <summary>Semver 2.0 precedence (§11): numbers, then a pre-release sorts before its release, then identifiers.</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        if (c == 0)
        {
            c = Patch.CompareTo(other.Patch);
        }

        if (c != 0)
        {
            return c;
        }

        if (IsPrerelease != other.IsPrerelease)
        {
            return IsPrerelease ? -1 : 1;
        }

        for (var i = 0; i < Math.Min(Prerelease.Count, other.Prerelease.Count); i++)
        {
            c = CompareIdentifiers(Prerelease[i], other.Prerelease[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return Prerelease.Count.CompareTo(other.Prerelease.Count);
    }

    public bool Equals(SemanticVersion? other) =>
        other is not null && CompareTo(other) == 0 && string.Equals(Build, other.Build, StringComparison.Ordinal)
        && Prerelease.SequenceEqual(other.Prerelease, StringComparer.Ordinal);

    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', Prerelease), Build);

    /// <summary>The version as it was written (leading zeros included), or the canonical text when constructed.</summary>
    public override string ToString() => _text;

    public static bool operator ==(SemanticVersion? a, SemanticVersion? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(SemanticVersion? a, SemanticVersion? b) => !(a == b);

    public static bool operator <(SemanticVersion? a, SemanticVersion? b) => a is null ? b is not null : a.CompareTo(b) < 0;

    public static bool operator >(SemanticVersion? a, SemanticVersion? b) => a is not null && a.CompareTo(b) > 0;

    public static bool operator <=(SemanticVersion? a, SemanticVersion? b) => !(a > b);

    public static bool operator >=(SemanticVersion? a, SemanticVersion? b) => !(a < b);

    /// <summary>Numeric identifiers compare numerically and sort before alphanumeric ones, which compare in ASCII order.</summary>
    private static int CompareIdentifiers(string a, string b)
    {
        var aNumeric = a.All(char.IsAsciiDigit);
        var bNumeric = b.All(char.IsAsciiDigit);
        if (aNumeric && bNumeric)
        {
            var x = a.TrimStart('0');
            var y = b.TrimStart('0');
            var c = x.Length.CompareTo(y.Length);
            return c != 0 ? c : string.CompareOrdinal(x, y);
        }

        if (aNumeric != bNumeric)
        {
            return aNumeric ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(a, b));
    }

    internal static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version, [NotNullWhen(false)] out string? error)
    {
        version = null;
        var shown = text ?? "";
        if (string.IsNullOrEmpty(text))
        {
            error = "Cannot parse version '': it is empty.";
            return false;
        }

        var core = text;
        string? build = null;
        var plus = core.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = core[(plus + 1)..];
            core = core[..plus];
            if (!ValidIdentifiers(build))
            {
                error = $"Cannot parse version '{shown}': build metadata must be dot-separated identifiers of [0-9A-Za-z-].";
                return false;
            }
        }

        IReadOnlyList<string> prerelease = [];
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            var pre = core[(dash + 1)..];
            core = core[..dash];
            if (!ValidIdentifiers(pre))
            {
                error = $"Cannot parse version '{shown}': the pre-release must be dot-separated identifiers of [0-9A-Za-z-].";
                return false;
            }

            prerelease = pre.Split('.');
        }

        var parts = core.Split('.');
        if (parts.Length != 3)
        {
            error = $"Cannot parse version '{shown}': expected 3 parts (MAJOR.MINOR.PATCH), got {parts.Length}.";
            return false;
        }

        var numbers = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit)
                || !long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                error = $"Cannot parse version '{shown}': '{parts[i]}' is not a non-negative integer.";
                return false;
            }
        }

        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], prerelease, build, text);
        error = null;
        return true;
    }

    private static bool ValidIdentifiers(string text) =>
        text.Length > 0 && text.Split('.').All(id => id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
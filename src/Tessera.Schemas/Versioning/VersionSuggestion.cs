using System.Text.Json.Nodes;

namespace Tessera.Schemas.Versioning;

/// <summary>The next version to publish and why (compatibility.md §3.2).</summary>
/// <param name="SuggestedVersion">The suggested version.</param>
/// <param name="CurrentVersion">The active contract's version, or null for a first contract.</param>
/// <param name="ChangeType">The bump the suggestion makes: major, minor or patch.</param>
/// <param name="Reason">One sentence for people.</param>
/// <param name="IsFirstContract">True when there is no active contract.</param>
public sealed record VersionSuggestion(string SuggestedVersion, string? CurrentVersion, ChangeType ChangeType, string Reason, bool IsFirstContract)
{
    /// <summary>
    /// Suggests the next version: <c>1.0.0</c> for a first contract; a major bump when the change is not compatible
    /// under the mode in use; a minor bump when it is compatible but the diff's change type is minor or major
    /// (additions, or a removal accepted by mode <c>none</c>); a patch bump otherwise. The numbers come from the
    /// lenient parse of <paramref name="currentVersion"/>, so its pre-release and build text are dropped.
    /// </summary>
    public static VersionSuggestion Suggest(string? currentVersion, ChangeType diffChangeType, bool isCompatible, Action<string>? onWarning = null)
    {
        if (currentVersion is null)
        {
            return new(SemanticVersion.Initial.ToString(), null, ChangeType.Patch, "First contract for this asset.", true);
        }

        var current = SemanticVersion.ParseLenient(currentVersion, onWarning);
        if (!isCompatible)
        {
            return new(current.Bump(ChangeType.Major).ToString(), currentVersion, ChangeType.Major,
                "Breaking changes under the compatibility mode in use need a major version bump.", false);
        }

        if (diffChangeType is ChangeType.Major or ChangeType.Minor)
        {
            return new(current.Bump(ChangeType.Minor).ToString(), currentVersion, ChangeType.Minor,
                "Compatible changes (additions) need a minor version bump.", false);
        }

        return new(current.Bump(ChangeType.Patch).ToString(), currentVersion, ChangeType.Patch,
            "No breaking schema changes: a patch version bump.", false);
    }

    /// <summary>Suggests from an engine verdict: its change type and whether it is compatible under its mode.</summary>
    public static VersionSuggestion Suggest(string? currentVersion, CompatibilityReport report, Action<string>? onWarning = null) =>
        Suggest(currentVersion, report.ChangeType, report.IsCompatible, onWarning);

    /// <summary>The wire shape: <c>{suggested_version, current_version, change_type, reason, is_first_contract}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["suggested_version"] = SuggestedVersion,
        ["current_version"] = CurrentVersion,
        ["change_type"] = ChangeType.ToWire(),
        ["reason"] = Reason,
        ["is_first_contract"] = IsFirstContract,
    };
}
using Tessera.Schemas.Versioning;

namespace Tessera.Schemas.Tests.Versioning;

/// <summary>compatibility.md §3.2, §3.4 and §7.3 items 41–43 and 45 at engine level, with §8.26 fixed.</summary>
public sealed class VersionPolicyTests
{
    [Fact]
    public void Suggest_NoCurrentContract_IsOneZeroZeroFirstContract()
    {
        var suggestion = VersionSuggestion.Suggest(null, ChangeType.Major, isCompatible: false);

        Assert.Equal(new VersionSuggestion("1.0.0", null, ChangeType.Patch, suggestion.Reason, true), suggestion);
        Assert.NotEmpty(suggestion.Reason);
    }

    [Fact]
    public void Suggest_CompatibleAddition_IsMinorBump()
    {
        var suggestion = VersionSuggestion.Suggest("1.0.0", ChangeType.Minor, isCompatible: true);

        Assert.Equal(("1.1.0", "1.0.0", ChangeType.Minor, false), (suggestion.SuggestedVersion, suggestion.CurrentVersion, suggestion.ChangeType, suggestion.IsFirstContract));
        Assert.NotEmpty(suggestion.Reason);
    }

    [Fact]
    public void Suggest_NotCompatible_IsMajorBump() =>
        Assert.Equal(("2.0.0", ChangeType.Major), Pair(VersionSuggestion.Suggest("1.4.2", ChangeType.Major, isCompatible: false)));

    [Fact]
    public void Suggest_CompatibleButMajorDiffAsInModeNone_IsMinorBump() =>
        Assert.Equal(("1.5.0", ChangeType.Minor), Pair(VersionSuggestion.Suggest("1.4.2", ChangeType.Major, isCompatible: true)));

    [Fact]
    public void Suggest_IncompatibleMinorDiffAsInModeForward_IsMajorBump() =>
        Assert.Equal(("2.0.0", ChangeType.Major), Pair(VersionSuggestion.Suggest("1.4.2", ChangeType.Minor, isCompatible: false)));

    [Fact]
    public void Suggest_PatchDiff_IsPatchBump() =>
        Assert.Equal(("1.4.3", ChangeType.Patch), Pair(VersionSuggestion.Suggest("1.4.2", ChangeType.Patch, isCompatible: true)));

    [Fact]
    public void Suggest_PrereleaseCurrent_BumpsItsBase() =>
        Assert.Equal(("1.1.0", ChangeType.Minor), Pair(VersionSuggestion.Suggest("1.0.0-rc.1+b", ChangeType.Minor, isCompatible: true)));

    [Fact]
    public void Suggest_UnparseableCurrent_StartsFromOneZeroZeroAndWarnsOnce()
    {
        var warnings = new List<string>();

        Assert.Equal(("1.0.1", ChangeType.Patch), Pair(VersionSuggestion.Suggest("garbage", ChangeType.Patch, true, warnings.Add)));
        Assert.Single(warnings);
    }

    [Fact]
    public void Suggest_FromReport_UsesItsChangeTypeAndVerdict()
    {
        var report = new CompatibilityReport(CompatibilityMode.Backward, new DiffResult(SchemaFormat.JsonSchema, []), []);

        Assert.Equal(("2.3.5", ChangeType.Patch), Pair(VersionSuggestion.Suggest("2.3.4", report)));
    }

    [Fact]
    public void ToJson_Suggestion_HasTheWireFields()
    {
        var json = VersionSuggestion.Suggest(null, ChangeType.Patch, true).ToJson();

        Assert.Equal(["suggested_version", "current_version", "change_type", "reason", "is_first_contract"], json.Select(p => p.Key));
        Assert.Equal("1.0.0", json["suggested_version"]!.GetValue<string>());
        Assert.True(json["is_first_contract"]!.GetValue<bool>());
        Assert.Null(json["current_version"]);
    }

    [Theory]
    [InlineData("1.1.0")]
    [InlineData("2.0.0")]
    [InlineData("1.1.0-beta")]
    public void ValidateEnforced_MinorChangeWithMinorOrMajorBump_IsAccepted(string provided) =>
        Assert.True(VersionPolicy.ValidateEnforced(provided, "1.0.0", ChangeType.Minor).IsAccepted);

    [Fact]
    public void ValidateEnforced_MinorChangeWithPatchBump_IsRejected()
    {
        var check = VersionPolicy.ValidateEnforced("1.0.1", "1.0.0", ChangeType.Minor);

        Assert.False(check.IsAccepted);
        Assert.Contains("requires minor version bump", check.Error, StringComparison.Ordinal);
        Assert.Equal("1.1.0", VersionSuggestion.Suggest("1.0.0", ChangeType.Minor, true).SuggestedVersion);
    }

    [Fact]
    public void ValidateEnforced_BreakingChangeWithMinorBump_NeedsMajor()
    {
        var check = VersionPolicy.ValidateEnforced("1.1.0", "1.0.0", ChangeType.Major);

        Assert.Contains("requires major version bump", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5.0", "2.0.0")]
    [InlineData("2.0.0", "2.0.0")]
    [InlineData("2.0.0-rc.1", "2.0.0")]
    [InlineData("1.0.0-alpha", "1.0.0-beta")]
    public void ValidateEnforced_NotGreater_IsRejected(string provided, string current)
    {
        var check = VersionPolicy.ValidateEnforced(provided, current, ChangeType.Patch);

        Assert.Contains("must be greater than", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0", "1.0.0-alpha", ChangeType.Major)]
    [InlineData("1.0.0-beta", "1.0.0-alpha", ChangeType.Major)]
    [InlineData("1.0.0-alpha.2", "1.0.0-alpha", ChangeType.Major)]
    [InlineData("1.0.0", "1.0.0-rc.1", ChangeType.Minor)]
    [InlineData("1.0.1", "1.0.0", ChangeType.Patch)]
    public void ValidateEnforced_PrecedenceWithinAPrereleaseSeries_IsAccepted(string provided, string current, ChangeType changeType) =>
        Assert.True(VersionPolicy.ValidateEnforced(provided, current, changeType).IsAccepted);

    [Fact]
    public void ValidateEnforced_BreakingChangeLeavingThePrereleaseSeries_StillNeedsMajor() =>
        Assert.Contains("requires major version bump", VersionPolicy.ValidateEnforced("1.1.0", "1.0.0-alpha", ChangeType.Major).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("1.0", "1.0.0", "expected 3 parts")]
    [InlineData("1.1.0", "junk", "Cannot parse version 'junk'")]
    public void ValidateEnforced_Unparseable_GivesTheParseMessage(string provided, string current, string expected) =>
        Assert.Contains(expected, VersionPolicy.ValidateEnforced(provided, current, ChangeType.Patch).Error, StringComparison.Ordinal);

    private static (string, ChangeType) Pair(VersionSuggestion suggestion) => (suggestion.SuggestedVersion, suggestion.ChangeType);
}
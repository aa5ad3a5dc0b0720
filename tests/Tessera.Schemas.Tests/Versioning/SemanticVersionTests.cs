using Tessera.Schemas.Versioning;

namespace Tessera.Schemas.Tests.Versioning;

/// <summary>compatibility.md §3.1 and §7.3 items 39, 40, 44 and 45 (engine level), with §8.26 fixed.</summary>
public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("1.2.3", 1, 2, 3)]
    [InlineData("1.0.0-alpha", 1, 0, 0)]
    [InlineData("1.0.0+build.123", 1, 0, 0)]
    [InlineData("2.1.0-rc.1+build.456", 2, 1, 0)]
    [InlineData("01.002.3", 1, 2, 3)]
    public void Parse_ValidVersion_GivesItsNumbers(string text, long major, long minor, long patch)
    {
        var version = SemanticVersion.Parse(text);

        Assert.Equal((major, minor, patch), (version.Major, version.Minor, version.Patch));
        Assert.Equal(text, version.ToString());
    }

    [Fact]
    public void Parse_PrereleaseAndBuild_AreKeptNotDiscarded()
    {
        var version = SemanticVersion.Parse("2.1.0-rc.1+build.456");

        Assert.Equal(["rc", "1"], version.Prerelease);
        Assert.Equal("build.456", version.Build);
        Assert.Equal("2.1.0", version.BaseVersion.ToString());
    }

    [Theory]
    [InlineData("not-a-version", "Cannot parse version")]
    [InlineData("1.0", "expected 3 parts")]
    [InlineData("-1.0.0", "Cannot parse version")]
    [InlineData("1.0.0-", "Cannot parse version")]
    [InlineData("1.0.0-alpha..1", "Cannot parse version")]
    [InlineData("1.0.0+", "Cannot parse version")]
    [InlineData("1.a.0", "Cannot parse version")]
    [InlineData("1.0.0.0", "expected 3 parts")]
    [InlineData("", "Cannot parse version")]
    [InlineData("99999999999999999999.0.0", "Cannot parse version")]
    public void Parse_InvalidVersion_ThrowsNamingTheProblem(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SemanticVersion.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseLenient_Unparseable_GivesOneZeroZeroWithExactlyOneWarning(string? text)
    {
        var warnings = new List<string>();

        var version = SemanticVersion.ParseLenient(text, warnings.Add);

        Assert.Equal("1.0.0", version.ToString());
        Assert.Single(warnings);
    }

    [Fact]
    public void ParseLenient_Valid_LogsNothing()
    {
        var warnings = new List<string>();

        Assert.Equal("3.4.5-beta", SemanticVersion.ParseLenient("3.4.5-beta", warnings.Add).ToString());
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("1.0.0-alpha", true)]
    [InlineData("1.0.0-a+b", true)]
    [InlineData("1.0.0+build.1", false)]
    [InlineData("1.0.0+build-1", false)]
    [InlineData("1.0.0", false)]
    public void IsPrerelease_DashBeforeAnyPlus_IsPrerelease(string text, bool expected) =>
        Assert.Equal(expected, SemanticVersion.Parse(text).IsPrerelease);

    [Theory]
    [InlineData("1.0.0-alpha", "1.0.0", true)]
    [InlineData("1.0.0-rc.1", "1.0.0", true)]
    [InlineData("1.0.0-rc.1", "1.0.0+build.7", true)]
    [InlineData("1.0.0-alpha", "1.0.1", false)]
    [InlineData("1.0.0-alpha", "1.0.0-beta", false)]
    [InlineData("1.0.0", "1.1.0", false)]
    [InlineData("1.0.0-alpha", "1.1.0", false)]
    [InlineData("garbage", "1.0.0", false)]
    public void IsGraduation_PrereleaseToItsRelease_IsTrueOnlyThen(string current, string next, bool expected) =>
        Assert.Equal(expected, SemanticVersion.IsGraduation(current, next));

    [Theory]
    [InlineData(ChangeType.Major, "2.0.0")]
    [InlineData(ChangeType.Minor, "1.3.0")]
    [InlineData(ChangeType.Patch, "1.2.4")]
    public void Bump_OneTwoThree_BumpsThePart(ChangeType changeType, string expected) =>
        Assert.Equal(expected, SemanticVersion.Parse("1.2.3").Bump(changeType).ToString());

    [Fact]
    public void Bump_Prerelease_DropsPrereleaseAndBuild() =>
        Assert.Equal("1.1.0", SemanticVersion.Parse("1.0.0-alpha+b.1").Bump(ChangeType.Minor).ToString());

    [Fact]
    public void CompareTo_SemverSpecExample_OrdersByPrecedence()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0-0", "2.0.0"];
        var shuffled = ordered.Reverse().Select(SemanticVersion.Parse).ToList();

        shuffled.Sort();

        Assert.Equal(ordered, shuffled.Select(v => v.ToString()));
    }

    [Theory]
    [InlineData("1.0.0+a", "1.0.0+b", 0)]
    [InlineData("1.0.0-2", "1.0.0-10", -1)]
    [InlineData("1.0.0-10", "1.0.0-a", -1)]
    [InlineData("1.0.0-B", "1.0.0-a", -1)]
    [InlineData("01.0.0", "1.0.0", 0)]
    public void CompareTo_Identifiers_FollowSemverRules(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(SemanticVersion.Parse(a).CompareTo(SemanticVersion.Parse(b))));

    [Fact]
    public void Equals_DifferentBuild_AreNotEqualButHaveTheSamePrecedence()
    {
        var a = SemanticVersion.Parse("1.0.0+a");
        var b = SemanticVersion.Parse("1.0.0+b");

        Assert.NotEqual(a, b);
        Assert.True(a <= b && a >= b);
        Assert.Equal(SemanticVersion.Parse("1.0.0+a"), a);
    }

    [Theory]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-beta.1")]
    [InlineData("1.0.0-rc.1")]
    [InlineData("1.0.0+build.123")]
    [InlineData("01.0.0")]
    public void IsAcceptedVersionString_PrereleaseAndBuild_AreAcceptedAndKeptUnchanged(string text)
    {
        Assert.True(VersionPolicy.IsAcceptedVersionString(text));
        Assert.Equal(text, SemanticVersion.Parse(text).ToString());
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-alpha_1")]
    [InlineData("1.0.0-" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void IsAcceptedVersionString_OutsideThePatternOrLength_IsRejected(string text) =>
        Assert.False(VersionPolicy.IsAcceptedVersionString(text));
}
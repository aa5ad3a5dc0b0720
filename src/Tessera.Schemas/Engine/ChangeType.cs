namespace Tessera.Schemas;

/// <summary>The semantic-versioning weight of a set of changes.</summary>
public enum ChangeType
{
    Patch = 0,
    Minor = 1,
    Major = 2,
}

public static class ChangeTypeExtensions
{
    public static string ToWire(this ChangeType changeType) => changeType switch
    {
        ChangeType.Patch => "patch",
        ChangeType.Minor => "minor",
        ChangeType.Major => "major",
        _ => throw new ArgumentOutOfRangeException(nameof(changeType), changeType, null),
    };
}
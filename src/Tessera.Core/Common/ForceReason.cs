namespace Tessera.Core.Common;

/// <summary>
/// The reason an administrator gives for forcing past the workflow (DECISIONS §3.7): 10–500 characters after
/// trimming, recorded in the audit event. Force publish requires one; proposal force takes one when given.
/// </summary>
public static class ForceReason
{
    public const int MinLength = 10;

    public const int MaxLength = 500;

    /// <summary>The trimmed reason, or a 422 naming <paramref name="field"/> when it is blank, too short or too long.</summary>
    public static string Validate(string reason, string field)
    {
        var text = reason.Trim();
        if (text.Length is < MinLength or > MaxLength)
        {
            throw DomainException.Invalid(field, $"{field} must be {MinLength}–{MaxLength} characters", "value_error.any_str.length");
        }

        return text;
    }
}
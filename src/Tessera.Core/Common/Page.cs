namespace Tessera.Core.Common;

/// <summary>One page of a list: the items, the count of all matching rows, and the window asked for.</summary>
public sealed record Page<T>(IReadOnlyList<T> Results, int Total, int Limit, int Offset)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Results.Select(map)], Total, Limit, Offset);
}

/// <summary>A validated <c>limit</c>/<c>offset</c> window (default 50, 1–100; offset ≥ 0; otherwise 422).</summary>
public readonly record struct PageRequest(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static PageRequest Create(int? limit, int? offset, int maxLimit = MaxLimit, int defaultLimit = DefaultLimit)
    {
        var l = limit ?? defaultLimit;
        var o = offset ?? 0;
        var errors = new List<FieldError>();
        if (l < 1 || l > maxLimit)
        {
            errors.Add(new FieldError("limit", $"limit must be between 1 and {maxLimit}", "value_error.number.range"));
        }

        if (o < 0)
        {
            errors.Add(new FieldError("offset", "offset must be 0 or more", "value_error.number.range"));
        }

        return errors.Count > 0 ? throw DomainException.Invalid(errors) : new PageRequest(l, o);
    }
}
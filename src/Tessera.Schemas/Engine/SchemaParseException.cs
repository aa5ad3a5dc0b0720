namespace Tessera.Schemas;

/// <summary>Where in a document something went wrong. Every part is optional.</summary>
public sealed record SourceLocation(string? Source, int? Line = null, int? Column = null, string? Pointer = null)
{
    public override string ToString()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Source))
        {
            parts.Add(Source);
        }

        if (Line is not null)
        {
            parts.Add(Column is not null ? $"line {Line}, column {Column}" : $"line {Line}");
        }

        if (!string.IsNullOrEmpty(Pointer))
        {
            parts.Add($"at {Pointer}");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>The document cannot be read. The message says what and where; it never carries a stack trace.</summary>
public class SchemaParseException : Exception
{
    public SchemaParseException(string message, SourceLocation? location = null, Exception? inner = null)
        : base(location is null ? message : $"{location}: {message}", inner)
    {
        Reason = message;
        Location = location;
    }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }

    public SourceLocation? Location { get; }
}

/// <summary>A named limit of <see cref="SchemaLimits"/> was exceeded.</summary>
public sealed class SchemaLimitException : SchemaParseException
{
    public SchemaLimitException(string limitName, long limit, string what, SourceLocation? location = null)
        : base($"{what} exceeds the limit {limitName} = {limit}.", location)
    {
        LimitName = limitName;
        Limit = limit;
    }

    public string LimitName { get; }

    public long Limit { get; }
}
namespace Tessera.Core.Common;

/// <summary>What kind of failure a <see cref="DomainException"/> is; the server maps each to one HTTP status.</summary>
public enum FailureKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Validation,
    PreconditionFailed,
}

/// <summary>
/// A request that the domain refuses: not found, forbidden, a uniqueness clash, a rule broken. Carries the
/// wire error code (<see cref="ErrorCodes"/>) and optional details. Never used for normal outcomes such as a
/// breaking change.
/// </summary>
public class DomainException : Exception
{
    public DomainException(FailureKind kind, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Details = details ?? new Dictionary<string, object?>();
    }

    public DomainException()
        : this(FailureKind.BadRequest, ErrorCodes.BadRequest, "Bad request")
    {
    }

    public DomainException(string message)
        : this(FailureKind.BadRequest, ErrorCodes.BadRequest, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = FailureKind.BadRequest;
        Code = ErrorCodes.BadRequest;
        Details = new Dictionary<string, object?>();
    }

    public FailureKind Kind { get; }

    public string Code { get; }

    public IReadOnlyDictionary<string, object?> Details { get; }

    public static DomainException NotFound(string code, string message) => new(FailureKind.NotFound, code, message);

    public static DomainException Conflict(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(FailureKind.Conflict, code, message, details);

    public static DomainException Bad(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(FailureKind.BadRequest, code, message, details);

    public static DomainException Forbidden(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(FailureKind.Forbidden, code, message, details);

    /// <summary>A 422 validation failure naming one field.</summary>
    public static DomainException Invalid(string field, string message, string type = "value_error") =>
        Invalid([new FieldError(field, message, type)]);

    public static DomainException Invalid(IReadOnlyList<FieldError> errors) =>
        new(FailureKind.Validation, ErrorCodes.ValidationError, "Request validation failed",
            new Dictionary<string, object?> { ["errors"] = errors });
}

/// <summary>One field that failed validation: <c>{field, message, type}</c> on the wire.</summary>
public sealed record FieldError(string Field, string Message, string Type);
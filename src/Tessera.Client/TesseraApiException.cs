using System.Net;

namespace Tessera.Client;

/// <summary>A non-2xx answer: the status and the parsed error envelope (when there was one).</summary>
public sealed class TesseraApiException : Exception
{
    public TesseraApiException(HttpStatusCode status, ErrorBody? error, string body)
        : base($"{(int)status} {error?.Code}: {error?.Message ?? body}")
    {
        Status = status;
        Error = error;
        Body = body;
    }

    public TesseraApiException()
    {
        Body = "";
    }

    public TesseraApiException(string message)
        : base(message) => Body = "";

    public TesseraApiException(string message, Exception innerException)
        : base(message, innerException) => Body = "";

    public HttpStatusCode Status { get; }

    public ErrorBody? Error { get; }

    public string Body { get; }
}
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Client;

namespace Tessera.Cli.Server;

/// <summary>
/// Turns a failed server call into one clear message on stderr and an exit code: 3 when the server cannot be reached
/// or is failing, 4 when it refuses the key, 2 when it refuses the request itself (bad document, unknown asset).
/// </summary>
internal static class ServerErrors
{
    public static int Report(Exception exception, Connection connection, TextWriter stderr, CancellationToken cancellationToken)
    {
        var server = connection.Url?.ToString().TrimEnd('/') ?? "the server";
        switch (exception)
        {
            case TesseraApiException api:
                return ReportApi(api, connection, server, stderr);
            case HttpRequestException http:
                stderr.WriteLine($"error: cannot reach the Tessera server at {server}: {Innermost(http)} (set --url or TESSERA_URL).");
                return ExitCodes.ServerUnavailable;
            case TaskCanceledException when !cancellationToken.IsCancellationRequested:
                stderr.WriteLine($"error: the Tessera server at {server} did not answer in time (raise --timeout).");
                return ExitCodes.ServerUnavailable;
            case OperationCanceledException:
                stderr.WriteLine("error: cancelled.");
                return ExitCodes.ServerUnavailable;
            case JsonException or NotSupportedException:
                stderr.WriteLine($"error: the answer from {server} is not a Tessera answer ({exception.Message}).");
                return ExitCodes.ServerUnavailable;
            default:
                throw exception;
        }
    }

    private static int ReportApi(TesseraApiException api, Connection connection, string server, TextWriter stderr)
    {
        var status = (int)api.Status;
        if (api.Error is null)
        {
            stderr.WriteLine($"error: {server} answered {status} {api.Status} without Tessera's error envelope; is TESSERA_URL a Tessera server?");
            return ExitCodes.ServerUnavailable;
        }

        var what = $"{status} {api.Error.Code}: {api.Error.Message}";
        switch (api.Status)
        {
            case HttpStatusCode.Unauthorized:
                stderr.WriteLine(connection.HasKey
                    ? $"error: the server refused the API key ({what}). Check TESSERA_API_KEY or --api-key."
                    : $"error: the server needs an API key ({what}). Set TESSERA_API_KEY or --api-key.");
                return ExitCodes.AuthenticationFailed;
            case HttpStatusCode.Forbidden:
                stderr.WriteLine($"error: permission denied ({what}).");
                return ExitCodes.AuthenticationFailed;
            case HttpStatusCode.TooManyRequests:
                stderr.WriteLine($"error: rate limited by the server ({what}); try again later.");
                return ExitCodes.ServerUnavailable;
            case HttpStatusCode.NotFound when api.Error.Code == "NOT_FOUND":
                stderr.WriteLine($"error: {server} has no such endpoint ({what}); is it a Tessera server of this version?");
                return ExitCodes.ServerUnavailable;
        }

        if (status >= 500)
        {
            stderr.WriteLine($"error: the server failed ({what}; request {api.Error.RequestId}).");
            return ExitCodes.ServerUnavailable;
        }

        stderr.WriteLine($"error: {what}");
        foreach (var line in DetailLines(api.Error.Details))
        {
            stderr.WriteLine("  " + line);
        }

        return ExitCodes.UsageOrParseError;
    }

    /// <summary>The lists a 4xx carries: parse errors, validation errors (<c>field: message</c>) and conflicts.</summary>
    private static IEnumerable<string> DetailLines(JsonObject? details)
    {
        if (details is null)
        {
            yield break;
        }

        foreach (var (key, value) in details)
        {
            if (value is not JsonArray items)
            {
                continue;
            }

            foreach (var item in items.Take(20))
            {
                yield return item switch
                {
                    JsonObject { } o when o["field"] is not null => $"{(string?)o["field"]}: {(string?)o["message"]}",
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    null => "null",
                    _ => $"{key}: {item.ToJsonString()}",
                };
            }

            if (items.Count > 20)
            {
                yield return $"... and {items.Count - 20} more {key}";
            }
        }
    }

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message.TrimEnd('.');
    }
}
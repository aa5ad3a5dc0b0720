using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Features;

using Tessera.Client;
using Tessera.Core.Common;

namespace Tessera.Server.Hosting;

/// <summary>
/// The one place that turns failures into the error envelope (DECISIONS §2): domain errors, bad JSON and
/// binding errors (422 <c>VALIDATION_ERROR</c>), empty framework 4xx responses (404, 405), and anything
/// unexpected (500 <c>INTERNAL_ERROR</c>, no stack trace).
/// </summary>
public static class ErrorEnvelope
{
    public static int StatusFor(FailureKind kind) => kind switch
    {
        FailureKind.BadRequest => StatusCodes.Status400BadRequest,
        FailureKind.Unauthorized => StatusCodes.Status401Unauthorized,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Validation => StatusCodes.Status422UnprocessableEntity,
        FailureKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status400BadRequest,
    };

    public static async Task WriteAsync(HttpContext http, int status, string code, string message, JsonObject? details = null)
    {
        if (http.Response.HasStarted)
        {
            return;
        }


        http.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["request_id"] = RequestIds.Get(http),
            ["timestamp"] = Timestamp(http),
        };
        if (details is { Count: > 0 })
        {
            error["details"] = details;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString());
    }

    public static Task WriteAsync(HttpContext http, DomainException e) =>
        WriteAsync(http, StatusFor(e.Kind), e.Code, e.Message, Details(e.Details));

    /// <summary>Middleware: catches every exception of the request and answers with the envelope.</summary>
    public static async Task CatchAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (DomainException e)
        {
            await WriteAsync(http, e);
        }
        catch (BadHttpRequestException e)
        {
            await WriteBindingErrorAsync(http, e);
        }
        catch (JsonException e)
        {
            await WriteValidationAsync(http, [new FieldError(JsonField(e.Path), "Invalid JSON: " + FirstLine(e.Message), "json_invalid")]);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tessera.Server.Errors");
            logger.LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            await WriteAsync(http, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "An unexpected error occurred");
        }
    }

    /// <summary>Status-code pages: an empty 4xx/5xx body from the framework (no route, wrong method) gets the envelope.</summary>
    public static async Task StatusCodePageAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var (code, message) = status switch
        {
            404 => (ErrorCodes.NotFound, "Not Found"),
            405 => (ErrorCodes.BadRequest, "Method Not Allowed"),
            415 => (ErrorCodes.ValidationError, "Unsupported media type: send application/json"),
            401 => (ErrorCodes.Unauthorized, "Unauthorized"),
            403 => (ErrorCodes.Forbidden, "Forbidden"),
            >= 500 => (ErrorCodes.InternalError, "An unexpected error occurred"),
            _ => (ErrorCodes.BadRequest, "Bad Request"),
        };
        var details = status == 415 ? Validation([new FieldError("body", message, "content_type")]) : null;
        await WriteAsync(http, status == 415 ? 422 : status, code, message, details);
    }

    public static Task WriteValidationAsync(HttpContext http, IReadOnlyList<FieldError> errors) =>
        WriteAsync(http, StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationError, "Request validation failed", Validation(errors));

    private static Task WriteBindingErrorAsync(HttpContext http, BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return WriteAsync(http, 413, ErrorCodes.ValidationError, "Request body too large");
        }

        if (e.InnerException is JsonException json)
        {
            return WriteValidationAsync(http, [new FieldError(JsonField(json.Path), "Invalid JSON: " + FirstLine(json.Message), "json_invalid")]);
        }

        // "Failed to bind parameter "Guid id" from "abc"." / "Required parameter "string q" was not provided".
        var message = e.Message;
        var field = "request";
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start >= 0 ? message.IndexOf('"', start + 1) : -1;
        if (start >= 0 && end > start)
        {
            var parameter = message[(start + 1)..end];
            field = parameter.Contains(' ', StringComparison.Ordinal) ? parameter[(parameter.LastIndexOf(' ') + 1)..] : parameter;
            field = JsonNamingPolicy.SnakeCaseLower.ConvertName(field);
        }

        var type = message.Contains("was not provided", StringComparison.Ordinal) ? "missing"
            : message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "json_invalid" : "type_error";
        if (message.Contains("Implicit body inferred", StringComparison.Ordinal) || message.Contains("request body", StringComparison.OrdinalIgnoreCase))
        {
            field = "body";
            type = "missing";
        }

        return WriteValidationAsync(http, [new FieldError(field, FirstLine(message), type)]);
    }

    private static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string FirstLine(string text)
    {
        var cut = text.IndexOfAny(['\r', '\n']);
        return cut < 0 ? text : text[..cut];
    }

    private static JsonObject Validation(IReadOnlyList<FieldError> errors) => new()
    {
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["message"] = e.Message, ["type"] = e.Type })]),
    };

    private static JsonObject? Details(IReadOnlyDictionary<string, object?> details)
    {
        if (details.Count == 0)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, value) in details)
        {
            result[key] = value switch
            {
                IReadOnlyList<FieldError> errors => Validation(errors)["errors"]!.DeepClone(),
                JsonNode node => node.DeepClone(),
                null => null,
                _ => JsonSerializer.SerializeToNode(value, WireJson.Options),
            };
        }

        return result;
    }

    private static string Timestamp(HttpContext http)
    {
        var clock = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        return clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary><c>X-Request-ID</c>: echoed when sent (if sane), generated otherwise; kept for error bodies.</summary>
public static class RequestIds
{
    private const string Header = "X-Request-ID";
    private const string Key = "tessera.request_id";

    public static string Get(HttpContext http) => http.Items[Key] as string ?? http.TraceIdentifier;

    public static Task AssignAsync(HttpContext http, RequestDelegate next)
    {
        var sent = http.Request.Headers[Header].ToString();
        var id = sent.Length is > 0 and <= 128 && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? sent
            : Guid.NewGuid().ToString();
        http.Items[Key] = id;
        http.Response.Headers[Header] = id;
        return next(http);
    }
}

/// <summary>The security headers of api.md §3.21 on every response.</summary>
public static class SecurityHeaders
{
    public static Task ApplyAsync(HttpContext http, RequestDelegate next, bool production)
    {
        var headers = http.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.XXSSProtection = "1; mode=block";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "geolocation=(), microphone=(), camera=(), payment=()";
        if (production)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        var path = http.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/docs") || path.StartsWithSegments("/scalar")
            ? "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com https://cdn.jsdelivr.net; font-src 'self' https://fonts.gstatic.com data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
            : "default-src 'none'; frame-ancestors 'none'";
        return next(http);
    }
}

internal static class HttpFeatures
{
    public static bool HasEndpoint(HttpContext http) => http.Features.Get<IEndpointFeature>()?.Endpoint is not null;
}
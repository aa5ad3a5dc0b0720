using System.Text.Json;

using Tessera.Core.Common;

namespace Tessera.Server.Endpoints;

/// <summary>
/// Reads the JSON body of endpoints where a body is optional (proposal force and publish: the official SDK sends
/// none). No body, or a JSON <c>null</c>, is "nothing sent"; a body that is not JSON, or JSON of the wrong shape,
/// is a 422 like any other bad body, never a 500.
/// </summary>
public static class OptionalBody
{
    public static async Task<T?> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken)
        where T : class
    {
        var request = http.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)))
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw DomainException.Invalid("body", "Unsupported media type: send application/json (or no body)", "content_type");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), options);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw DomainException.Invalid(field, "Invalid JSON: " + e.Message.Split('\n')[0].TrimEnd('\r'), "json_invalid");
        }
    }
}
using System.Text.Json;
using System.Text.Json.Serialization;

using Tessera.Core.Common;

namespace Tessera.Server.Hosting;

/// <summary>
/// Text with a NUL character is never valid input, and PostgreSQL cannot store one in a text column (it fails the
/// statement, which would surface as a 500). Request strings are refused at the edge instead: in JSON bodies by
/// <see cref="Converter"/> (a 422 naming the field) and in query strings by <see cref="RejectInQueryAsync"/>.
/// JSON documents kept as JSON (schemas, metadata) are stored escaped and are not affected.
/// </summary>
public static class NulText
{
    public static async Task RejectInQueryAsync(HttpContext http, RequestDelegate next)
    {
        foreach (var (key, values) in http.Request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                await ErrorEnvelope.WriteValidationAsync(http, [new FieldError(key.Replace("\0", "", StringComparison.Ordinal), $"{key.Replace("\0", "", StringComparison.Ordinal)} must not contain NUL characters", "value_error")]);
                return;
            }
        }

        await next(http);
    }

    /// <summary>Reads JSON strings, refusing any that contain U+0000.</summary>
    public sealed class Converter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return text is not null && text.Contains('\0', StringComparison.Ordinal)
                ? throw new JsonException("text must not contain NUL characters")
                : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
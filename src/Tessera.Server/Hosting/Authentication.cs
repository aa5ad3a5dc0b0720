using System.Security.Cryptography;
using System.Text;

using Tessera.Core.Access;
using Tessera.Core.ApiKeys;
using Tessera.Core.Common;

namespace Tessera.Server.Hosting;

/// <summary>
/// Resolves the caller of every <c>/api/</c> request (api.md §3.16): AUTH_DISABLED → admin; no header → 401
/// <c>MISSING_API_KEY</c>; not Bearer → 401 <c>INVALID_AUTH_HEADER</c>; BOOTSTRAP_API_KEY → admin; a stored key
/// → its team and scopes; anything else → 401 <c>INVALID_API_KEY</c>.
/// </summary>
public static class Authentication
{
    private const string Key = "tessera.caller";

    public static Caller Caller(this HttpContext http) =>
        http.Items[Key] as Caller ?? throw new DomainException(FailureKind.Unauthorized, ErrorCodes.Unauthorized, "Not authenticated");

    public static async Task AuthenticateAsync(HttpContext http, RequestDelegate next)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }

        var options = http.RequestServices.GetRequiredService<TesseraOptions>();
        var bootstrapper = http.RequestServices.GetRequiredService<Bootstrapper>();
        var ct = http.RequestAborted;
        if (options.AuthDisabled)
        {
            http.Items[Key] = Core.Access.Caller.Admin(await bootstrapper.AdminContextTeamAsync(ct));
            await next(http);
            return;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new DomainException(FailureKind.Unauthorized, ErrorCodes.MissingApiKey, "Missing API key: send Authorization: Bearer <key>");
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            throw new DomainException(FailureKind.Unauthorized, ErrorCodes.InvalidAuthHeader, "The Authorization header must be 'Bearer <key>'");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (options.BootstrapApiKey is { } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bootstrap)))
        {
            http.Items[Key] = Core.Access.Caller.Admin(await bootstrapper.AdminContextTeamAsync(ct));
            await next(http);
            return;
        }

        var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
        http.Items[Key] = await keys.AuthenticateAsync(presented, ct)
            ?? throw new DomainException(FailureKind.Unauthorized, ErrorCodes.InvalidApiKey, "Invalid or expired API key");
        await next(http);
    }
}
using System.Security.Cryptography;
using System.Text;

using Tessera.Core.Access;
using Tessera.Core.ApiKeys;
using Tessera.Core.Common;

namespace Tessera.Server.Hosting;

/// <summary>
/// Resolves the caller of every <c>/api/</c> request (api.md §3.16): AUTH_DISABLED → admin; no header → 401
/// <c>MISSING_API_KEY</c>; not Bearer → 401 <c>INVALID_AUTH_HEADER</c>; BOOTSTRAP_API_KEY → admin; a stored key
/// → its team and scopes; anything else → 401 <c>INVALID_API_KEY</c>. Failed attempts count against the client IP's
/// auth limit (<see cref="FailedAuthentications"/>); an address over it gets 429 before its key is looked at.
/// </summary>
public static class Authentication
{
    private const string Key = "tessera.caller";
    private const string ClientItem = "tessera.client";

    public static Caller Caller(this HttpContext http) =>
        http.Items[Key] as Caller ?? throw new DomainException(FailureKind.Unauthorized, ErrorCodes.Unauthorized, "Not authenticated");

    public static Caller? CallerOrNull(this HttpContext http) => http.Items[Key] as Caller;

    /// <summary>
    /// Who a request counts against for rate limits: <c>key:&lt;id&gt;</c> for a stored API key, <c>bootstrap</c> for
    /// BOOTSTRAP_API_KEY, else <c>ip:&lt;address&gt;</c> (anonymous requests, AUTH_DISABLED).
    /// </summary>
    public static string ClientKey(HttpContext http) => http.Items[ClientItem] as string ?? "ip:" + ClientAddress(http);

    /// <summary>The peer address (behind a proxy: whatever the forwarded-headers set-up made of it).</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

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

        var failures = http.RequestServices.GetRequiredService<FailedAuthentications>();
        var address = ClientAddress(http);
        if (failures.IsBlocked(address, out var retryAfter))
        {
            await RateLimiting.WriteRejectionAsync(http, "auth", failures.Limit, retryAfter);
            return;
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            failures.RecordFailure(address);
            throw new DomainException(FailureKind.Unauthorized, ErrorCodes.InvalidAuthHeader, "The Authorization header must be 'Bearer <key>'");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (options.BootstrapApiKey is { } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bootstrap)))
        {
            http.Items[Key] = Core.Access.Caller.Admin(await bootstrapper.AdminContextTeamAsync(ct));
            http.Items[ClientItem] = "bootstrap";
            await next(http);
            return;
        }

        var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
        var caller = await keys.AuthenticateAsync(presented, ct);
        if (caller is null)
        {
            failures.RecordFailure(address);
            throw new DomainException(FailureKind.Unauthorized, ErrorCodes.InvalidApiKey, "Invalid or expired API key");
        }

        http.Items[Key] = caller;
        http.Items[ClientItem] = "key:" + caller.ApiKeyId;
        await next(http);
    }
}
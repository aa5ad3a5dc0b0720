using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.RateLimiting;

using Tessera.Core.Common;

namespace Tessera.Server.Hosting;

/// <summary>The rate-limit tier an endpoint is counted in (api.md §3.18, DECISIONS §3.9).</summary>
public enum RateLimitTier
{
    /// <summary>Reads (GET-style endpoints).</summary>
    Read,

    /// <summary>Mutations.</summary>
    Write,

    /// <summary>API keys, audit trail, webhook deliveries, sync importers, proposal force.</summary>
    Admin,

    /// <summary>Engine-heavy calls: contract diff and compare, impact, impact preview, compatibility check.</summary>
    Expensive,
}

/// <summary>Endpoint metadata naming the endpoint's tier; every <c>/api/v1</c> endpoint carries one (a test checks).</summary>
public sealed record RateLimitTierMetadata(RateLimitTier Tier);

/// <summary>
/// Rate limits with ASP.NET Core's rate limiter (<c>System.Threading.RateLimiting</c>): one fixed-window policy per
/// tier, partitioned per client (the API key; the bootstrap key; else the client IP), with agent keys on their own
/// limits; a global fixed window per client over all <c>/api</c> requests; and failed authentications counted per
/// client IP (<see cref="FailedAuthentications"/>). In-memory per process. A refusal is 429
/// <c>RATE_LIMIT_EXCEEDED</c> in the error envelope with <c>Retry-After</c> and <c>X-RateLimit-*</c> headers.
/// </summary>
public static class RateLimiting
{
    public const string ErrorCode = "RATE_LIMIT_EXCEEDED";
    private const string AppliedKey = "tessera.rate_limit";

    /// <summary>Counts the endpoint in <paramref name="tier"/>. Every <c>/api/v1</c> endpoint needs one.</summary>
    public static TBuilder RequireRateLimitTier<TBuilder>(this TBuilder builder, RateLimitTier tier) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitTierMetadata(tier)).RequireRateLimiting(PolicyName(tier));

    public static string PolicyName(RateLimitTier tier) => "tier:" + Name(tier);

    public static string Name(RateLimitTier tier) => tier.ToString().ToLowerInvariant();

    public static IServiceCollection AddTesseraRateLimiting(this IServiceCollection services, TesseraOptions options)
    {
        services.AddSingleton<FailedAuthentications>();
        services.AddRateLimiter(o =>
        {
            var limits = options.RateLimits;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                http.Items[AppliedKey] = new Applied("global", limits.Global);
                return RateLimitPartition.GetFixedWindowLimiter(Authentication.ClientKey(http), _ => Window(limits.Global));
            });
            foreach (var tier in Enum.GetValues<RateLimitTier>())
            {
                o.AddPolicy(PolicyName(tier), http =>
                {
                    var agent = http.CallerOrNull()?.IsAgent ?? false;
                    var limit = limits.For(tier, agent);
                    http.Items[AppliedKey] = new Applied(Name(tier), limit);
                    return RateLimitPartition.GetFixedWindowLimiter((agent ? "agent:" : "human:") + Authentication.ClientKey(http), _ => Window(limit));
                });
            }

            o.OnRejected = (context, _) =>
            {
                var applied = context.HttpContext.Items[AppliedKey] as Applied ?? new Applied("global", limits.Global);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : applied.Limit.Window;
                return new ValueTask(WriteRejectionAsync(context.HttpContext, applied.Tier, applied.Limit, retryAfter));
            };
        });
        return services;
    }

    public static FixedWindowRateLimiterOptions Window(RateLimit limit) => new()
    {
        PermitLimit = limit.Permits,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>429 <c>RATE_LIMIT_EXCEEDED</c> in the envelope, with <c>Retry-After</c> and <c>X-RateLimit-*</c>.</summary>
    public static Task WriteRejectionAsync(HttpContext http, string tier, RateLimit limit, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var headers = http.Response.Headers;
        headers.RetryAfter = seconds;
        headers["X-RateLimit-Limit"] = limit.Permits.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = "0";
        headers["X-RateLimit-Reset"] = seconds;
        var what = tier switch
        {
            "auth" => "failed authentications from this address",
            "global" => "requests of one client",
            _ => tier + " requests",
        };
        return ErrorEnvelope.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCode,
            $"Too Many Requests: limit {limit} for {what}; retry after {seconds} s",
            new JsonObject { ["tier"] = tier, ["limit"] = limit.ToString(), ["retry_after_seconds"] = long.Parse(seconds, CultureInfo.InvariantCulture) });
    }

    private sealed record Applied(string Tier, RateLimit Limit);
}

/// <summary>
/// The auth tier: failed authentications (a malformed header, an unknown, revoked or expired key) counted per client
/// IP in a fixed window. Once an address has used up its window, every request from it that presents credentials is
/// refused with 429 before the key is even looked at, so guessing cannot go on; successful authentications are not
/// counted.
/// </summary>
public sealed class FailedAuthentications : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public FailedAuthentications(TesseraOptions options)
    {
        Limit = options.RateLimits.Auth;
        if (options.RateLimitEnabled)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address =>
                RateLimitPartition.GetFixedWindowLimiter(address, _ => RateLimiting.Window(Limit)));
        }
    }

    public RateLimit Limit { get; }

    /// <summary>True when <paramref name="address"/> has no failed attempts left in this window.</summary>
    public bool IsBlocked(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return false;
        }

        using var lease = _limiter.AttemptAcquire(address, 0);
        if (lease.IsAcquired)
        {
            return false;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Limit.Window;
        return true;
    }

    public void RecordFailure(string address)
    {
        if (_limiter is not null)
        {
            using var lease = _limiter.AttemptAcquire(address, 1);
        }
    }

    public void Dispose() => _limiter?.Dispose();
}
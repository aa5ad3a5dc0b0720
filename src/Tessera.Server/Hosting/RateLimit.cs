using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.Server.Hosting;

/// <summary>
/// A fixed-window limit such as <c>100/minute</c> (the original's notation: <c>100/minute</c>, <c>100 per minute</c>,
/// <c>10/5 minutes</c>; units second, minute, hour, day).
/// </summary>
public sealed partial record RateLimit(int Permits, TimeSpan Window)
{
    public const int MaxPermits = 100_000_000;

    public static RateLimit PerMinute(int permits) => new(permits, TimeSpan.FromMinutes(1));

    /// <summary>Parses <paramref name="text"/>; a bad value throws <see cref="OptionsException"/> naming <paramref name="key"/>.</summary>
    public static RateLimit Parse(string key, string text)
    {
        var match = Notation().Match(text);
        if (!match.Success)
        {
            throw new OptionsException(key, $"must look like '100/minute' (a count, then per second, minute, hour or day), not '{text}'");
        }

        if (!int.TryParse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var permits) || permits is < 1 or > MaxPermits)
        {
            throw new OptionsException(key, $"must allow from 1 to {MaxPermits} requests per window, not '{text}'");
        }

        var multiplier = 1;
        if (match.Groups["multiplier"].Success
            && (!int.TryParse(match.Groups["multiplier"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out multiplier) || multiplier is < 1 or > 1000))
        {
            throw new OptionsException(key, $"must have a window of 1 to 1000 units, not '{text}'");
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "second" => TimeSpan.FromSeconds(1),
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        };
        return new RateLimit(permits, unit * multiplier);
    }

    /// <summary>The limit in the notation it is configured with, e.g. <c>100/minute</c> or <c>10/5 minutes</c>.</summary>
    public override string ToString()
    {
        (TimeSpan Size, string Name)[] units = [(TimeSpan.FromDays(1), "day"), (TimeSpan.FromHours(1), "hour"), (TimeSpan.FromMinutes(1), "minute")];
        foreach (var (size, name) in units)
        {
            if (Window >= size && Window.Ticks % size.Ticks == 0)
            {
                var count = Window.Ticks / size.Ticks;
                return count == 1 ? $"{Permits}/{name}" : $"{Permits}/{count} {name}s";
            }
        }

        var seconds = (long)Window.TotalSeconds;
        return seconds == 1 ? $"{Permits}/second" : $"{Permits}/{seconds} seconds";
    }

    [GeneratedRegex(@"^\s*(?<count>\d{1,10})\s*(?:/|per)\s*(?:(?<multiplier>\d{1,4})\s*)?(?<unit>second|minute|hour|day)s?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Notation();
}

/// <summary>
/// The limits of every tier (api.md §3.18, §4; DECISIONS §3.9): human and agent limits per tier, failed
/// authentications per client IP, and a global cap per client across tiers.
/// </summary>
public sealed record RateLimitSettings
{
    public RateLimit Read { get; init; } = RateLimit.PerMinute(1000);

    public RateLimit Write { get; init; } = RateLimit.PerMinute(100);

    public RateLimit Admin { get; init; } = RateLimit.PerMinute(50);

    public RateLimit Expensive { get; init; } = RateLimit.PerMinute(20);

    public RateLimit AgentRead { get; init; } = RateLimit.PerMinute(5000);

    public RateLimit AgentWrite { get; init; } = RateLimit.PerMinute(500);

    public RateLimit AgentAdmin { get; init; } = RateLimit.PerMinute(250);

    /// <summary>Ours (<c>RATE_LIMIT_AGENT_EXPENSIVE</c>); defaults to the human expensive limit, as in the original.</summary>
    public RateLimit AgentExpensive { get; init; } = RateLimit.PerMinute(20);

    /// <summary>Failed authentications per client IP (successful ones are not counted).</summary>
    public RateLimit Auth { get; init; } = RateLimit.PerMinute(30);

    /// <summary>All <c>/api</c> requests of one client, whatever the tier.</summary>
    public RateLimit Global { get; init; } = RateLimit.PerMinute(5000);

    public RateLimit For(RateLimitTier tier, bool agent) => tier switch
    {
        RateLimitTier.Read => agent ? AgentRead : Read,
        RateLimitTier.Write => agent ? AgentWrite : Write,
        RateLimitTier.Admin => agent ? AgentAdmin : Admin,
        _ => agent ? AgentExpensive : Expensive,
    };

    public static RateLimitSettings Load(Func<string, string?> get)
    {
        RateLimit Limit(string key, RateLimit fallback) => get(key) is { } text ? RateLimit.Parse(key, text) : fallback;

        var defaults = new RateLimitSettings();
        var expensive = Limit("RATE_LIMIT_EXPENSIVE", defaults.Expensive);
        return new RateLimitSettings
        {
            Read = Limit("RATE_LIMIT_READ", defaults.Read),
            Write = Limit("RATE_LIMIT_WRITE", defaults.Write),
            Admin = Limit("RATE_LIMIT_ADMIN", defaults.Admin),
            Expensive = expensive,
            AgentRead = Limit("RATE_LIMIT_AGENT_READ", defaults.AgentRead),
            AgentWrite = Limit("RATE_LIMIT_AGENT_WRITE", defaults.AgentWrite),
            AgentAdmin = Limit("RATE_LIMIT_AGENT_ADMIN", defaults.AgentAdmin),
            AgentExpensive = Limit("RATE_LIMIT_AGENT_EXPENSIVE", expensive),
            Auth = Limit("RATE_LIMIT_AUTH", defaults.Auth),
            Global = Limit("RATE_LIMIT_GLOBAL", defaults.Global),
        };
    }
}
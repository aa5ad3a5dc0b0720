using System.CommandLine;
using System.Net.Http.Headers;

using Tessera.Client;

namespace Tessera.Cli.Server;

/// <summary>
/// The options every command that talks to a server shares: <c>--url</c> (else <c>TESSERA_URL</c>, else
/// http://localhost:8000), <c>--api-key</c> (else <c>TESSERA_API_KEY</c>) and <c>--timeout</c>.
/// </summary>
internal sealed class ServerOptions
{
    public const string DefaultUrl = "http://localhost:8000";

    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The Tessera server. Default: $TESSERA_URL, else {DefaultUrl}.",
    };

    public Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key sent as a bearer token. Default: $TESSERA_API_KEY (preferred: arguments are visible to other processes).",
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the server's answer to one request.",
        DefaultValueFactory = _ => 300,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
        command.Options.Add(Timeout);
    }

    /// <summary>
    /// The client for the chosen server, or an error message for a URL that is not absolute http(s) or a timeout
    /// that is not positive (both usage errors).
    /// </summary>
    public Connection Connect(ParseResult parseResult, CliContext context)
    {
        var urlText = parseResult.GetValue(Url) ?? NonEmpty(context.Environment("TESSERA_URL")) ?? DefaultUrl;
        if (!Uri.TryCreate(urlText.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
        {
            return Connection.Failed($"the server URL '{urlText}' is not an absolute http:// or https:// URL (set --url or TESSERA_URL).");
        }

        var seconds = parseResult.GetValue(Timeout);
        if (seconds <= 0)
        {
            return Connection.Failed($"--timeout must be a positive number of seconds, not {seconds}.");
        }

        var key = parseResult.GetValue(ApiKey) ?? NonEmpty(context.Environment("TESSERA_API_KEY"));
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(seconds) };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tessera-cli", typeof(ServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        }

        return new Connection(new TesseraClient(http), url, key is not null, null);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A client for one server, or the reason there is none.</summary>
internal sealed record Connection(TesseraClient? Client, Uri? Url, bool HasKey, string? Error)
{
    public static Connection Failed(string error) => new(null, null, false, error);
}
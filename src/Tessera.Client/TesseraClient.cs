using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tessera.Client;

/// <summary>
/// Typed client of the Tessera HTTP API. Wraps an <see cref="HttpClient"/> whose base address is the server;
/// every non-2xx answer throws <see cref="TesseraApiException"/> with the error envelope.
/// </summary>
public sealed partial class TesseraClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static TesseraClient Create(Uri baseAddress, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return new TesseraClient(http);
    }

    public Task<TeamResponse> CreateTeamAsync(CreateTeamRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TeamResponse>("/api/v1/teams", request, cancellationToken);

    public Task<TeamResponse> GetTeamAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<TeamResponse>($"/api/v1/teams/{id}", cancellationToken);

    public Task<PageResponse<TeamResponse>> ListTeamsAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        GetAsync<PageResponse<TeamResponse>>($"/api/v1/teams{Query(("limit", limit), ("offset", offset))}", cancellationToken);

    public Task<ApiKeyResponse> CreateApiKeyAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ApiKeyResponse>("/api/v1/api-keys", request, cancellationToken);

    public Task<AssetResponse> CreateAssetAsync(CreateAssetRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<AssetResponse>("/api/v1/assets", request, cancellationToken);

    public Task<AssetResponse> GetAssetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<AssetResponse>($"/api/v1/assets/{id}", cancellationToken);

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default)
    {
        using var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: WireJson.Options);
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<T> PatchAsync<T>(string path, object body, CancellationToken cancellationToken = default)
    {
        using var content = JsonContent.Create(body, body.GetType(), options: WireJson.Options);
        using var response = await Http.PatchAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.DeleteAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public static string Query(params (string Name, object? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value is bool b ? (b ? "true" : "false") : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancellationToken)
            ?? throw new TesseraApiException(response.StatusCode, null, "empty body");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize<ErrorResponse>(text, WireJson.Options)?.Error;
        }
        catch (JsonException)
        {
            error = null;
        }

        throw new TesseraApiException(response.StatusCode, error, text);
    }
}
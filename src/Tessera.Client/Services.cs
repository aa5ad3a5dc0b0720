namespace Tessera.Client;

/// <summary>A service inside a repo; <c>owner_team_id</c> is the repo's owner team.</summary>
public sealed record ServiceResponse(
    Guid Id, string Name, Guid RepoId, string RootPath, string? OtelServiceName, Guid OwnerTeamId, DateTime CreatedAt, DateTime UpdatedAt,
    int AssetCount);

public sealed record CreateServiceRequest(string? Name, Guid? RepoId, string? RootPath = null, string? OtelServiceName = null);

/// <summary>A service change: <c>root_path</c> and <c>otel_service_name</c> (empty clears it); <c>name</c> and <c>repo_id</c> are immutable.</summary>
public sealed record UpdateServiceRequest(string? RootPath = null, string? OtelServiceName = null, string? Name = null, Guid? RepoId = null);

public sealed partial class TesseraClient
{
    public Task<ServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ServiceResponse>("/api/v1/services", request, cancellationToken);

    public Task<ServiceResponse> GetServiceAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<ServiceResponse>($"/api/v1/services/{id}", cancellationToken);

    public Task<PageResponse<ServiceResponse>> ListServicesAsync(Guid? repoId = null, Guid? teamId = null, string? otelServiceName = null,
        int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        GetAsync<PageResponse<ServiceResponse>>(
            $"/api/v1/services{Query(("repo_id", repoId), ("team_id", teamId), ("otel_service_name", otelServiceName), ("limit", limit), ("offset", offset))}",
            cancellationToken);

    public Task<PageResponse<AssetResponse>> ListServiceAssetsAsync(Guid id, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        GetAsync<PageResponse<AssetResponse>>($"/api/v1/services/{id}/assets{Query(("limit", limit), ("offset", offset))}", cancellationToken);

    public Task<ServiceResponse> UpdateServiceAsync(Guid id, UpdateServiceRequest request, CancellationToken cancellationToken = default) =>
        PatchAsync<ServiceResponse>($"/api/v1/services/{id}", request, cancellationToken);

    public Task DeleteServiceAsync(Guid id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"/api/v1/services/{id}", cancellationToken);
}
using System.Text.Json.Nodes;

namespace Tessera.Client;

/// <summary>
/// Body of <c>POST /api/v1/compat/check-compat</c>: a raw OpenAPI, protobuf or GraphQL document checked against the
/// active contracts without publishing. <c>operation</c>, <c>files</c>, <c>spec_path</c> and <c>schema_name</c> are
/// additions to the original's shape: the operation selector paired with <c>asset_fqn</c>, the other files of a protobuf
/// package (with <c>spec_path</c>, the import path of <c>spec_content</c> among them), and the GraphQL schema name the
/// importer used.
/// </summary>
public sealed record CheckCompatRequest(
    string? SpecContent = null, string? SpecFormat = null, string? AssetFqn = null, string? Operation = null, string? ServiceName = null,
    string? Environment = null, IReadOnlyList<SyncFile>? Files = null, string? SchemaName = null, string? SpecPath = null);

/// <summary>The verdict of a pre-publish check: one result per operation of the document.</summary>
public sealed record CheckCompatResponse(
    bool IsBreaking, string SpecFormat, int TotalEndpoints, int Checked, int NewEndpoints, IReadOnlyList<CheckCompatResult> Results,
    IReadOnlyList<string> ParseErrors);

/// <summary>
/// One operation: <c>change_type</c> is <c>new</c> when no asset or no active contract has its name, else
/// <c>patch</c>, <c>minor</c> or <c>major</c>. <c>operation</c> names it in the document (<c>GET /users/{id}</c>,
/// <c>query.user</c>, <c>users.UserService/GetUser</c>).
/// </summary>
public sealed record CheckCompatResult(
    string Fqn, bool IsBreaking, string ChangeType, JsonArray BreakingChanges, JsonArray NonBreakingChanges, string? CurrentVersion,
    string? CompatibilityMode, string? Operation = null, Guid? AssetId = null, bool Unchanged = false);

/// <summary>The pre-publish check.</summary>
public sealed partial class TesseraClient
{
    /// <summary>
    /// <c>POST /api/v1/compat/check-compat</c>. <paramref name="compatibilityModeOverride"/> judges every operation under
    /// that mode instead of its contract's.
    /// </summary>
    public Task<CheckCompatResponse> CheckCompatAsync(CheckCompatRequest request, string? compatibilityModeOverride = null,
        CancellationToken cancellationToken = default) =>
        PostAsync<CheckCompatResponse>($"/api/v1/compat/check-compat{Query(("compatibility_mode_override", compatibilityModeOverride))}", request,
            cancellationToken);

    /// <summary>The same call, returning the answer as sent (so that fields newer than this client are kept).</summary>
    public Task<JsonObject> CheckCompatRawAsync(CheckCompatRequest request, string? compatibilityModeOverride = null,
        CancellationToken cancellationToken = default) =>
        PostAsync<JsonObject>($"/api/v1/compat/check-compat{Query(("compatibility_mode_override", compatibilityModeOverride))}", request,
            cancellationToken);
}
using System.Net;
using System.Text.Json.Nodes;

using Tessera.Client;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests.Sync;

/// <summary>Real documents under TestData/Sync, and the counts that prove nothing was written.</summary>
public static class SyncTestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Sync", name));

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Total audit events, assets and source documents (through contracts) the server holds.</summary>
    public static async Task<(int Audit, int Assets)> CountsAsync(TesseraApplication app)
    {
        var audit = await app.Admin.GetAsync<PageResponse<AuditEventResponse>>("/api/v1/audit/events?limit=1");
        var assets = await app.Admin.GetAsync<PageResponse<AssetResponse>>("/api/v1/assets?limit=1");
        return (audit.Total, assets.Total);
    }

    public static async Task<PageResponse<ContractResponse>> ContractsAsync(TesseraApplication app, Guid assetId) =>
        await app.Admin.GetAsync<PageResponse<ContractResponse>>($"/api/v1/assets/{assetId}/contracts");

    /// <summary>POSTs a raw body to a sync endpoint as admin (or with <paramref name="client"/>).</summary>
    public static async Task<HttpResponseMessage> PostAsync(TesseraApplication app, string path, JsonNode body, TesseraClient? client = null) =>
        await (client ?? app.Admin).Http.PostAsync(new Uri("/api/v1/sync/" + path, UriKind.Relative), HttpAssert.Json(body));

    public static SyncItemResponse Item(SyncImportResponse response, string fqnSuffix) =>
        Assert.Single(response.Items, i => i.Fqn.EndsWith(fqnSuffix, StringComparison.Ordinal));

    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code) =>
        await HttpAssert.ErrorAsync(response, status, code);
}
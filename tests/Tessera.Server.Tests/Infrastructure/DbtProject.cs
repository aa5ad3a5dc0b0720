using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Core.Persistence;

namespace Tessera.Server.Tests.Infrastructure;

/// <summary>
/// A jaffle-shop dbt project (TestData/dbt/jaffle_shop.manifest.json, a manifest in dbt 1.8's shape) owned by
/// three fresh teams, with its own database name and package so that tests sharing one server do not meet.
/// <c>core</c> owns the staging layer, seed, snapshot and app sources; <c>analytics</c> the marts (an analyst
/// owns <c>customers</c>); <c>finance</c> the revenue model and the Stripe source, and consumes the marts.
/// </summary>
public sealed class DbtProject
{
    private static readonly string Template =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dbt", "jaffle_shop.manifest.json"));

    public required TesseraApplication App { get; init; }

    public required Actor Core { get; init; }

    public required Actor Analytics { get; init; }

    public required Actor Finance { get; init; }

    public required UserResponse Analyst { get; init; }

    /// <summary>The warehouse database of the project (unique per project).</summary>
    public required string Db { get; init; }

    /// <summary>The dbt package (project) name (unique per project).</summary>
    public required string Pkg { get; init; }

    public static async Task<DbtProject> CreateAsync(TesseraApplication app)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var analytics = await app.CreateActorAsync("analytics-" + suffix);
        var analyst = await app.Admin.PostAsync<UserResponse>("/api/v1/users",
            new CreateUserRequest("analyst" + suffix, "Ana Lyst", $"analyst-{suffix}@example.com", TeamId: analytics.Team.Id));
        return new DbtProject
        {
            App = app,
            Core = await app.CreateActorAsync("core-" + suffix),
            Analytics = analytics,
            Finance = await app.CreateActorAsync("finance-" + suffix),
            Analyst = analyst,
            Db = "wh_" + suffix,
            Pkg = "jaffle_" + suffix,
        };
    }

    /// <summary>A fresh copy of the v1 manifest for this project.</summary>
    public JsonObject Manifest() => JsonNode.Parse(new StringBuilder(Template)
        .Replace("{{pkg}}", Pkg).Replace("{{db}}", Db).Replace("{{core}}", Core.Team.Name).Replace("{{analytics}}", Analytics.Team.Name)
        .Replace("{{finance}}", Finance.Team.Name).Replace("{{analyst}}", Analyst.Email).ToString())!.AsObject();

    public string Id(string kind, string name) => $"{kind}.{Pkg}.{name}";

    /// <summary>The FQN of a node in the project's warehouse database (sources live in <c>raw_&lt;db&gt;</c>).</summary>
    public string Fqn(string schema, string name) => $"{Db}.{schema}.{name}";

    public string SourceFqn(string schema, string name) => $"raw_{Db}.{schema}.{name}";

    public static JsonObject Node(JsonObject manifest, string id) =>
        (id.StartsWith("source.", StringComparison.Ordinal) ? manifest["sources"] : manifest["nodes"])![id]!.AsObject();

    public static void AddColumn(JsonObject manifest, string id, string column, string type, string description = "") =>
        Node(manifest, id)["columns"]![column] = new JsonObject
        {
            ["name"] = column,
            ["description"] = description,
            ["meta"] = new JsonObject(),
            ["data_type"] = type,
            ["constraints"] = new JsonArray(),
            ["quote"] = null,
            ["tags"] = new JsonArray(),
        };

    public static void RemoveColumn(JsonObject manifest, string id, string column) => Node(manifest, id)["columns"]!.AsObject().Remove(column);

    public static void SetType(JsonObject manifest, string id, string column, string type) => Node(manifest, id)["columns"]![column]!["data_type"] = type;

    /// <summary>Removes a node (and the tests attached to it) from the manifest.</summary>
    public static void RemoveNode(JsonObject manifest, string id)
    {
        (id.StartsWith("source.", StringComparison.Ordinal) ? manifest["sources"] : manifest["nodes"])!.AsObject().Remove(id);
        var nodes = manifest["nodes"]!.AsObject();
        foreach (var test in nodes.Where(p => p.Key.StartsWith("test.", StringComparison.Ordinal)
            && (string?)p.Value!["attached_node"] == id).Select(p => p.Key).ToList())
        {
            nodes.Remove(test);
        }
    }

    /// <summary>Adds a model owned by <paramref name="ownerTeam"/> reading <paramref name="dependsOn"/>.</summary>
    public void AddModel(JsonObject manifest, string name, string ownerTeam, string[] dependsOn, params (string Column, string Type)[] columns)
    {
        var cols = new JsonObject();
        foreach (var (column, type) in columns)
        {
            cols[column] = new JsonObject { ["name"] = column, ["description"] = "", ["meta"] = new JsonObject(), ["data_type"] = type, ["constraints"] = new JsonArray() };
        }

        manifest["nodes"]![Id("model", name)] = new JsonObject
        {
            ["database"] = Db,
            ["schema"] = "marts",
            ["name"] = name,
            ["resource_type"] = "model",
            ["package_name"] = Pkg,
            ["path"] = $"marts/{name}.sql",
            ["original_file_path"] = $"models/marts/{name}.sql",
            ["unique_id"] = Id("model", name),
            ["fqn"] = new JsonArray(Pkg, "marts", name),
            ["alias"] = name,
            ["config"] = new JsonObject { ["enabled"] = true, ["materialized"] = "table", ["contract"] = new JsonObject { ["enforced"] = false } },
            ["tags"] = new JsonArray(),
            ["description"] = "",
            ["columns"] = cols,
            ["meta"] = new JsonObject { ["tessera"] = new JsonObject { ["owner_team"] = ownerTeam } },
            ["depends_on"] = new JsonObject { ["macros"] = new JsonArray(), ["nodes"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]) },
        };
    }

    public Task<DbtSyncUploadResponse> UploadAsync(JsonObject manifest, DbtUploadOptions options) =>
        App.Admin.UploadDbtManifestAsync(manifest.ToJsonString(), options);

    /// <summary>The usual v1 options: the core team owns what has no owner; publish contracts; register consumers.</summary>
    public DbtUploadOptions Publish(bool proposals = false, string? conflictMode = null, bool autoDelete = false) =>
        new(Core.Team.Id, conflictMode, AutoPublishContracts: true, AutoDelete: autoDelete, AutoCreateProposals: proposals, AutoRegisterConsumers: true);

    /// <summary>POSTs a raw body to a dbt route and returns the status and the parsed answer.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string route, JsonObject body, string? apiKey = null)
    {
        using var http = App.Raw(apiKey ?? TesseraApplication.AdminKey);
        var response = await http.PostAsync(new Uri($"/api/v1/sync/dbt/{route}", UriKind.Relative), HttpAssert.Json(body));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public async Task<AssetResponse> AssetAsync(string fqn)
    {
        var page = await App.Admin.GetAsync<PageResponse<AssetResponse>>($"/api/v1/assets{TesseraClient.Query(("fqn", fqn), ("limit", 100))}");
        return page.Results.Single(a => a.Fqn == fqn);
    }

    public async Task<ContractResponse> ActiveContractAsync(string fqn)
    {
        var asset = await AssetAsync(fqn);
        var page = await App.Admin.GetAsync<PageResponse<ContractResponse>>($"/api/v1/assets/{asset.Id}/contracts?status=active");
        return Assert.Single(page.Results);
    }

    /// <summary>Row counts of every table an import writes: equal before and after means nothing was written.</summary>
    public static async Task<string> SnapshotAsync(TesseraApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
        return string.Join(", ",
            $"assets={await db.Assets.CountAsync()}", $"live_assets={await db.Assets.CountAsync(a => a.DeletedAt == null)}",
            $"updated={await db.Assets.MaxAsync(a => (DateTime?)a.UpdatedAt)}", $"contracts={await db.Contracts.CountAsync()}",
            $"proposals={await db.Proposals.CountAsync()}", $"registrations={await db.Registrations.CountAsync()}",
            $"dependencies={await db.Dependencies.CountAsync()}", $"audit={await db.AuditEvents.CountAsync()}",
            $"documents={await db.SourceDocuments.CountAsync()}");
    }
}
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Client;

/// <summary>Body of <c>POST /api/v1/sync/dbt/upload</c> (the shape; <see cref="TesseraClient.UploadDbtManifestAsync"/> sends the manifest text as is).</summary>
public sealed record DbtSyncUploadRequest(
    JsonObject Manifest, Guid? OwnerTeamId = null, string? ConflictMode = null, bool AutoPublishContracts = false, bool AutoDelete = false,
    bool AutoCreateProposals = false, bool AutoRegisterConsumers = false, bool InferConsumersFromRefs = true, string? Environment = null);

/// <summary>The options of an upload besides the manifest.</summary>
/// <param name="ConflictMode"><c>ignore</c> (default), <c>overwrite</c> or <c>fail</c>: what to do with assets at a node's FQN that the node does not manage.</param>
public sealed record DbtUploadOptions(
    Guid? OwnerTeamId = null, string? ConflictMode = null, bool AutoPublishContracts = false, bool AutoDelete = false, bool AutoCreateProposals = false,
    bool AutoRegisterConsumers = false, bool InferConsumersFromRefs = true, string? Environment = null);

/// <summary>Answer of an upload: 200 <c>success</c>, or 207 <c>partial_success</c> when some item could not be done (see the warnings).</summary>
public sealed record DbtSyncUploadResponse(
    string Status, string ConflictMode, DbtSyncAssetCounts Assets, DbtSyncDependencyCounts Dependencies, DbtSyncContractCounts Contracts,
    DbtSyncProposalCounts Proposals, DbtSyncRegistrationCounts Registrations, int GuaranteesExtracted, IReadOnlyList<string> OwnershipWarnings,
    IReadOnlyList<string> ContractWarnings, IReadOnlyList<string> RegistrationWarnings, IReadOnlyList<string> DependencyWarnings,
    string? Environment = null, Guid? SourceDocumentId = null);

public sealed record DbtSyncAssetCounts(int Created, int Updated, int Skipped, int Deleted, IReadOnlyList<string> DeletedFqns);

public sealed record DbtSyncDependencyCounts(int Synced);

public sealed record DbtSyncContractCounts(int Published, int Unchanged = 0);

public sealed record DbtSyncProposalCounts(int Created, IReadOnlyList<DbtSyncProposalDetail> Details);

public sealed record DbtSyncProposalDetail(
    Guid ProposalId, Guid AssetId, string Fqn, string NodeId, string Status, string ChangeType, int BreakingChangesCount, string ProposedVersion);

public sealed record DbtSyncRegistrationCounts(int Created);

/// <summary>Body of <c>POST /api/v1/sync/dbt/impact</c>.</summary>
public sealed record DbtSyncImpactRequest(JsonObject Manifest, Guid? OwnerTeamId = null, string? Environment = null);

public sealed record DbtSyncImpactResponse(
    string Status, int TotalModels, int ModelsWithContracts, int BreakingChangesCount, IReadOnlyList<DbtSyncImpactItem> Results);

public sealed record DbtSyncImpactItem(
    string Fqn, string NodeId, bool HasContract, bool SafeToPublish, string? ChangeType, JsonArray BreakingChanges, Guid? AssetId = null,
    string? CurrentVersion = null);

/// <summary>Body of <c>POST /api/v1/sync/dbt/diff</c>.</summary>
public sealed record DbtSyncDiffRequest(JsonObject Manifest, bool FailOnBreaking = true, string? Environment = null);

/// <summary>The CI preview: <c>blocking</c> when a breaking change is found (and <c>fail_on_breaking</c>) or <c>meta.tessera</c> has errors.</summary>
public sealed record DbtSyncDiffResponse(
    string Status, DbtSyncDiffSummary Summary, bool Blocking, IReadOnlyList<DbtSyncDiffItem> Models, IReadOnlyList<string> Warnings,
    IReadOnlyList<string> MetaErrors);

public sealed record DbtSyncDiffSummary(int New, int Modified, int Deleted, int Breaking, int Unchanged = 0);

public sealed record DbtSyncDiffItem(
    string Fqn, string NodeId, string ChangeType, string? OwnerTeam, IReadOnlyList<string> ConsumersDeclared, IReadOnlyList<string> ConsumersFromRefs,
    bool HasSchema, string SchemaChangeType, JsonArray BreakingChanges, string? ResourceType = null, IReadOnlyList<string>? ChangedFields = null);

/// <summary>The dbt importer (<c>/api/v1/sync/dbt/*</c>, admin scope). The manifest is sent as the text it is, without being parsed here.</summary>
public static class DbtSync
{
    /// <summary>Uploads a manifest: assets, lineage, consumers and (per the options) contracts and proposals.</summary>
    public static Task<DbtSyncUploadResponse> UploadDbtManifestAsync(this TesseraClient client, string manifestJson, DbtUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DbtUploadOptions();
        return SendAsync<DbtSyncUploadResponse>(client, "/api/v1/sync/dbt/upload", manifestJson, writer =>
        {
            if (options.OwnerTeamId is { } owner)
            {
                writer.WriteString("owner_team_id", owner);
            }

            if (options.ConflictMode is not null)
            {
                writer.WriteString("conflict_mode", options.ConflictMode);
            }

            writer.WriteBoolean("auto_publish_contracts", options.AutoPublishContracts);
            writer.WriteBoolean("auto_delete", options.AutoDelete);
            writer.WriteBoolean("auto_create_proposals", options.AutoCreateProposals);
            writer.WriteBoolean("auto_register_consumers", options.AutoRegisterConsumers);
            writer.WriteBoolean("infer_consumers_from_refs", options.InferConsumersFromRefs);
            if (options.Environment is not null)
            {
                writer.WriteString("environment", options.Environment);
            }
        }, cancellationToken);
    }

    /// <summary>Which nodes with contracts a manifest would break (nothing is written).</summary>
    public static Task<DbtSyncImpactResponse> CheckDbtImpactAsync(this TesseraClient client, string manifestJson, Guid? ownerTeamId = null,
        string? environment = null, CancellationToken cancellationToken = default) =>
        SendAsync<DbtSyncImpactResponse>(client, "/api/v1/sync/dbt/impact", manifestJson, writer =>
        {
            if (ownerTeamId is { } owner)
            {
                writer.WriteString("owner_team_id", owner);
            }

            if (environment is not null)
            {
                writer.WriteString("environment", environment);
            }
        }, cancellationToken);

    /// <summary>What an upload of the manifest would change, for CI (nothing is written).</summary>
    public static Task<DbtSyncDiffResponse> DiffDbtManifestAsync(this TesseraClient client, string manifestJson, bool failOnBreaking = true,
        string? environment = null, CancellationToken cancellationToken = default) =>
        SendAsync<DbtSyncDiffResponse>(client, "/api/v1/sync/dbt/diff", manifestJson, writer =>
        {
            writer.WriteBoolean("fail_on_breaking", failOnBreaking);
            if (environment is not null)
            {
                writer.WriteString("environment", environment);
            }
        }, cancellationToken);

    /// <summary>POSTs <c>{"manifest": &lt;manifestJson&gt;, ...}</c>, the manifest copied in as raw JSON.</summary>
    private static async Task<T> SendAsync<T>(TesseraClient client, string path, string manifestJson, Action<Utf8JsonWriter> fields,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(manifestJson.Length + 512);
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("manifest");
            writer.WriteRawValue(manifestJson, skipInputValidation: true);
            fields(writer);
            writer.WriteEndObject();
        }

        buffer.Position = 0;
        using var content = new StreamContent(buffer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await client.Http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        return await TesseraClient.ReadAsync<T>(response, cancellationToken);
    }
}
using System.Text.Json.Nodes;

namespace Tessera.Client;

/// <summary>
/// Body of <c>POST /sync/openapi</c> and its <c>/impact</c> and <c>/diff</c> variants: <c>spec</c> is the document as a
/// JSON object or as JSON/YAML text. Impact and diff read only <c>spec</c>, <c>environment</c> and <c>fail_on_breaking</c>.
/// </summary>
public sealed record SyncOpenApiRequest(
    JsonNode? Spec, Guid? OwnerTeamId = null, string? Environment = null, bool? AutoPublishContracts = null, bool? DryRun = null,
    JsonObject? DefaultGuarantees = null, bool? FailOnBreaking = null);

/// <summary>Body of <c>POST /sync/graphql</c> (+ impact, diff): <c>introspection</c> (JSON) or <c>sdl</c> (text).</summary>
public sealed record SyncGraphQLRequest(
    JsonNode? Introspection = null, string? Sdl = null, Guid? OwnerTeamId = null, string? SchemaName = null, string? Environment = null,
    bool? AutoPublishContracts = null, bool? DryRun = null, bool? FailOnBreaking = null);

/// <summary>Body of <c>POST /sync/grpc</c> (+ impact, diff): <c>proto_content</c> (one file) or <c>files</c> (a package with imports).</summary>
public sealed record SyncGrpcRequest(
    string? ProtoContent = null, IReadOnlyList<SyncFile>? Files = null, Guid? OwnerTeamId = null, string? Environment = null,
    bool? AutoPublishContracts = null, bool? DryRun = null, bool? FailOnBreaking = null);

/// <summary>One .proto file of a package: its import path and text.</summary>
public sealed record SyncFile(string? Path, string? Content);

/// <summary>Body of <c>POST /sync/avro</c> (+ impact, diff): one <c>.avsc</c> JSON per entry of <c>schemas</c>.</summary>
public sealed record SyncAvroRequest(
    IReadOnlyList<JsonNode?>? Schemas, Guid? OwnerTeamId = null, string? Environment = null, bool? AutoPublishContracts = null, bool? DryRun = null,
    bool? FailOnBreaking = null);

/// <summary>
/// One imported item. <c>action</c>: created, updated, unchanged, would_create, would_update, proposal_created or error;
/// <c>status</c>: the bulk-publish status (published, will_publish, skipped, will_skip, breaking, proposal.created, failed).
/// The format's labels: <c>path</c>/<c>method</c> (OpenAPI), <c>operation_name</c>/<c>operation_type</c> (GraphQL),
/// <c>service</c>/<c>method</c> (gRPC), <c>name</c>/<c>namespace</c> (Avro).
/// </summary>
public sealed record SyncItemResponse(
    string Fqn, string Action, string Status, Guid? AssetId = null, Guid? ContractId = null, Guid? ProposalId = null, string? Version = null,
    string? ChangeType = null, JsonArray? BreakingChanges = null, string? Error = null, string? Message = null, string? Path = null, string? Method = null,
    string? Service = null, string? OperationName = null, string? OperationType = null, string? Name = null, string? Namespace = null,
    bool MetadataUpdated = false);

/// <summary>
/// The answer of an import. Header fields depend on the format (<c>api_title</c>, <c>schema_name</c>, <c>package</c>, ...);
/// the items are in <c>endpoints</c> (OpenAPI), <c>operations</c> (GraphQL), <c>methods</c> (gRPC) or <c>schemas</c> (Avro).
/// </summary>
public sealed record SyncImportResponse(
    int AssetsCreated, int AssetsUpdated, int AssetsUnchanged, int AssetsSkipped, int ContractsPublished, int ProposalsCreated, bool DryRun,
    IReadOnlyList<string> ParseErrors, string? ApiTitle = null, string? ApiVersion = null, int? EndpointsFound = null, string? SchemaName = null,
    int? OperationsFound = null, string? Package = null, string? Syntax = null, int? ServicesFound = null, int? MethodsFound = null,
    int? SchemasFound = null, int MetadataUpdated = 0, IReadOnlyList<SyncItemResponse>? Endpoints = null, IReadOnlyList<SyncItemResponse>? Operations = null,
    IReadOnlyList<SyncItemResponse>? Methods = null, IReadOnlyList<SyncItemResponse>? Schemas = null)
{
    /// <summary>The items, whatever the format.</summary>
    public IReadOnlyList<SyncItemResponse> Items => Endpoints ?? Operations ?? Methods ?? Schemas ?? [];
}

/// <summary>One item of an impact check: would publishing it need a proposal?</summary>
public sealed record SyncImpactItemResponse(
    string Fqn, bool HasContract, bool SafeToPublish, string? ChangeType, JsonArray BreakingChanges, Guid? AssetId = null, string? Error = null,
    string? Path = null, string? Method = null, string? Service = null, string? OperationName = null, string? OperationType = null, string? Name = null,
    string? Namespace = null);

/// <summary>
/// The answer of <c>/sync/&lt;format&gt;/impact</c>; <c>status</c> is <c>success</c> or <c>breaking_changes_detected</c>. The
/// counts also appear under the original's format names (<c>total_endpoints</c>, <c>endpoints_with_contracts</c>, ...).
/// </summary>
public sealed record SyncImpactResponse(
    string Status, int TotalItems, int ItemsWithContracts, int BreakingChangesCount, IReadOnlyList<SyncImpactItemResponse> Results,
    IReadOnlyList<string> ParseErrors, string? ApiTitle = null, string? ApiVersion = null, string? SchemaName = null, string? Package = null);

/// <summary>One item of a CI diff: <c>change_type</c> new, modified or unchanged; <c>schema_change_type</c> null, none, compatible or breaking.</summary>
public sealed record SyncDiffItemResponse(
    string Fqn, string ChangeType, string? SchemaChangeType, bool HasContract, JsonArray BreakingChanges, string? VersionChange = null,
    Guid? AssetId = null, string? Error = null, string? Path = null, string? Method = null, string? Service = null, string? OperationName = null,
    string? OperationType = null, string? Name = null, string? Namespace = null);

/// <summary>Counts of a CI diff.</summary>
public sealed record SyncDiffSummary(int New, int Modified, int Unchanged, int Breaking, int Errors);

/// <summary>The answer of <c>/sync/&lt;format&gt;/diff</c>: <c>status</c> clean, changes_detected or breaking_changes_detected.</summary>
public sealed record SyncDiffResponse(
    string Status, SyncDiffSummary Summary, bool Blocking, IReadOnlyList<string> ParseErrors, string? ApiTitle = null, string? ApiVersion = null,
    string? SchemaName = null, string? Package = null, IReadOnlyList<SyncDiffItemResponse>? Endpoints = null,
    IReadOnlyList<SyncDiffItemResponse>? Operations = null, IReadOnlyList<SyncDiffItemResponse>? Methods = null,
    IReadOnlyList<SyncDiffItemResponse>? Schemas = null)
{
    /// <summary>The items, whatever the format.</summary>
    public IReadOnlyList<SyncDiffItemResponse> Items => Endpoints ?? Operations ?? Methods ?? Schemas ?? [];
}

/// <summary>The <c>/sync</c> calls.</summary>
public static class SyncClientExtensions
{
    public static Task<SyncImportResponse> SyncOpenApiAsync(this TesseraClient client, SyncOpenApiRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImportResponse>("/api/v1/sync/openapi", request, cancellationToken);

    public static Task<SyncImpactResponse> OpenApiImpactAsync(this TesseraClient client, SyncOpenApiRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImpactResponse>("/api/v1/sync/openapi/impact", request, cancellationToken);

    public static Task<SyncDiffResponse> OpenApiDiffAsync(this TesseraClient client, SyncOpenApiRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncDiffResponse>("/api/v1/sync/openapi/diff", request, cancellationToken);

    public static Task<SyncImportResponse> SyncGraphQLAsync(this TesseraClient client, SyncGraphQLRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImportResponse>("/api/v1/sync/graphql", request, cancellationToken);

    public static Task<SyncImpactResponse> GraphQLImpactAsync(this TesseraClient client, SyncGraphQLRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImpactResponse>("/api/v1/sync/graphql/impact", request, cancellationToken);

    public static Task<SyncDiffResponse> GraphQLDiffAsync(this TesseraClient client, SyncGraphQLRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncDiffResponse>("/api/v1/sync/graphql/diff", request, cancellationToken);

    public static Task<SyncImportResponse> SyncGrpcAsync(this TesseraClient client, SyncGrpcRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImportResponse>("/api/v1/sync/grpc", request, cancellationToken);

    public static Task<SyncImpactResponse> GrpcImpactAsync(this TesseraClient client, SyncGrpcRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImpactResponse>("/api/v1/sync/grpc/impact", request, cancellationToken);

    public static Task<SyncDiffResponse> GrpcDiffAsync(this TesseraClient client, SyncGrpcRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncDiffResponse>("/api/v1/sync/grpc/diff", request, cancellationToken);

    public static Task<SyncImportResponse> SyncAvroAsync(this TesseraClient client, SyncAvroRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImportResponse>("/api/v1/sync/avro", request, cancellationToken);

    public static Task<SyncImpactResponse> AvroImpactAsync(this TesseraClient client, SyncAvroRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncImpactResponse>("/api/v1/sync/avro/impact", request, cancellationToken);

    public static Task<SyncDiffResponse> AvroDiffAsync(this TesseraClient client, SyncAvroRequest request, CancellationToken cancellationToken = default) =>
        client.PostAsync<SyncDiffResponse>("/api/v1/sync/avro/diff", request, cancellationToken);
}
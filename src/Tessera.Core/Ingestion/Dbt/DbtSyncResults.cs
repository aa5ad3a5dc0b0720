using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tessera.Core.Ingestion.Dbt;

/// <summary>What <c>POST /sync/dbt/upload</c> was asked to do (api.md §2.10; <c>environment</c> is ours).</summary>
/// <param name="Manifest">The manifest's JSON text.</param>
public sealed record DbtUploadRequest(
    string Manifest, Guid? OwnerTeamId = null, string? ConflictMode = null, bool AutoPublishContracts = false, bool AutoDelete = false,
    bool AutoCreateProposals = false, bool AutoRegisterConsumers = false, bool InferConsumersFromRefs = true, string? Environment = null);

/// <summary>The upload's answer (api.md §2.10). Lists are capped at 20 entries; the counts are complete.</summary>
/// <param name="SourceDocumentId">The stored manifest the published contracts point to (null when no contract was written).</param>
public sealed record DbtUploadResult(
    string Status, string ConflictMode, DbtAssetCounts Assets, DbtDependencyCounts Dependencies, DbtContractCounts Contracts,
    DbtProposalCounts Proposals, DbtRegistrationCounts Registrations, int GuaranteesExtracted, IReadOnlyList<string> OwnershipWarnings,
    IReadOnlyList<string> ContractWarnings, IReadOnlyList<string> RegistrationWarnings, IReadOnlyList<string> DependencyWarnings,
    string Environment, Guid? SourceDocumentId)
{
    /// <summary>207 when some item could not be done (a warning), else 200.</summary>
    [JsonIgnore]
    public bool IsPartial => Status == "partial_success";
}

public sealed record DbtAssetCounts(int Created, int Updated, int Skipped, int Deleted, IReadOnlyList<string> DeletedFqns);

public sealed record DbtDependencyCounts(int Synced);

/// <param name="Unchanged">Contracts whose document, guarantees and mode equal the active contract's (nothing written).</param>
public sealed record DbtContractCounts(int Published, int Unchanged);

public sealed record DbtProposalCounts(int Created, IReadOnlyList<DbtProposalDetail> Details);

/// <param name="Status">The proposal's status: <c>pending</c>, or <c>published</c> when nobody had to acknowledge (DECISIONS §3.3).</param>
public sealed record DbtProposalDetail(
    Guid ProposalId, Guid AssetId, string Fqn, string NodeId, string Status, string ChangeType, int BreakingChangesCount, string ProposedVersion);

public sealed record DbtRegistrationCounts(int Created);

/// <summary>The answer of <c>POST /sync/dbt/impact</c>.</summary>
public sealed record DbtImpactResult(string Status, int TotalModels, int ModelsWithContracts, int BreakingChangesCount, IReadOnlyList<DbtImpactItem> Results);

public sealed record DbtImpactItem(
    string Fqn, string NodeId, bool HasContract, bool SafeToPublish, string? ChangeType, JsonArray BreakingChanges, Guid? AssetId, string? CurrentVersion);

/// <summary>The answer of <c>POST /sync/dbt/diff</c>.</summary>
public sealed record DbtDiffResult(
    string Status, DbtDiffSummary Summary, bool Blocking, IReadOnlyList<DbtDiffItem> Models, IReadOnlyList<string> Warnings, IReadOnlyList<string> MetaErrors);

public sealed record DbtDiffSummary(int New, int Modified, int Deleted, int Breaking, int Unchanged);

/// <param name="ChangeType"><c>new</c>, <c>modified</c>, <c>deleted</c> or <c>unchanged</c>.</param>
/// <param name="SchemaChangeType"><c>none</c>, <c>compatible</c> or <c>breaking</c>.</param>
public sealed record DbtDiffItem(
    string Fqn, string NodeId, string ChangeType, string? OwnerTeam, IReadOnlyList<string> ConsumersDeclared, IReadOnlyList<string> ConsumersFromRefs,
    bool HasSchema, string SchemaChangeType, JsonArray BreakingChanges, string ResourceType, IReadOnlyList<string> ChangedFields);
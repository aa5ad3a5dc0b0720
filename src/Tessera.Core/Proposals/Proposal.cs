using Tessera.Core.Common;

namespace Tessera.Core.Proposals;

public sealed class Proposal
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssetId { get; set; }

    public required string ProposedSchemaJson { get; set; }

    public string? ProposedSourceJson { get; set; }

    public StoredSchemaFormat SchemaFormat { get; set; } = StoredSchemaFormat.JsonSchema;

    /// <summary>The original document the proposed contract was imported from (see <see cref="Contracts.Contract.SourceDocumentId"/>).</summary>
    public Guid? SourceDocumentId { get; set; }

    /// <summary>Which part of <see cref="SourceDocumentId"/> the proposed contract is.</summary>
    public string? SourceSelector { get; set; }

    /// <summary>The version fixed when the proposal was made; used when it publishes.</summary>
    public required string ProposedVersion { get; set; }

    public ContractCompatibility CompatibilityMode { get; set; } = ContractCompatibility.Backward;

    public string? ProposedGuaranteesJson { get; set; }

    public string FieldDescriptionsJson { get; set; } = "{}";

    public string FieldTagsJson { get; set; } = "{}";

    public VersionChange ChangeType { get; set; }

    public string BreakingChangesJson { get; set; } = "[]";

    public ProposalStatus Status { get; set; } = ProposalStatus.Pending;

    public Guid ProposedBy { get; set; }

    public Guid? ProposedByUserId { get; set; }

    public DateTime ProposedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public bool AutoExpire { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string AffectedTeamsJson { get; set; } = "[]";

    public string AffectedAssetsJson { get; set; } = "[]";

    public string ObjectionsJson { get; set; } = "[]";

    /// <summary>The contract created when the proposal published, if it did.</summary>
    public Guid? PublishedContractId { get; set; }
}
using Tessera.Core.Common;

namespace Tessera.Core.Contracts;

public sealed class Contract
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssetId { get; set; }

    public required string Version { get; set; }

    /// <summary>The JSON Schema view of the contract (what the API returns as <c>schema_def</c>).</summary>
    public required string SchemaJson { get; set; }

    /// <summary>The document as submitted when it is not JSON Schema (e.g. Avro), kept for native comparison.</summary>
    public string? SourceJson { get; set; }

    /// <summary>The original document this contract was imported from, when an importer or repo sync made it.</summary>
    public Guid? SourceDocumentId { get; set; }

    /// <summary>Which part of <see cref="SourceDocumentId"/> this contract is (e.g. <c>GET /users/{id}</c>).</summary>
    public string? SourceSelector { get; set; }

    public StoredSchemaFormat SchemaFormat { get; set; } = StoredSchemaFormat.JsonSchema;

    public ContractCompatibility CompatibilityMode { get; set; } = ContractCompatibility.Backward;

    public string? GuaranteesJson { get; set; }

    public string FieldDescriptionsJson { get; set; } = "{}";

    public string FieldTagsJson { get; set; } = "{}";

    public ContractStatus Status { get; set; } = ContractStatus.Active;

    public DateTime PublishedAt { get; set; }

    public Guid PublishedBy { get; set; }

    public Guid? PublishedByUserId { get; set; }

    public DateTime UpdatedAt { get; set; }
}
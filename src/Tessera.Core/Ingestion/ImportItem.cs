using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Schemas;

namespace Tessera.Core.Ingestion;

/// <summary>
/// An original document as an importer received it: stored once (<see cref="Contracts.SourceDocument"/>) and pointed at by
/// every contract cut out of it.
/// </summary>
/// <param name="Format">The document's format.</param>
/// <param name="Content">The text to store and hash (a package of .proto files is a JSON array of <c>{path, content}</c>).</param>
/// <param name="Parsed">The whole document as parsed, kept so it is not parsed again in this request.</param>
public sealed record ImportDocument(StoredSchemaFormat Format, string Content, SchemaDocument Parsed);

/// <summary>
/// One contract to import: an operation, root field, RPC or named type of an <see cref="ImportDocument"/>. The native
/// document and the JSON Schema view are built only when needed (an unchanged re-import needs neither).
/// </summary>
public sealed class ImportItem
{
    private readonly Lazy<SchemaDocument> _document;
    private readonly Lazy<JsonObject> _view;

    public ImportItem(ImportDocument source, string fqn, string selector, Func<SchemaDocument> document, Func<JsonObject> view)
    {
        Source = source;
        Fqn = fqn;
        Selector = selector;
        _document = new Lazy<SchemaDocument>(document);
        _view = new Lazy<JsonObject>(view);
    }

    /// <summary>The document the item comes from.</summary>
    public ImportDocument Source { get; }

    public string Fqn { get; }

    /// <summary>The item's name inside its document: <c>GET /users/{id}</c>, <c>Query.user</c>, <c>pkg.Service/Method</c>, <c>ns.Name</c>.</summary>
    public string Selector { get; }

    /// <summary>The item cut out of its document, judged natively.</summary>
    public SchemaDocument Document => _document.Value;

    /// <summary>The JSON Schema view stored as the contract's <c>schema_def</c>.</summary>
    public JsonObject View => _view.Value;

    public ResourceType ResourceType { get; init; } = ResourceType.Other;

    public string? Description { get; init; }

    /// <summary>Merged into the asset's metadata (objects merge key by key; anything else is replaced).</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>Asset tags (replace the asset's tags when not null).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Guarantees published with the contract; null keeps the current contract's.</summary>
    public JsonObject? Guarantees { get; init; }

    public JsonObject? FieldDescriptions { get; init; }

    public JsonObject? FieldTags { get; init; }

    /// <summary>What the wire response echoes for this item besides the outcome (e.g. <c>path</c> and <c>method</c>).</summary>
    public JsonObject Labels { get; init; } = [];

    /// <summary>Set when the item could not be built (e.g. an FQN with unsafe characters): it is reported, never imported.</summary>
    public string? Error { get; init; }
}

/// <summary>How an import runs.</summary>
/// <param name="OwnerTeamId">The team that owns the assets created (existing assets must belong to it).</param>
/// <param name="Environment">The environment of the assets; null is DEFAULT_ENVIRONMENT.</param>
/// <param name="AutoPublishContracts">Publish contracts (false: create and update assets only).</param>
/// <param name="DryRun">Judge everything, write nothing.</param>
/// <param name="CreateProposalsForBreaking">A breaking change with consumers opens a proposal; when false it is an error instead.</param>
/// <param name="CompatibilityMode">The mode of new contracts; null keeps the current contract's (backward for a first one).</param>
/// <param name="ServiceId">The service the assets belong to (repo sync).</param>
public sealed record ImportOptions(
    Guid OwnerTeamId, string? Environment = null, bool AutoPublishContracts = true, bool DryRun = false, bool CreateProposalsForBreaking = true,
    ContractCompatibility? CompatibilityMode = null, Guid? ServiceId = null);

/// <summary>
/// What happened to one item's contract (api.md §2.10 actions, plus <c>unchanged</c> and <c>proposal_created</c>). An existing
/// asset whose contract did not change is <c>unchanged</c> even when its metadata was refreshed
/// (<see cref="ImportItemResult.MetadataUpdated"/>); with <c>auto_publish_contracts</c> off, a metadata refresh is <c>updated</c>.
/// </summary>
public enum ImportAction { Created, Updated, Unchanged, WouldCreate, WouldUpdate, ProposalCreated, Error }

/// <summary>The outcome of one item.</summary>
/// <param name="Status">The bulk-publish status of compatibility.md §3.5: <c>published</c>, <c>will_publish</c>, <c>skipped</c>,
/// <c>will_skip</c>, <c>breaking</c>, <c>proposal.created</c> or <c>failed</c>.</param>
public sealed record ImportItemResult(
    ImportItem Item, ImportAction Action, string Status, Guid? AssetId = null, Guid? ContractId = null, Guid? ProposalId = null, string? Version = null,
    VersionChange? ChangeType = null, JsonArray? BreakingChanges = null, string? Error = null, string? Message = null, bool MetadataUpdated = false)
{
    /// <summary>A contract was (or, on a dry run, would be) published for the item.</summary>
    public bool Publishes => Status is "published" or "will_publish";
}

/// <summary>Every item's outcome, in document order.</summary>
public sealed record ImportResult(IReadOnlyList<ImportItemResult> Items, bool DryRun)
{
    public int Created => Items.Count(i => i.Action is ImportAction.Created or ImportAction.WouldCreate);

    public int Updated => Items.Count(i => i.Action is ImportAction.Updated or ImportAction.WouldUpdate or ImportAction.ProposalCreated);

    public int Unchanged => Items.Count(i => i.Action == ImportAction.Unchanged);

    /// <summary>Assets whose metadata, description, resource type, tags or service were refreshed from the document.</summary>
    public int MetadataUpdated => Items.Count(i => i.MetadataUpdated);

    public int Errors => Items.Count(i => i.Action == ImportAction.Error);

    public int ContractsPublished => Items.Count(i => i.Publishes);

    public int ProposalsCreated => Items.Count(i => i.Action == ImportAction.ProposalCreated);
}

/// <summary>How one item compares with what is stored, without writing (impact and diff previews).</summary>
/// <param name="AssetId">The existing asset, if any.</param>
/// <param name="HasContract">The asset has an active contract.</param>
/// <param name="Unchanged">Nothing differs from the active contract.</param>
/// <param name="IsCompatible">Publishing would not need a proposal (true when new or unchanged).</param>
/// <param name="ChangeType">The version change a publish would make (null when new or unchanged).</param>
/// <param name="BreakingChanges">What blocks it, as findings on the wire.</param>
/// <param name="Current">The active contract it was compared with.</param>
/// <param name="Mode">The mode it was judged under.</param>
/// <param name="NonBreakingChanges">Every change that does not block, as findings on the wire.</param>
public sealed record ImportPreview(
    ImportItem Item, Guid? AssetId, bool HasContract, bool Unchanged, bool IsCompatible, VersionChange? ChangeType, JsonArray BreakingChanges,
    string? Error = null, Contracts.Contract? Current = null, CompatibilityMode? Mode = null, JsonArray? NonBreakingChanges = null);
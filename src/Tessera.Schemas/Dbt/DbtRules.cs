namespace Tessera.Schemas.Dbt;

/// <summary>
/// The dbt rule catalogue. Relations and columns are judged as data read by consumers (a removed column breaks
/// them; a widened type is safe for new readers of old data but not for old readers of new data). Guarantees
/// from tests use the kind names of compatibility.md §2: a relaxation is <c>dangerous</c> (the asset's
/// <c>guarantee_mode</c> decides whether it blocks: <c>strict</c> makes it breaking, DECISIONS §3.6), a
/// tightening is safe.
/// </summary>
public static class DbtRules
{
    private const string Consumers = "Consumers that select it";

    public static readonly Rule ModelRemoved = Node("model_removed", "Model removed", "model");
    public static readonly Rule SourceRemoved = Node("source_removed", "Source removed", "source");
    public static readonly Rule SeedRemoved = Node("seed_removed", "Seed removed", "seed");
    public static readonly Rule SnapshotRemoved = Node("snapshot_removed", "Snapshot removed", "snapshot");

    public static readonly Rule ModelAdded = Added("model_added", "Model added", "model");
    public static readonly Rule SourceAdded = Added("source_added", "Source added", "source");
    public static readonly Rule SeedAdded = Added("seed_added", "Seed added", "seed");
    public static readonly Rule SnapshotAdded = Added("snapshot_added", "Snapshot added", "snapshot");

    public static readonly Rule RelationMoved = Make("relation_moved", "Relation renamed or moved",
        Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "The node's relation (<database>.<schema>.<alias or identifier>) changed: queries against the old relation fail.",
        "Keep the old relation (a view over the new one) until consumers have moved.");

    public static readonly Rule NodeIdChanged = Make("node_id_changed", "Node renamed in dbt, relation kept",
        Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "A node disappeared and another with the same resource type and relation appeared: warehouse readers are unaffected, but dbt projects that ref() the old name fail.",
        "Tell dbt consumers the new name, or keep the old model as an alias.");

    public static readonly Rule MaterializationChanged = Make("materialization_changed", "Materialization changed",
        Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "config.materialized changed (e.g. view → table, table → incremental): latency, cost and locking change for readers. Becoming ephemeral is breaking: the relation no longer exists.",
        "Announce the change; never make a relation that others read ephemeral.");

    public static readonly Rule ContractDisabled = Make("contract_disabled", "Contract enforcement turned off",
        Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "config.contract.enforced went from true to false: column names and types are no longer checked at build time.",
        "Keep the contract enforced on models others depend on.");

    public static readonly Rule ContractEnforced = Make("contract_enforced", "Contract enforcement turned on",
        Severity.Safe, Severity.Safe, ChangeType.Patch,
        "config.contract.enforced became true: the declared columns and types are now checked at build time.", "");

    public static readonly Rule LatestVersionChanged = Make("latest_version_changed", "Latest model version changed",
        Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
        "latest_version of a versioned model changed: every ref() without an explicit version now reads another version.",
        "Ask consumers to pin ref(..., v=...) before moving latest_version.");

    public static readonly Rule ColumnRemoved = Make("column_removed", "Column removed",
        Severity.Breaking, Severity.Breaking, ChangeType.Major,
        $"A documented column disappeared. {Consumers} fail.",
        "Deprecate the column first; remove it once no consumer reads it.");

    public static readonly Rule ColumnAdded = Make("column_added", "Column added",
        Severity.Safe, Severity.Safe, ChangeType.Minor,
        "A column was added. Safe both ways: readers select columns by name, so old readers ignore it (positional SELECT * readers are outside the contract).",
        "");

    public static readonly Rule ColumnTypeChanged = Make("column_type_changed", "Column type changed",
        Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "The column's type moved to another family (e.g. string → integer, timestamp → timestamptz), or within one without either type holding the other.",
        "Add a new column with the new type and deprecate the old one.");

    public static readonly Rule ColumnTypeWidened = Make("column_type_widened", "Column type widened",
        Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "Every old value fits the new type (int → bigint, varchar(10) → varchar(20), numeric(10,2) → numeric(12,2), integer → numeric): new readers read old data, but old readers may not hold new values.",
        "Tell consumers to widen their own types before the new values arrive.");

    public static readonly Rule ColumnTypeNarrowed = Make("column_type_narrowed", "Column type narrowed",
        Severity.Breaking, Severity.Safe, ChangeType.Major,
        "Every new value fits the old type, not the reverse (bigint → int, varchar(20) → varchar(10)): old readers are fine, existing data may not fit the new type.",
        "Check that existing data fits, or add a new column.");

    public static readonly Rule NotNullAdded = Tightened("not_null_added", "Not-null guarantee added", "A not_null test (or not_null/primary_key constraint) was added to the column.");
    public static readonly Rule NotNullRemoved = Relaxed("not_null_removed", "Not-null guarantee removed", "The column lost its not_null test or constraint: consumers may now see nulls.");
    public static readonly Rule UniqueAdded = Tightened("unique_added", "Uniqueness guarantee added", "A unique test (or unique/primary_key constraint) was added to the column.");
    public static readonly Rule UniqueRemoved = Relaxed("unique_removed", "Uniqueness guarantee removed", "The column lost its unique test or constraint: consumers may now see duplicates and fan out joins.");
    public static readonly Rule AcceptedValuesAdded = Tightened("accepted_values_added", "Accepted values added", "An accepted_values test was added to the column.");
    public static readonly Rule AcceptedValuesRemoved = Relaxed("accepted_values_removed", "Accepted values removed", "The column lost its accepted_values test: any value may now appear.");
    public static readonly Rule AcceptedValuesExpanded = Relaxed("accepted_values_expanded", "Accepted values expanded", "New values are accepted: consumers that handle every known value meet unknown ones. Reported together with accepted_values_contracted when values were both added and removed.");
    public static readonly Rule AcceptedValuesContracted = Tightened("accepted_values_contracted", "Accepted values contracted", "Values are no longer accepted: the column holds a subset of what it did.");
    public static readonly Rule RelationshipAdded = Tightened("relationship_added", "Relationship added", "A relationships test (or foreign_key constraint) was added to the column.");
    public static readonly Rule RelationshipRemoved = Relaxed("relationship_removed", "Relationship removed", "The column lost its relationships test: values may no longer exist in the referenced relation.");
    public static readonly Rule RelationshipChanged = Relaxed("relationship_changed", "Relationship changed", "The relationships test now points at another relation or field: joins consumers rely on may no longer hold.");
    public static readonly Rule CustomGuaranteeAdded = Tightened("custom_guarantee_added", "Custom guarantee added", "Another test was added (dbt_utils, dbt_expectations, namespaced, custom generic or singular).");
    public static readonly Rule CustomGuaranteeRemoved = Relaxed("custom_guarantee_removed", "Custom guarantee removed", "A test other than not_null/unique/accepted_values/relationships was removed.");
    public static readonly Rule CustomGuaranteeChanged = Relaxed("custom_guarantee_changed", "Custom guarantee changed", "A test's arguments (or a singular test's SQL) changed: the engine cannot tell whether it got weaker.");
    public static readonly Rule FreshnessAdded = Tightened("freshness_added", "Freshness guarantee added", "meta.tessera.freshness was added.");
    public static readonly Rule FreshnessRemoved = Relaxed("freshness_removed", "Freshness guarantee removed", "meta.tessera.freshness was removed.");
    public static readonly Rule FreshnessRelaxed = Relaxed("freshness_relaxed", "Freshness relaxed", "The freshness window got longer (warn_after, then error_after, or max_staleness_minutes), or a duration could not be read.");
    public static readonly Rule FreshnessTightened = Tightened("freshness_tightened", "Freshness tightened", "The freshness window got shorter.");
    public static readonly Rule VolumeAdded = Tightened("volume_added", "Volume guarantee added", "meta.tessera.volume was added.");
    public static readonly Rule VolumeRemoved = Relaxed("volume_removed", "Volume guarantee removed", "meta.tessera.volume was removed.");
    public static readonly Rule VolumeRelaxed = Relaxed("volume_relaxed", "Volume relaxed", "min_rows went down or was removed, max_rows went up or was removed, or another volume key changed.");
    public static readonly Rule VolumeTightened = Tightened("volume_tightened", "Volume tightened", "min_rows went up or was added, or max_rows went down or was added.");

    public static readonly Rule Unknown = Make("unknown", "Change the engine cannot judge",
        Severity.Unknown, Severity.Unknown, ChangeType.Major,
        "A change the dbt rules do not judge, such as a type the type map does not know or a type declaration that was dropped; it blocks like a breaking change (fail closed).",
        "Check the change by hand; an admin can force the publish.");

    public static IReadOnlyList<Rule> All { get; } =
    [
        ModelRemoved, SourceRemoved, SeedRemoved, SnapshotRemoved, ModelAdded, SourceAdded, SeedAdded, SnapshotAdded,
        RelationMoved, NodeIdChanged, MaterializationChanged, ContractDisabled, ContractEnforced, LatestVersionChanged,
        ColumnRemoved, ColumnAdded, ColumnTypeChanged, ColumnTypeWidened, ColumnTypeNarrowed,
        NotNullAdded, NotNullRemoved, UniqueAdded, UniqueRemoved, AcceptedValuesAdded, AcceptedValuesRemoved,
        AcceptedValuesExpanded, AcceptedValuesContracted, RelationshipAdded, RelationshipRemoved, RelationshipChanged,
        CustomGuaranteeAdded, CustomGuaranteeRemoved, CustomGuaranteeChanged, FreshnessAdded, FreshnessRemoved,
        FreshnessRelaxed, FreshnessTightened, VolumeAdded, VolumeRemoved, VolumeRelaxed, VolumeTightened, Unknown,
    ];

    /// <summary>
    /// Ids of the rules that report a relaxed guarantee (§2's "warning" kinds). The server's <c>guarantee_mode</c>
    /// applies to exactly these: <c>strict</c> makes them breaking, <c>ignore</c> drops them.
    /// </summary>
    public static IReadOnlySet<string> GuaranteeRelaxations { get; } = new HashSet<string>(
        [
            NotNullRemoved.Id, UniqueRemoved.Id, AcceptedValuesRemoved.Id, AcceptedValuesExpanded.Id,
            RelationshipRemoved.Id, RelationshipChanged.Id, CustomGuaranteeRemoved.Id, CustomGuaranteeChanged.Id,
            FreshnessRemoved.Id, FreshnessRelaxed.Id, VolumeRemoved.Id, VolumeRelaxed.Id,
        ],
        StringComparer.Ordinal);

    /// <summary>Ids of every guarantee rule (relaxations and tightenings).</summary>
    public static IReadOnlySet<string> Guarantees { get; } = new HashSet<string>(
        [
            .. GuaranteeRelaxations, NotNullAdded.Id, UniqueAdded.Id, AcceptedValuesAdded.Id, AcceptedValuesContracted.Id,
            RelationshipAdded.Id, CustomGuaranteeAdded.Id, FreshnessAdded.Id, FreshnessTightened.Id, VolumeAdded.Id,
            VolumeTightened.Id,
        ],
        StringComparer.Ordinal);

    public static Rule Removed(DbtResourceType type) => type switch
    {
        DbtResourceType.Model => ModelRemoved,
        DbtResourceType.Source => SourceRemoved,
        DbtResourceType.Seed => SeedRemoved,
        _ => SnapshotRemoved,
    };

    public static Rule Added(DbtResourceType type) => type switch
    {
        DbtResourceType.Model => ModelAdded,
        DbtResourceType.Source => SourceAdded,
        DbtResourceType.Seed => SeedAdded,
        _ => SnapshotAdded,
    };

    private static Rule Make(string type, string title, Severity backward, Severity forward, ChangeType level, string description, string hint) =>
        new("dbt." + type, SchemaFormat.Dbt, type, title, backward, forward, level, description, hint);

    private static Rule Node(string type, string title, string kind) => Make(type, title, Severity.Breaking, Severity.Breaking, ChangeType.Major,
        $"A {kind} disappeared from the manifest: its relation is no longer built (or declared), so every reader fails.",
        $"Deprecate the {kind} first and remove it once no consumer reads it.");

    private static Rule Added(string type, string title, string kind) => Make(type, title, Severity.Safe, Severity.Safe, ChangeType.Minor,
        $"A new {kind}: nobody reads it yet.", "");

    private static Rule Relaxed(string type, string title, string description) =>
        Make(type, title, Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
            description + " A relaxed guarantee: dangerous, breaking when the asset's guarantee_mode is strict.",
            "Tell consumers that rely on the guarantee, or keep the test.");

    private static Rule Tightened(string type, string title, string description) =>
        Make(type, title, Severity.Safe, Severity.Safe, ChangeType.Patch, description + " A tightened guarantee: safe.", "");
}
namespace Tessera.Schemas.Guarantees;

/// <summary>
/// The catalogue of guarantee changes (compatibility.md §2). Guarantees are not a schema format, so their rules
/// carry <see cref="SchemaFormat.JsonSchema"/> as <see cref="Rule.Format"/> (the data-contract format they
/// accompany) and are told apart by the id prefix <c>guarantees.</c>. A tightening is <see cref="Severity.Safe"/>
/// (upstream "info"), a relaxation <see cref="Severity.Dangerous"/> (upstream "warning"); both directions alike.
/// <see cref="GuaranteeMode.Strict"/> turns relaxations into <see cref="Severity.Breaking"/>.
/// </summary>
public static class GuaranteeRules
{
    public const string Prefix = "guarantees.";

    public static Rule NotNullAdded { get; } = Tightening("not_null_added", "Not-null guarantee added", "A column gained a not-null guarantee.");

    public static Rule NotNullRemoved { get; } = Relaxation("not_null_removed", "Not-null guarantee removed", "A column lost its not-null guarantee: consumers may now see nulls.", "Keep the guarantee until consumers handle nulls.");

    public static Rule NotNullChanged { get; } = Relaxation("not_null_changed", "Not-null guarantee changed", "The value of a column's nullability guarantee changed (upstream ignored this).", "Check that consumers do not rely on the old value.");

    public static Rule UniqueAdded { get; } = Tightening("unique_added", "Uniqueness guarantee added", "A column gained a uniqueness guarantee.");

    public static Rule UniqueRemoved { get; } = Relaxation("unique_removed", "Uniqueness guarantee removed", "A column lost its uniqueness guarantee: consumers may now see duplicates.", "Keep the guarantee until consumers deduplicate.");

    public static Rule AcceptedValuesAdded { get; } = Tightening("accepted_values_added", "Accepted values added", "A column gained an accepted-values list.");

    public static Rule AcceptedValuesRemoved { get; } = Relaxation("accepted_values_removed", "Accepted values removed", "A column lost its accepted-values list: any value may now appear.", "Keep the list until consumers accept any value.");

    public static Rule AcceptedValuesExpanded { get; } = Relaxation("accepted_values_expanded", "Accepted values expanded", "Values were added to a column's accepted values: consumers may see values they do not know.", "Tell consumers about the new values before producing them.");

    public static Rule AcceptedValuesContracted { get; } = Tightening("accepted_values_contracted", "Accepted values contracted", "Values were removed from a column's accepted values.");

    public static Rule RelationshipAdded { get; } = Tightening("relationship_added", "Relationship added", "A referential-integrity guarantee was added.");

    public static Rule RelationshipRemoved { get; } = Relaxation("relationship_removed", "Relationship removed", "A referential-integrity guarantee was removed: joins may now miss.", "Keep the relationship until consumers tolerate orphans.");

    public static Rule RelationshipChanged { get; } = Relaxation("relationship_changed", "Relationship changed", "A relationship now points elsewhere or has other settings (upstream ignored this).", "Check the joins consumers make on it.");

    public static Rule ExpressionAdded { get; } = Tightening("expression_added", "Expression added", "A row-level expression guarantee was added.");

    public static Rule ExpressionRemoved { get; } = Relaxation("expression_removed", "Expression removed", "A row-level expression guarantee was removed.", "Keep the expression until consumers no longer rely on it.");

    public static Rule ExpressionChanged { get; } = Relaxation("expression_changed", "Expression changed", "A row-level expression guarantee changed; the engine cannot tell whether it is looser.", "Check that consumers do not rely on the old expression.");

    public static Rule FreshnessAdded { get; } = Tightening("freshness_added", "Freshness guarantee added", "A freshness guarantee was added.");

    public static Rule FreshnessRemoved { get; } = Relaxation("freshness_removed", "Freshness guarantee removed", "The freshness guarantee was removed.", "Keep a freshness guarantee, perhaps a looser one.");

    public static Rule FreshnessRelaxed { get; } = Relaxation("freshness_relaxed", "Freshness relaxed", "Data may now be staler (a longer duration, or one the engine cannot read).", "Tell consumers that depend on timely data.");

    public static Rule FreshnessTightened { get; } = Tightening("freshness_tightened", "Freshness tightened", "Data is promised to be fresher (a shorter duration).");

    public static Rule VolumeAdded { get; } = Tightening("volume_added", "Volume guarantee added", "A row-count guarantee was added.");

    public static Rule VolumeRemoved { get; } = Relaxation("volume_removed", "Volume guarantee removed", "The row-count guarantee was removed.", "Keep a volume guarantee, perhaps a looser one.");

    public static Rule VolumeRelaxed { get; } = Relaxation("volume_relaxed", "Volume relaxed", "A row-count bound became looser (lower min_rows, higher max_rows, a bound removed, or a value the engine cannot compare).", "Tell consumers that size their processing on it.");

    public static Rule VolumeTightened { get; } = Tightening("volume_tightened", "Volume tightened", "A row-count bound became stricter (higher min_rows, lower max_rows, or a new bound).");

    public static Rule CustomAdded { get; } = Tightening("custom_guarantee_added", "Custom guarantee added", "A custom guarantee was added (a map entry, or a list item keyed by name, else type and column).");

    public static Rule CustomRemoved { get; } = Relaxation("custom_guarantee_removed", "Custom guarantee removed", "A custom guarantee was removed.", "Keep the guarantee until consumers no longer rely on it.");

    public static Rule CustomChanged { get; } = Relaxation("custom_guarantee_changed", "Custom guarantee changed", "A custom guarantee changed; the engine cannot tell whether it is looser.", "Check that consumers do not rely on the old value.");

    public static Rule OtherChanged { get; } = Relaxation("guarantee_changed", "Other guarantee changed", "A guarantee category the engine does not know changed; it is reported rather than ignored.", "Check that consumers do not rely on the old value.");

    /// <summary>Every guarantee rule, by id.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        .. new[]
        {
            NotNullAdded, NotNullRemoved, NotNullChanged, UniqueAdded, UniqueRemoved, AcceptedValuesAdded, AcceptedValuesRemoved,
            AcceptedValuesExpanded, AcceptedValuesContracted, RelationshipAdded, RelationshipRemoved, RelationshipChanged,
            ExpressionAdded, ExpressionRemoved, ExpressionChanged, FreshnessAdded, FreshnessRemoved, FreshnessRelaxed,
            FreshnessTightened, VolumeAdded, VolumeRemoved, VolumeRelaxed, VolumeTightened, CustomAdded, CustomRemoved,
            CustomChanged, OtherChanged,
        }.OrderBy(r => r.Id, StringComparer.Ordinal),
    ];

    /// <summary>True when the rule is a relaxation (upstream "warning").</summary>
    public static bool IsRelaxation(Rule rule) => rule.Backward == Severity.Dangerous;

    private static Rule Tightening(string type, string title, string description) =>
        new(Prefix + type, SchemaFormat.JsonSchema, type, title, Severity.Safe, Severity.Safe, ChangeType.Patch, description, "");

    private static Rule Relaxation(string type, string title, string description, string hint) =>
        new(Prefix + type, SchemaFormat.JsonSchema, type, title, Severity.Dangerous, Severity.Dangerous, ChangeType.Minor,
            description + " Breaking when the asset's guarantee mode is strict.", hint);
}
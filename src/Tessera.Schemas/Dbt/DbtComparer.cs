using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// Compares two manifests node by node (matched by <c>unique_id</c>). Paths start with the node's unique_id so
/// findings group by node: <c>model.shop.orders</c>, <c>model.shop.orders.customer_id</c>,
/// <c>model.shop.orders.customer_id tests.not_null</c>, <c>model.shop.orders freshness</c>.
/// Descriptions, tags, column order, paths and dependencies are not part of the contract and give no finding.
/// </summary>
internal sealed class DbtComparer(SchemaLimits limits)
{
    private readonly List<Finding> _findings = [];

    public IReadOnlyList<Finding> Compare(DbtManifest oldManifest, DbtManifest newManifest)
    {
        var removed = oldManifest.Nodes.Where(n => !newManifest.ById.ContainsKey(n.UniqueId)).ToList();
        var added = newManifest.Nodes.Where(n => !oldManifest.ById.ContainsKey(n.UniqueId)).ToList();

        foreach (var oldNode in oldManifest.Nodes)
        {
            if (newManifest.ById.TryGetValue(oldNode.UniqueId, out var newNode))
            {
                CompareNode(oldNode.UniqueId, oldNode, newNode);
            }
        }

        // A node that left under one unique_id and came back under another with the same relation is a dbt-side
        // rename: warehouse readers see the same relation, so compare it instead of reporting remove + add.
        var addedByRelation = added
            .GroupBy(n => (n.ResourceType, n.Relation))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single());
        var removedRelations = removed.GroupBy(n => (n.ResourceType, n.Relation)).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet();
        var paired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var oldNode in removed)
        {
            var key = (oldNode.ResourceType, oldNode.Relation);
            if (removedRelations.Contains(key) && addedByRelation.TryGetValue(key, out var newNode))
            {
                paired.Add(newNode.UniqueId);
                Add(DbtRules.NodeIdChanged.At(oldNode.UniqueId,
                    $"{oldNode.UniqueId} is now {newNode.UniqueId}; the relation {oldNode.Relation} is unchanged.",
                    oldValue: oldNode.UniqueId, newValue: newNode.UniqueId));
                CompareNode(oldNode.UniqueId, oldNode, newNode);
            }
            else
            {
                Add(DbtRules.Removed(oldNode.ResourceType).At(oldNode.UniqueId,
                    $"The {oldNode.ResourceType.ToWire()} {oldNode.UniqueId} ({oldNode.Fqn}) was removed.", oldValue: oldNode.Fqn));
            }
        }

        foreach (var newNode in added.Where(n => !paired.Contains(n.UniqueId)))
        {
            Add(DbtRules.Added(newNode.ResourceType).At(newNode.UniqueId,
                $"The {newNode.ResourceType.ToWire()} {newNode.UniqueId} ({newNode.Fqn}) was added.", newValue: newNode.Fqn));
        }

        return _findings;
    }

    private void CompareNode(string id, DbtNode oldNode, DbtNode newNode)
    {
        if (oldNode.Relation != newNode.Relation)
        {
            Add(DbtRules.RelationMoved.At(id, $"{id} now builds {newNode.Relation} instead of {oldNode.Relation}.",
                oldValue: oldNode.Relation, newValue: newNode.Relation));
        }

        CompareConfig(id, oldNode, newNode);
        CompareColumns(id, oldNode, newNode);
        foreach (var finding in DbtGuaranteeComparer.Compare(id, oldNode.Guarantees, newNode.Guarantees))
        {
            Add(finding);
        }
    }

    private void CompareConfig(string id, DbtNode oldNode, DbtNode newNode)
    {
        if (!string.Equals(oldNode.Materialized, newNode.Materialized, StringComparison.OrdinalIgnoreCase))
        {
            var finding = DbtRules.MaterializationChanged.At(id + " config.materialized",
                $"{id} is materialized as {newNode.Materialized ?? "(default)"} instead of {oldNode.Materialized ?? "(default)"}.",
                oldValue: oldNode.Materialized, newValue: newNode.Materialized);
            if (IsEphemeral(newNode.Materialized) && !IsEphemeral(oldNode.Materialized))
            {
                finding = Finding.Create(DbtRules.MaterializationChanged, finding.Path,
                    $"{id} became ephemeral: the relation {oldNode.Relation} is no longer built.", ChangeDirection.Data,
                    Severity.Breaking, Severity.Breaking, finding.OldValue, finding.NewValue);
            }

            Add(finding);
        }

        if (oldNode.ContractEnforced && !newNode.ContractEnforced)
        {
            Add(DbtRules.ContractDisabled.At(id + " config.contract.enforced", $"The contract of {id} is no longer enforced.",
                oldValue: true, newValue: false));
        }
        else if (!oldNode.ContractEnforced && newNode.ContractEnforced)
        {
            Add(DbtRules.ContractEnforced.At(id + " config.contract.enforced", $"The contract of {id} is now enforced.",
                oldValue: false, newValue: true));
        }

        if (oldNode.LatestVersion is not null && newNode.LatestVersion is not null && oldNode.LatestVersion != newNode.LatestVersion)
        {
            Add(DbtRules.LatestVersionChanged.At(id + " latest_version",
                $"The latest version of {newNode.Name} is {newNode.LatestVersion} instead of {oldNode.LatestVersion}.",
                oldValue: oldNode.LatestVersion, newValue: newNode.LatestVersion));
        }
    }

    private static bool IsEphemeral(string? materialized) => string.Equals(materialized, "ephemeral", StringComparison.OrdinalIgnoreCase);

    private void CompareColumns(string id, DbtNode oldNode, DbtNode newNode)
    {
        var newColumns = new Dictionary<string, DbtColumn>(StringComparer.Ordinal);
        foreach (var column in newNode.Columns)
        {
            newColumns.TryAdd(column.Key, column);
        }

        var oldKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var oldColumn in oldNode.Columns)
        {
            if (!oldKeys.Add(oldColumn.Key))
            {
                continue;
            }

            var path = $"{id}.{oldColumn.Key}";
            if (!newColumns.TryGetValue(oldColumn.Key, out var newColumn))
            {
                Add(DbtRules.ColumnRemoved.At(path, $"Column {oldColumn.Name} was removed from {id}.", oldValue: oldColumn.DataType ?? oldColumn.Name));
                continue;
            }

            CompareTypes(path, oldColumn, newColumn);
        }

        foreach (var newColumn in newNode.Columns)
        {
            if (oldKeys.Add(newColumn.Key))
            {
                Add(DbtRules.ColumnAdded.At($"{id}.{newColumn.Key}", $"Column {newColumn.Name} was added to {id}.",
                    newValue: newColumn.DataType ?? newColumn.Name));
            }
        }
    }

    private void CompareTypes(string path, DbtColumn oldColumn, DbtColumn newColumn)
    {
        if (oldColumn.Type is null)
        {
            // Declaring a type where none was declared documents the contract; it changes no data.
            return;
        }

        if (newColumn.Type is null)
        {
            Add(DbtRules.Unknown.At(path, $"Column {newColumn.Name} no longer declares a type (was {oldColumn.DataType}).",
                oldValue: oldColumn.DataType, newValue: null));
            return;
        }

        var change = DbtType.Compare(oldColumn.Type, newColumn.Type);
        var rule = change switch
        {
            DbtTypeChange.Equal => null,
            DbtTypeChange.Widened => DbtRules.ColumnTypeWidened,
            DbtTypeChange.Narrowed => DbtRules.ColumnTypeNarrowed,
            DbtTypeChange.Changed => DbtRules.ColumnTypeChanged,
            _ => DbtRules.Unknown,
        };
        if (rule is not null)
        {
            var how = change == DbtTypeChange.Unknown ? "changed in a way the type map cannot judge" : change.ToString().ToLowerInvariant();
            Add(rule.At(path, $"Column {newColumn.Name}: type {oldColumn.DataType} {how} to {newColumn.DataType}.",
                oldValue: oldColumn.DataType, newValue: newColumn.DataType));
        }
    }

    private void Add(Finding finding)
    {
        if (_findings.Count >= limits.MaxFindings)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxFindings), limits.MaxFindings, "The number of changes");
        }

        _findings.Add(finding);
    }

}
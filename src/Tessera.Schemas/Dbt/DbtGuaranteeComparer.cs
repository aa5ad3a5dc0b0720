using System.Text.Json.Nodes;

using Tessera.Schemas.Guarantees;

namespace Tessera.Schemas.Dbt;

/// <summary>
/// Compares the guarantees of one node in two versions. The judgement is the shared guarantee differ's
/// (<see cref="GuaranteeDiff"/>: compatibility.md §2 with the §8.25 fixes), so a dbt import and a publish with
/// guarantees agree; this adapter gives each finding its <c>dbt.*</c> rule and a path that starts with the node's
/// unique_id and names the test: <c>model.shop.orders.customer_id tests.not_null</c>, <c>model.shop.orders freshness</c>.
/// </summary>
internal static class DbtGuaranteeComparer
{
    private static readonly Dictionary<string, Rule> RulesByType =
        DbtRules.All.Where(r => DbtRules.Guarantees.Contains(r.Id)).ToDictionary(r => r.Type, StringComparer.Ordinal);

    public static IEnumerable<Finding> Compare(string id, DbtGuarantees before, DbtGuarantees after)
    {
        var report = GuaranteeDiff.Compare(before.ToJson(), after.ToJson(), GuaranteeMode.Notify);
        foreach (var finding in report.Findings)
        {
            // Every category and value DbtGuarantees produces has a dbt rule; anything else is not judged here.
            var rule = RulesByType.GetValueOrDefault(finding.Type, DbtRules.Unknown);
            var path = PathOf(id, finding.Path, before, after);
            yield return Finding.Create(rule, path, $"{id}: {finding.Message}", ChangeDirection.Data, rule.Backward, rule.Forward,
                finding.OldValue, finding.NewValue);
        }
    }

    private static string PathOf(string id, string path, DbtGuarantees before, DbtGuarantees after)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var category = dot < 0 ? path : path[..dot];
        var key = dot < 0 ? "" : path[(dot + 1)..];
        return category switch
        {
            "nullability" => $"{id}.{key} tests.not_null",
            "uniqueness" => $"{id}.{key} tests.unique",
            "accepted_values" => $"{id}.{key} tests.accepted_values",
            "relationships" => $"{id}.{key} tests.relationships",
            "custom" => CustomPath(id, key, before.Custom.GetValueOrDefault(key) ?? after.Custom.GetValueOrDefault(key)),
            "freshness" or "volume" => $"{id} {path}",
            _ => $"{id} guarantees.{path}",
        };
    }

    /// <summary><c>&lt;id&gt;.&lt;column&gt; tests.&lt;type&gt;</c> for column tests, <c>&lt;id&gt; tests.&lt;key&gt;</c> otherwise.</summary>
    private static string CustomPath(string id, string key, JsonObject? entry)
    {
        if (DbtJson.StringOf(entry?["column"]) is { } column && DbtJson.StringOf(entry?["type"]) is { } type)
        {
            var prefix = $"{type}.{column}";
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"{id}.{column} tests.{type}{key[prefix.Length..]}";
            }
        }

        return $"{id} tests.{key}";
    }
}
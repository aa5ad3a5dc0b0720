using System.Text.Json.Nodes;

using Tessera.Schemas;

namespace Tessera.Core.Contracts;

/// <summary>A finding as a change on the wire: <c>{type, path, message, old_value, new_value, rule_id, severity, direction}</c>.</summary>
public static class FindingWire
{
    public static JsonObject ToJson(Finding finding, CompatibilityMode mode) => new()
    {
        ["type"] = finding.Type,
        ["path"] = finding.Path,
        ["message"] = finding.Message,
        ["old_value"] = finding.OldValue?.DeepClone(),
        ["new_value"] = finding.NewValue?.DeepClone(),
        ["rule_id"] = finding.RuleId,
        ["severity"] = finding.SeverityFor(mode).ToString().ToLowerInvariant(),
        ["direction"] = finding.Direction.ToString().ToLowerInvariant(),
        ["hint"] = finding.Hint.Length == 0 ? null : finding.Hint,
        ["against_version"] = finding.Against,
    };

    public static JsonArray ToJson(IEnumerable<Finding> findings, CompatibilityMode mode) => new([.. findings.Select(f => (JsonNode)ToJson(f, mode))]);
}
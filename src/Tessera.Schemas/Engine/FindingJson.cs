using System.Text.Json.Nodes;

namespace Tessera.Schemas;

/// <summary>The stable JSON shape of findings and results (CLI <c>--output json</c>, golden files, the API).</summary>
public static class FindingJson
{
    /// <summary>One finding. <paramref name="mode"/> adds <c>severity</c> (the severity under that mode).</summary>
    public static JsonObject ToJson(Finding finding, CompatibilityMode? mode = null, bool includeMessage = true)
    {
        var json = new JsonObject
        {
            ["rule_id"] = finding.RuleId,
            ["type"] = finding.Type,
            ["path"] = finding.Path,
            ["direction"] = finding.Direction.ToWire(),
        };
        if (mode is { } m)
        {
            json["severity"] = finding.SeverityFor(m).ToWire();
        }

        json["backward"] = finding.Backward.ToWire();
        json["forward"] = finding.Forward.ToWire();
        json["level"] = finding.Level.ToWire();
        json["old_value"] = finding.OldValue?.DeepClone();
        json["new_value"] = finding.NewValue?.DeepClone();
        if (includeMessage)
        {
            json["message"] = finding.Message;
            json["hint"] = finding.Hint;
        }

        if (finding.Against is not null)
        {
            json["against"] = finding.Against;
        }

        return json;
    }

    /// <summary>
    /// The whole verdict: <c>{format, mode, compatible, change_type, summary{breaking,dangerous,safe,unknown}, findings[]}</c>.
    /// </summary>
    public static JsonObject ToJson(CompatibilityReport report, SchemaFormat format)
    {
        var all = report.Latest.Findings.Concat(report.Transitive).ToList();
        var summary = new JsonObject();
        foreach (var severity in Enum.GetValues<Severity>().OrderByDescending(s => s))
        {
            summary[severity.ToWire()] = all.Count(f => f.SeverityFor(report.Mode) == severity);
        }

        return new JsonObject
        {
            ["format"] = format.ToWire(),
            ["mode"] = report.Mode.ToWire(),
            ["compatible"] = report.IsCompatible,
            ["change_type"] = report.ChangeType.ToWire(),
            ["summary"] = summary,
            ["findings"] = new JsonArray([.. all.Select(f => (JsonNode)ToJson(f, report.Mode))]),
        };
    }
}
using System.Text.Json.Nodes;

namespace Tessera.Schemas;

/// <summary>One detected change between two versions of a contract, in any format.</summary>
public sealed record Finding
{
    /// <summary>The catalogue rule that produced the finding.</summary>
    public required Rule Rule { get; init; }

    public string RuleId => Rule.Id;

    /// <summary>The change kind on the wire (<c>type</c>), e.g. <c>property_removed</c>.</summary>
    public string Type => Rule.Type;

    /// <summary>Where the change is: a dotted JSON Schema path or the format's own coordinate.</summary>
    public required string Path { get; init; }

    public ChangeDirection Direction { get; init; } = ChangeDirection.Data;

    /// <summary>Severity when the mode requires backward compatibility.</summary>
    public required Severity Backward { get; init; }

    /// <summary>Severity when the mode requires forward compatibility.</summary>
    public required Severity Forward { get; init; }

    /// <summary>Semantic-versioning weight of this change alone.</summary>
    public required ChangeType Level { get; init; }

    public JsonNode? OldValue { get; init; }

    public JsonNode? NewValue { get; init; }

    public required string Message { get; init; }

    /// <summary>What a producer can do to ship the change without breaking anyone.</summary>
    public string Hint { get; init; } = "";

    /// <summary>Label of the earlier version this finding was found against (transitive checks); null for the latest.</summary>
    public string? Against { get; init; }

    /// <summary>The severity of this change under <paramref name="mode"/>. <c>none</c> makes everything safe.</summary>
    public Severity SeverityFor(CompatibilityMode mode) => mode.Base() switch
    {
        CompatibilityMode.Backward => Backward,
        CompatibilityMode.Forward => Forward,
        CompatibilityMode.Full => SeverityExtensions.Max(Backward, Forward),
        _ => Severity.Safe,
    };

    public bool IsBlocking(CompatibilityMode mode) => SeverityFor(mode).IsBlocking();

    /// <summary>
    /// Creates a finding. Its level is <see cref="ChangeType.Major"/> when it blocks backward compatibility,
    /// otherwise the rule's level.
    /// </summary>
    public static Finding Create(Rule rule, string path, string message, ChangeDirection direction,
        Severity backward, Severity forward, JsonNode? oldValue = null, JsonNode? newValue = null) => new()
        {
            Rule = rule,
            Path = path,
            Message = message,
            Direction = direction,
            Backward = backward,
            Forward = forward,
            Level = backward.IsBlocking() ? ChangeType.Major : rule.Level,
            OldValue = oldValue?.DeepClone(),
            NewValue = newValue?.DeepClone(),
            Hint = rule.Hint,
        };

    /// <summary>Deterministic order: path, then rule, then message, then the version it was found against.</summary>
    public static IComparer<Finding> Order { get; } = Comparer<Finding>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Message, b.Message);
        return c != 0 ? c : string.CompareOrdinal(a.Against, b.Against);
    });
}
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>One run of <see cref="JsonSchemaComparer.Compare"/>: walks both trees as pairs and collects findings.</summary>
internal sealed partial class SchemaComparison
{
    private static readonly string[] UpperBounds = ["maxLength", "maxItems", "maximum", "maxProperties", "maxContains", "exclusiveMaximum"];
    private static readonly string[] LowerBounds = ["minLength", "minItems", "minimum", "minProperties", "minContains", "exclusiveMinimum"];

    private readonly JsonSchemaCompareOptions _options;
    private readonly JsonNode? _oldRoot;
    private readonly JsonNode? _newRoot;
    private readonly HashSet<(object, object, bool)> _visited = [];
    private long _pairs;

    public SchemaComparison(JsonSchemaCompareOptions options, JsonNode? oldRoot, JsonNode? newRoot)
    {
        _options = options;
        _oldRoot = oldRoot;
        _newRoot = newRoot;
    }

    private SchemaLimits Limits => _options.Limits;

    private ChangeDirection Direction => _options.Direction;

    public IReadOnlyList<Finding> Run(JsonNode? oldSchema, JsonNode? newSchema)
    {
        var sink = new List<Finding>();
        try
        {
            CompareNodes(oldSchema, newSchema, "", 0, skipNull: false, sink);
        }
        catch (SchemaLimitException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), Limits.MaxDepth, "The nesting depth of the compared schemas");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // Fail closed on anything the walk did not foresee rather than crash the caller.
            sink.Clear();
            sink.Add(Make(JsonSchemaRules.Unknown, "", $"The schemas could not be compared ({ex.GetType().Name}: {ex.Message}).", oldSchema, newSchema));
        }

        var result = sink.Select(f => f with { Path = Join(_options.PathPrefix, f.Path) }).ToList();
        result.Sort(Finding.Order);
        return result;
    }

    internal static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : prefix + "." + path;

    private void CompareNodes(JsonNode? oldRaw, JsonNode? newRaw, string path, int depth, bool skipNull, List<Finding> sink)
    {
        if (++_pairs > Limits.MaxNodes)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxNodes), Limits.MaxNodes, "The number of schema node pairs compared");
        }

        if (ReferenceEquals(oldRaw, newRaw) && ReferenceEquals(_oldRoot, _newRoot))
        {
            return; // the very same node in the very same document
        }

        if (depth > Limits.MaxDepth)
        {
            if (!JsonValues.Equal(oldRaw, newRaw))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, path,
                    $"The schemas nest deeper than MaxDepth = {Limits.MaxDepth} here; the changes below this point were not judged.", null, null));
            }

            return;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        var o = SchemaView.Build(oldRaw, _oldRoot);
        var n = SchemaView.Build(newRaw, _newRoot);
        if (!o.ViaRef && !n.ViaRef)
        {
            CompareViews(o, n, path, depth, skipNull, sink);
            return;
        }

        // Pairs reached through $ref are compared once: a recursive schema meets its pair again further down, and a
        // shared definition is reported where it is first reached (properties in name order, depth first).
        if (_visited.Add((o.Identity, n.Identity, skipNull)))
        {
            CompareViews(o, n, path, depth, skipNull, sink);
        }
    }

    private void CompareViews(SchemaView o, SchemaView n, string path, int depth, bool skipNull, List<Finding> sink)
    {
        if (o.ExternalRef is not null || n.ExternalRef is not null)
        {
            if (o.ExternalRef != n.ExternalRef)
            {
                sink.Add(Make(JsonSchemaRules.Unknown, path,
                    $"External $ref changed ({o.ExternalRef ?? "none"} → {n.ExternalRef ?? "none"}); it cannot be resolved, so the change cannot be judged.",
                    o.ExternalRef is null ? null : JsonValue.Create(o.ExternalRef), n.ExternalRef is null ? null : JsonValue.Create(n.ExternalRef)));
                return;
            }
        }

        if (!o.Problems.SetEquals(n.Problems))
        {
            // One side cannot be read as a schema here: report it and judge nothing below (it would be noise).
            foreach (var problem in n.Problems.Except(o.Problems, StringComparer.Ordinal))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, path, $"The new schema cannot be judged here: {problem}.", o.Raw, n.Raw));
            }

            foreach (var problem in o.Problems.Except(n.Problems, StringComparer.Ordinal))
            {
                sink.Add(Make(JsonSchemaRules.Unknown, path, $"The old schema could not be judged here: {problem}.", o.Raw, n.Raw));
            }

            return;
        }

        if (o.IsNothing || n.IsNothing)
        {
            if (o.IsNothing && !n.IsNothing)
            {
                sink.Add(Make(JsonSchemaRules.ConstraintRelaxed, path, "The schema accepted no value (false) and now accepts values.", o.Raw, n.Raw));
            }
            else if (!o.IsNothing && n.IsNothing)
            {
                sink.Add(Make(JsonSchemaRules.ConstraintTightened, path, "The schema now accepts no value at all (false).", o.Raw, n.Raw));
            }

            return;
        }

        if (o.Branches.Count >= 2 || n.Branches.Count >= 2)
        {
            CompareUnion(o, n, path, depth, skipNull, sink);
            return;
        }

        CompareFlat(o, n, path, depth, skipNull, sink);
    }

    private Finding Make(Rule rule, string path, string message, JsonNode? oldValue, JsonNode? newValue,
        bool removedOptional = false, bool closed = false)
    {
        var backward = rule.Backward;
        var forward = rule.Forward;
        switch (Direction)
        {
            case ChangeDirection.Output:
                (backward, forward) = (forward, backward);
                if (rule == JsonSchemaRules.PropertyRemoved)
                {
                    (backward, forward) = (Severity.Breaking, Severity.Breaking);
                }
                else if (rule == JsonSchemaRules.PropertyAdded)
                {
                    (backward, forward) = (Severity.Safe, Severity.Safe);
                }
                else if (rule == JsonSchemaRules.EnumValuesAdded)
                {
                    backward = Severity.Dangerous;
                }

                break;
            case ChangeDirection.Input:
                if (rule == JsonSchemaRules.PropertyRemoved && removedOptional && !closed)
                {
                    backward = Severity.Dangerous;
                }

                break;
        }

        return Finding.Create(rule, path, message, Direction == ChangeDirection.Interface ? ChangeDirection.Data : Direction,
            backward, forward, oldValue, newValue);
    }
}
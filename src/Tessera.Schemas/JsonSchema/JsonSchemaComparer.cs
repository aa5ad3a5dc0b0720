using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>
/// Compares two JSON Schema nodes and reports every change as a <see cref="Finding"/> of a
/// <see cref="JsonSchemaRules"/> rule. Used by the JSON Schema format and by every format that judges a
/// JSON Schema part of its contract (OpenAPI bodies and parameters, ...).
/// </summary>
/// <remarks>
/// <para>Severities follow the direction of the compared part:</para>
/// <list type="bullet">
/// <item><see cref="ChangeDirection.Data"/>: the upstream per-mode sets (compatibility.md §1.4) with the §8 fixes.</item>
/// <item><see cref="ChangeDirection.Output"/> (responses): the server writes, old clients read, so backward and
/// forward severities are swapped, except that a removed property breaks both ways, an added property is safe
/// both ways (old clients never see it) and a new enum value is <see cref="Severity.Dangerous"/> under backward.</item>
/// <item><see cref="ChangeDirection.Input"/> (requests): as data, except that removing an optional property is
/// <see cref="Severity.Dangerous"/> under backward (old clients still send it, the server ignores it) unless the
/// new schema closes the object with <c>additionalProperties: false</c>.</item>
/// </list>
/// <para><c>$ref</c>: local JSON pointers (<c>#/...</c>, <c>~0</c>/<c>~1</c> and percent escapes decoded) resolve in
/// <see cref="JsonSchemaCompareOptions.OldRoot"/>/<see cref="JsonSchemaCompareOptions.NewRoot"/> at any depth.
/// Keywords next to a <c>$ref</c> are combined with its target as if both were in an <c>allOf</c> (2019-09
/// semantics): a local <c>maxLength: 5</c> next to a target's <c>maxLength: 10</c> gives 5, a local
/// <c>description</c> is kept. Schemas reached through <c>$ref</c> are walked as (old, new) pairs and each pair is
/// compared once: a recursive schema meeting its pair again further down stops there, and a definition shared by
/// several places is reported at the first place it is reached (properties in name order, depth first). So the
/// work and the findings grow with the number of distinct pairs, never with the number of paths through the graph.
/// An external or unresolvable <c>$ref</c> that changed gives an <c>unknown</c> finding.</para>
/// <para>Depth: a comparison deeper than <see cref="SchemaLimits.MaxDepth"/> stops there with an <c>unknown</c>
/// finding (never a silent cut); more than <see cref="SchemaLimits.MaxNodes"/> node pairs throws
/// <see cref="SchemaLimitException"/>.</para>
/// </remarks>
public static class JsonSchemaComparer
{
    /// <summary>
    /// Compares two JSON Schema nodes (objects or booleans; null = absent, read as "any value"). Never throws on
    /// odd input: anything it cannot judge becomes an <c>unknown</c> finding. Throws
    /// <see cref="SchemaLimitException"/> only when a limit is exceeded. Findings are in deterministic order.
    /// </summary>
    public static IReadOnlyList<Finding> Compare(JsonNode? oldSchema, JsonNode? newSchema, JsonSchemaCompareOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var comparison = new SchemaComparison(options, options.OldRoot ?? oldSchema, options.NewRoot ?? newSchema);
        return comparison.Run(oldSchema, newSchema);
    }
}

/// <summary>How <see cref="JsonSchemaComparer.Compare"/> judges and labels what it finds.</summary>
public sealed record JsonSchemaCompareOptions
{
    /// <summary>Data (a data schema), Input (a request or arguments) or Output (a response).</summary>
    public ChangeDirection Direction { get; init; } = ChangeDirection.Data;

    /// <summary>
    /// Put before every path, e.g. <c>GET /users/{id} response 200 application/json</c>; joined to the schema path
    /// with <c>.</c> (the prefix alone at the root).
    /// </summary>
    public string PathPrefix { get; init; } = "";

    /// <summary>The document old <c>$ref</c> pointers resolve in (default: the old schema itself).</summary>
    public JsonNode? OldRoot { get; init; }

    /// <summary>The document new <c>$ref</c> pointers resolve in (default: the new schema itself).</summary>
    public JsonNode? NewRoot { get; init; }

    public SchemaLimits Limits { get; init; } = SchemaLimits.Default;
}
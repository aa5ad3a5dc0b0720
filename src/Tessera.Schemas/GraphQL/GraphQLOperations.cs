using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tessera.Schemas.GraphQL;

/// <summary>One root field of a schema: a query, mutation or subscription a client can run.</summary>
/// <param name="OperationType"><c>query</c>, <c>mutation</c> or <c>subscription</c>.</param>
/// <param name="Field">The root field.</param>
/// <param name="Schema">The combined contract schema <c>{arguments, response}</c>.</param>
public sealed record GraphQLOperation(string OperationType, GraphQLFieldDef Field, JsonObject Schema)
{
    public string Name => Field.Name;

    /// <summary>How an importer names this operation inside its document: <c>&lt;root type&gt;.&lt;field&gt;</c>, e.g. <c>Query.user</c>.</summary>
    public string Selector(GraphQLSchemaDocument document) => GraphQLSelection.SelectorOf(document, this);

    /// <summary><c>{nullability: {arg: "never"}}</c> for non-null arguments, or null when there are none.</summary>
    public JsonObject? Guarantees
    {
        get
        {
            var nonNull = Field.Arguments.Where(a => a.Type.IsNonNull).ToList();
            if (nonNull.Count == 0)
            {
                return null;
            }

            var nullability = new JsonObject();
            foreach (var argument in nonNull)
            {
                nullability[argument.Name] = "never";
            }

            return new JsonObject { ["nullability"] = nullability };
        }
    }

    /// <summary>
    /// What the importer stores as <c>graphql_source</c> (without the schema name and description, which belong to
    /// the schema): <c>{operation_name, operation_type, description, arguments: [{name, description, type, required}]}</c>.
    /// </summary>
    public JsonObject Metadata(GraphQLSchemaDocument document)
    {
        var arguments = new JsonArray();
        foreach (var argument in Field.Arguments)
        {
            arguments.Add(new JsonObject
            {
                ["name"] = argument.Name,
                ["description"] = argument.Description,
                ["type"] = GraphQLJsonSchemaWriter.TypeSchema(document, argument.Type),
                ["required"] = argument.IsRequired,
            });
        }

        return new JsonObject
        {
            ["operation_name"] = Name,
            ["operation_type"] = OperationType,
            ["description"] = Field.Description,
            ["arguments"] = arguments,
        };
    }
}

/// <summary>The operations of a schema, as the importer turns them into assets (one per root field).</summary>
public static class GraphQLOperations
{
    /// <summary>
    /// Every root field of the query, mutation and subscription types, in that order and by field order.
    /// Subscriptions are included (the original ignored them, compatibility.md §8.19).
    /// </summary>
    public static IReadOnlyList<GraphQLOperation> List(GraphQLSchemaDocument document)
    {
        var operations = new List<GraphQLOperation>();
        foreach (var operationType in new[] { "query", "mutation", "subscription" })
        {
            if (document.RootType(operationType) is not { } rootName || document.Find(rootName) is not { } root)
            {
                continue;
            }

            foreach (var field in root.Fields)
            {
                operations.Add(new GraphQLOperation(operationType, field, GraphQLJsonSchemaWriter.Operation(document, field)));
            }
        }

        return operations;
    }
}

/// <summary>
/// Fully qualified asset names of GraphQL operations: <c>graphql.&lt;schema&gt;.&lt;query|mutation&gt;_&lt;op&gt;</c>
/// (compatibility.md §4.2), e.g. <c>("Users API", "listUsers", "query")</c> → <c>graphql.users_api.query_listusers</c>.
/// </summary>
public static partial class GraphQLFqn
{
    /// <summary>The schema name used when a request gives none.</summary>
    public const string DefaultSchemaName = "GraphQL API";

    /// <summary>Longest schema name accepted.</summary>
    public const int MaxSchemaNameLength = 100;

    /// <summary>
    /// Builds the FQN. Throws <see cref="ArgumentException"/> when a part is empty ("must not be empty") or holds
    /// characters other than letters, digits, <c>_</c> and <c>-</c> ("unsafe characters"); spaces and hyphens in
    /// the schema name become <c>_</c> first.
    /// </summary>
    public static string Create(string schemaName, string operationName, string operationType)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        ArgumentNullException.ThrowIfNull(operationName);
        ArgumentNullException.ThrowIfNull(operationType);
        if (schemaName.Trim().Length == 0)
        {
            throw new ArgumentException("The schema name must not be empty.", nameof(schemaName));
        }

        if (schemaName.Length > MaxSchemaNameLength)
        {
            throw new ArgumentException($"The schema name must be at most {MaxSchemaNameLength} characters.", nameof(schemaName));
        }

        var schema = Check(schemaName.Replace(' ', '_').Replace('-', '_'), "schema name", nameof(schemaName));
        var operation = Check(operationName, "operation name", nameof(operationName));
        var type = Check(operationType, "operation type", nameof(operationType));
        return $"graphql.{Normalize(schema)}.{Normalize(type)}_{Normalize(operation)}";
    }

    /// <summary>The parser's fallback name: the schema description cut to 50 characters, else "GraphQL API".</summary>
    public static string SchemaNameOf(GraphQLSchemaDocument document) =>
        string.IsNullOrWhiteSpace(document.Description)
            ? DefaultSchemaName
            : document.Description.Length > 50 ? document.Description[..50] : document.Description;

    private static string Check(string part, string what, string parameter)
    {
        if (part.Length == 0)
        {
            throw new ArgumentException($"The {what} must not be empty.", parameter);
        }

        if (!SafePart().IsMatch(part))
        {
            throw new ArgumentException($"The {what} '{part}' contains unsafe characters (allowed: letters, digits, '_' and '-', not starting with a digit or '-').", parameter);
        }

        return part;
    }

    private static string Normalize(string part)
    {
        var text = part.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        while (text.Contains("__", StringComparison.Ordinal))
        {
            text = text.Replace("__", "_", StringComparison.Ordinal);
        }

        text = text.Trim('_');
        return text.Length == 0 ? "unknown" : text;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePart();
}
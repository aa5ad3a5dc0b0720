using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Schemas;
using Tessera.Schemas.GraphQL;

namespace Tessera.Core.Ingestion;

/// <summary>
/// GraphQL schemas (SDL or introspection JSON) as import items (compatibility.md §4.2 with its §8 fixes): one
/// <c>graphql_query</c> asset per root field of the query, mutation and subscription types, judged by the GraphQL comparer
/// on the types that field reaches (input and output directions apart), with <c>{arguments, response}</c> as the view.
/// </summary>
public static class GraphQLImport
{
    /// <summary>
    /// Reads the schema. Throws 400 <c>INVALID_OPENAPI_SPEC</c> (the code the original uses for GraphQL too) when it does
    /// not parse, and 422 when <paramref name="schemaName"/> cannot be part of an FQN.
    /// </summary>
    public static ImportSet Read(SchemaEngine engine, string content, bool introspection, string? schemaName, ImportNaming naming)
    {
        GraphQLSchemaDocument document;
        try
        {
            document = engine.Parse(new SchemaSource(content, introspection ? "schema.json" : "schema.graphql"), SchemaFormat.GraphQL) as GraphQLSchemaDocument
                ?? throw new SchemaParseException("The document is not a GraphQL schema.");
        }
        catch (SchemaParseException e)
        {
            throw ImportJson.Invalid(ErrorCodes.InvalidOpenApiSpec, "Invalid GraphQL schema", e);
        }

        var name = string.IsNullOrWhiteSpace(schemaName) ? GraphQLFqn.SchemaNameOf(document) : schemaName.Trim();
        if (!string.IsNullOrWhiteSpace(schemaName))
        {
            try
            {
                GraphQLFqn.Create(name, "probe", "query");
            }
            catch (ArgumentException e)
            {
                throw DomainException.Invalid("schema_name", e.Message);
            }
        }

        var imported = new ImportDocument(StoredSchemaFormat.Graphql, content, document);
        var items = new List<ImportItem>();
        var errors = new List<string>();
        var schemaDescription = document.QueryType is { } query ? document.Find(query)?.Description : null;
        foreach (var operation in GraphQLOperations.List(document))
        {
            var selector = operation.Selector(document);
            string fqn;
            string? error = null;
            try
            {
                fqn = naming.GraphQL(name, operation);
            }
            catch (ArgumentException e)
            {
                fqn = selector;
                error = e.Message;
                errors.Add($"{selector}: {e.Message}");
            }

            var source = operation.Metadata(document);
            source.Insert(0, "schema_name", name);
            source.Insert(1, "schema_description", schemaDescription);
            var descriptions = new JsonObject();
            foreach (var argument in operation.Field.Arguments.Where(a => !string.IsNullOrWhiteSpace(a.Description)))
            {
                descriptions["$.properties.arguments.properties." + argument.Name] = argument.Description;
            }

            var op = operation;
            items.Add(new ImportItem(imported, fqn, selector, () => SchemaEngine.Select(document, selector), () => op.Schema)
            {
                ResourceType = ResourceType.GraphqlQuery,
                Description = operation.Field.Description,
                Metadata = new JsonObject { ["graphql_source"] = source, ["sync_source"] = "graphql" },
                Guarantees = operation.Guarantees,
                FieldDescriptions = descriptions.Count == 0 ? null : descriptions,
                Labels = new JsonObject { ["operation_name"] = operation.Name, ["operation_type"] = operation.OperationType },
                Error = error,
            });
        }

        var info = new JsonObject { ["schema_name"] = name, ["source"] = introspection ? "introspection" : "sdl" };
        return new ImportSet(items, errors, info);
    }
}
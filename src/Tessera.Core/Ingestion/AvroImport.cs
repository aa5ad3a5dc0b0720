using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Schemas;
using Tessera.Schemas.Avro;

namespace Tessera.Core.Ingestion;

/// <summary>
/// Avro schemas (<c>.avsc</c>) as import items (DECISIONS §2): one asset per schema, named by its top-level named type
/// (<c>avro.&lt;namespace&gt;.&lt;name&gt;</c>, resource type <c>other</c>), judged by the Avro specification's schema
/// resolution rules, with the JSON Schema conversion (named types as <c>$defs</c>) as the view. Each schema is stored
/// as its own source document.
/// </summary>
public static class AvroImport
{
    /// <summary>Throws 400 <c>INVALID_SCHEMA</c> naming the entry when one schema does not parse or its top level is not a named type.</summary>
    public static ImportSet Read(SchemaEngine engine, IReadOnlyList<string> schemas, ImportNaming naming)
    {
        var items = new List<ImportItem>();
        var errors = new List<string>();
        for (var i = 0; i < schemas.Count; i++)
        {
            AvroDocument document;
            try
            {
                document = engine.Parse(new SchemaSource(schemas[i], $"schemas[{i}].avsc"), SchemaFormat.Avro) as AvroDocument
                    ?? throw new SchemaParseException("The document is not an Avro schema.");
            }
            catch (SchemaParseException e)
            {
                throw DomainException.Bad(ErrorCodes.InvalidSchema, $"Invalid Avro schema in schemas[{i}]: {e.Message}", new Dictionary<string, object?>
                {
                    ["errors"] = new JsonArray($"schemas[{i}]: {e.Message}"),
                    ["schema_format"] = "avro",
                    ["index"] = i,
                });
            }

            if (document.Root is not AvroNamedSchema named)
            {
                throw DomainException.Bad(ErrorCodes.InvalidSchema,
                    $"schemas[{i}]: the top-level schema must be a named type (record, enum or fixed), not {document.Root.Kind}",
                    new Dictionary<string, object?> { ["errors"] = new JsonArray($"schemas[{i}]: top-level {document.Root.Kind}"), ["schema_format"] = "avro", ["index"] = i });
            }

            var imported = new ImportDocument(StoredSchemaFormat.Avro, schemas[i], document);
            var doc = document;
            items.Add(new ImportItem(imported, naming.Avro(named), named.FullName, () => doc, () => SchemaEngine.Get(SchemaFormat.Avro).ToJsonSchema(doc))
            {
                ResourceType = ResourceType.Other,
                Description = named.Doc,
                Metadata = new JsonObject
                {
                    ["avro_source"] = new JsonObject
                    {
                        ["name"] = named.Name,
                        ["namespace"] = named.Namespace,
                        ["full_name"] = named.FullName,
                        ["type"] = named.Kind,
                        ["aliases"] = new JsonArray([.. named.Aliases.Select(a => (JsonNode)a)]),
                        ["named_types"] = new JsonArray([.. document.NamedTypes.Select(t => (JsonNode)t.FullName)]),
                    },
                    ["sync_source"] = "avro",
                },
                Labels = new JsonObject { ["name"] = named.Name, ["namespace"] = named.Namespace },
            });
        }

        return new ImportSet(items, errors, []);
    }
}
using System.Globalization;
using System.Text;

using Tessera.Schemas;

namespace Tessera.Benchmarks;

/// <summary>An old/new pair of one format, as files would hold them.</summary>
/// <param name="Format">The format of both documents.</param>
/// <param name="Name">A file-name stem, e.g. <c>openapi-1000-paths</c>.</param>
/// <param name="Extension">The file extension with its dot.</param>
/// <param name="Old">The old document.</param>
/// <param name="New">The new document.</param>
public sealed record InputPair(SchemaFormat Format, string Name, string Extension, string Old, string New);

/// <summary>
/// Deterministic generators of large, realistic contracts, each as an old/new pair with a sprinkling of changes
/// (removals, additions, type changes, new required inputs) at fixed strides. No randomness: the same input on
/// every run and machine.
/// </summary>
public static class LargeInputs
{
    public static InputPair For(SchemaFormat format) => format switch
    {
        SchemaFormat.OpenApi => OpenApi(1000),
        SchemaFormat.Protobuf => Protobuf(300),
        SchemaFormat.GraphQL => GraphQL(1000),
        SchemaFormat.Avro => Avro(2000),
        SchemaFormat.Dbt => Dbt(1000),
        SchemaFormat.JsonSchema => JsonSchema(2000),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>OpenAPI 3.0 (JSON) with <paramref name="paths"/> paths, each GET (by id) and POST, with component schemas.</summary>
    public static InputPair OpenApi(int paths) => new(SchemaFormat.OpenApi, $"openapi-{paths}-paths", ".json", OpenApiDocument(paths, false), OpenApiDocument(paths, true));

    private static string OpenApiDocument(int paths, bool changed)
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"Large API\", \"version\": \"1.0.0\"},\n  \"paths\": {\n");
        var first = true;
        for (var i = 0; i < paths + (changed ? 5 : 0); i++)
        {
            if (changed && i % 97 == 13)
            {
                continue; // path removed
            }

            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            var name = $"Resource{N(i)}";
            sb.Append($"    \"/v1/resource{N(i)}/{{id}}\": {{\n");
            sb.Append("      \"get\": {\n");
            sb.Append($"        \"operationId\": \"get{name}\",\n");
            sb.Append("        \"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\"}}");
            sb.Append(", {\"name\": \"expand\", \"in\": \"query\", \"required\": ").Append(changed && i % 50 == 7 ? "true" : "false").Append(", \"schema\": {\"type\": \"boolean\"}}],\n");
            sb.Append($"        \"responses\": {{\"200\": {{\"description\": \"ok\", \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"#/components/schemas/{name}\"}}}}}}}}, \"404\": {{\"description\": \"not found\"}}}}\n");
            sb.Append("      },\n");
            sb.Append("      \"post\": {\n");
            sb.Append($"        \"operationId\": \"update{name}\",\n");
            sb.Append("        \"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\"}}],\n");
            sb.Append($"        \"requestBody\": {{\"required\": true, \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"#/components/schemas/{name}Input\"}}}}}}}},\n");
            sb.Append($"        \"responses\": {{\"200\": {{\"description\": \"ok\", \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"#/components/schemas/{name}\"}}}}}}}}}}\n");
            sb.Append("      }\n    }");
        }

        sb.Append("\n  },\n  \"components\": {\n    \"schemas\": {\n");
        first = true;
        for (var i = 0; i < paths + (changed ? 5 : 0); i++)
        {
            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            var name = $"Resource{N(i)}";
            var idType = changed && i % 113 == 5 ? "integer" : "string";
            sb.Append($"      \"{name}\": {{\"type\": \"object\", \"required\": [\"id\", \"name\"], \"properties\": {{");
            sb.Append($"\"id\": {{\"type\": \"{idType}\"}}, \"name\": {{\"type\": \"string\", \"maxLength\": 200}}, ");
            sb.Append("\"status\": {\"type\": \"string\", \"enum\": [\"active\", \"inactive\"").Append(changed && i % 41 == 3 ? ", \"archived\"" : "").Append("]}, ");
            sb.Append("\"created_at\": {\"type\": \"string\", \"format\": \"date-time\"}, \"count\": {\"type\": \"integer\", \"minimum\": 0}");
            if (!(changed && i % 89 == 11))
            {
                sb.Append(", \"legacy_code\": {\"type\": \"string\"}");
            }

            if (changed && i % 10 == 0)
            {
                sb.Append(", \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}");
            }

            sb.Append("}},\n");
            sb.Append($"      \"{name}Input\": {{\"type\": \"object\", \"required\": [\"name\"").Append(changed && i % 61 == 2 ? ", \"status\"" : "").Append("], \"properties\": {");
            sb.Append("\"name\": {\"type\": \"string\", \"maxLength\": 200}, \"status\": {\"type\": \"string\", \"enum\": [\"active\", \"inactive\"]}, \"note\": {\"type\": \"string\"}}}");
        }

        sb.Append("\n    }\n  }\n}\n");
        return sb.ToString();
    }

    /// <summary>A proto3 file with <paramref name="messages"/> messages of 8–9 fields, nested enums and a service.</summary>
    public static InputPair Protobuf(int messages) => new(SchemaFormat.Protobuf, $"protobuf-{messages}-messages", ".proto", ProtoDocument(messages, false), ProtoDocument(messages, true));

    private static string ProtoDocument(int messages, bool changed)
    {
        var sb = new StringBuilder("syntax = \"proto3\";\n\npackage bench.v1;\n\n");
        for (var i = 0; i < messages + (changed ? 3 : 0); i++)
        {
            sb.Append($"// Message number {N(i)}.\nmessage Message{N(i)} {{\n");
            sb.Append("  enum Kind {\n    KIND_UNSPECIFIED = 0;\n    KIND_A = 1;\n    KIND_B = 2;\n");
            if (changed && i % 43 == 9)
            {
                sb.Append("    KIND_C = 3;\n");
            }

            sb.Append("  }\n");
            sb.Append("  string id = 1;\n");
            sb.Append(changed && i % 53 == 4 ? "  int64 name = 2;\n" : "  string name = 2;\n");
            sb.Append("  int32 count = 3;\n");
            sb.Append(changed && i % 71 == 8 ? "  bool enabled_flag = 4;\n" : "  bool enabled = 4;\n");
            if (changed && i % 37 == 6)
            {
                sb.Append("  reserved 5;\n");
            }
            else
            {
                sb.Append("  double score = 5;\n");
            }

            sb.Append("  repeated string labels = 6;\n");
            sb.Append("  Kind kind = 7;\n");
            sb.Append("  map<string, string> attributes = 8;\n");
            if (i > 0)
            {
                sb.Append($"  Message{N(i - 1)} parent = 9;\n");
            }

            if (changed && i % 10 == 0)
            {
                sb.Append("  string added_note = 10;\n");
            }

            sb.Append("}\n\n");
        }

        sb.Append("service BenchService {\n");
        for (var i = 0; i < messages; i += 3)
        {
            if (changed && i % 90 == 30)
            {
                continue; // rpc removed
            }

            var response = changed && i % 99 == 12 ? i + 1 : i;
            sb.Append($"  rpc Get{N(i)}(Message{N(i)}) returns (Message{N(response)});\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>GraphQL SDL with <paramref name="types"/> object types, input types, enums and a Query/Mutation root.</summary>
    public static InputPair GraphQL(int types) => new(SchemaFormat.GraphQL, $"graphql-{types}-types", ".graphql", GraphQLDocument(types, false), GraphQLDocument(types, true));

    private static string GraphQLDocument(int types, bool changed)
    {
        var sb = new StringBuilder("schema { query: Query mutation: Mutation }\n\n");
        sb.Append("enum Status { ACTIVE INACTIVE").Append(changed ? " ARCHIVED" : "").Append(" }\n\n");
        var objectTypes = types * 8 / 10;
        for (var i = 0; i < objectTypes + (changed ? 4 : 0); i++)
        {
            sb.Append($"\"\"\"Type number {N(i)}.\"\"\"\ntype Type{N(i)} {{\n");
            sb.Append("  id: ID!\n");
            sb.Append(changed && i % 53 == 4 ? "  name: String\n" : "  name: String!\n");
            sb.Append(changed && i % 67 == 9 ? "  count: Float\n" : "  count: Int\n");
            sb.Append("  status: Status!\n");
            if (!(changed && i % 59 == 2))
            {
                sb.Append("  legacy: String @deprecated(reason: \"use name\")\n");
            }

            if (i > 0)
            {
                sb.Append($"  parent: Type{N(i - 1)}\n");
                sb.Append($"  children(first: Int = 10, after: String): [Type{N(i - 1)}!]!\n");
            }

            if (changed && i % 10 == 0)
            {
                sb.Append("  addedField: String\n");
            }

            sb.Append("}\n\n");
        }

        var inputTypes = types - objectTypes - 3;
        for (var i = 0; i < inputTypes; i++)
        {
            sb.Append($"input Input{N(i)} {{\n  name: String!\n  status: Status\n  note: String\n");
            if (changed && i % 20 == 1)
            {
                sb.Append("  required: Int!\n");
            }

            sb.Append("}\n\n");
        }

        sb.Append("type Query {\n");
        for (var i = 0; i < objectTypes; i += 4)
        {
            var argument = changed && i % 100 == 40 ? "id: ID!, version: Int!" : "id: ID!";
            sb.Append($"  type{N(i)}({argument}): Type{N(i)}\n");
        }

        sb.Append("}\n\ntype Mutation {\n");
        for (var i = 0; i < inputTypes; i++)
        {
            sb.Append($"  update{N(i)}(input: Input{N(i)}!): Type{N(i)}\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>An Avro record of nested records holding <paramref name="fields"/> fields in all.</summary>
    public static InputPair Avro(int fields) => new(SchemaFormat.Avro, $"avro-{fields}-fields", ".avsc", AvroDocument(fields, false), AvroDocument(fields, true));

    private static string AvroDocument(int fields, bool changed)
    {
        const int perRecord = 40;
        var records = fields / perRecord;
        var sb = new StringBuilder("{\n  \"type\": \"record\", \"name\": \"Event\", \"namespace\": \"com.bench\",\n  \"fields\": [\n");
        for (var r = 0; r < records; r++)
        {
            sb.Append(r == 0 ? "" : ",\n");
            sb.Append($"    {{\"name\": \"part{N(r)}\", \"type\": {{\"type\": \"record\", \"name\": \"Part{N(r)}\", \"fields\": [\n");
            for (var f = 0; f < perRecord; f++)
            {
                var i = r * perRecord + f;
                sb.Append(f == 0 ? "" : ",\n");
                if (changed && i % 97 == 13)
                {
                    sb.Append($"      {{\"name\": \"renamed{N(i)}\", \"aliases\": [\"field{N(i)}\"], \"type\": \"string\"}}");
                    continue;
                }

                var type = (i % 5) switch
                {
                    0 => changed && i % 45 == 10 ? "\"long\"" : "\"int\"",
                    1 => "\"string\"",
                    2 => "[\"null\", \"string\"], \"default\": null",
                    3 => changed && i % 83 == 8 ? "{\"type\": \"enum\", \"name\": \"Kind" + N(i) + "\", \"symbols\": [\"A\", \"B\"]}" : "{\"type\": \"enum\", \"name\": \"Kind" + N(i) + "\", \"symbols\": [\"A\", \"B\", \"C\"]}",
                    _ => "{\"type\": \"array\", \"items\": \"double\"}, \"default\": []",
                };
                sb.Append($"      {{\"name\": \"field{N(i)}\", \"type\": {type}}}");
            }

            if (changed && r % 5 == 0)
            {
                sb.Append($",\n      {{\"name\": \"added{N(r)}\", \"type\": [\"null\", \"string\"], \"default\": null}}");
            }

            if (changed && r % 17 == 3)
            {
                sb.Append($",\n      {{\"name\": \"required{N(r)}\", \"type\": \"string\"}}");
            }

            sb.Append("\n    ]}}");
        }

        sb.Append("\n  ]\n}\n");
        return sb.ToString();
    }

    /// <summary>A dbt manifest with <paramref name="models"/> models of 10–12 columns, not-null and accepted-values tests.</summary>
    public static InputPair Dbt(int models) => new(SchemaFormat.Dbt, $"dbt-{models}-models", ".json", DbtDocument(models, false), DbtDocument(models, true));

    private static string DbtDocument(int models, bool changed)
    {
        var sb = new StringBuilder("{\n  \"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", \"dbt_version\": \"1.8.0\", \"project_name\": \"bench\"},\n  \"nodes\": {\n");
        string[] types = ["varchar", "integer", "bigint", "numeric(10,2)", "boolean", "timestamp", "date", "text", "float", "json"];
        var first = true;
        for (var m = 0; m < models + (changed ? 5 : 0); m++)
        {
            if (changed && m % 101 == 17)
            {
                continue; // model removed
            }

            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            var id = $"model.bench.model_{N(m)}";
            sb.Append($"    \"{id}\": {{\"unique_id\": \"{id}\", \"resource_type\": \"model\", \"name\": \"model_{N(m)}\", \"database\": \"analytics\", \"schema\": \"mart\", ");
            sb.Append($"\"fqn\": [\"bench\", \"model_{N(m)}\"], \"path\": \"marts/model_{N(m)}.sql\", \"tags\": [\"mart\"], \"description\": \"Model {N(m)}.\", ");
            sb.Append("\"config\": {\"materialized\": \"table\", \"contract\": {\"enforced\": true}}, ");
            sb.Append("\"depends_on\": {\"nodes\": [").Append(m > 0 ? $"\"model.bench.model_{N(m - 1)}\"" : "").Append("]}, \"columns\": {");
            var separator = "";
            for (var c = 0; c < 10; c++)
            {
                if (changed && (m * 10 + c) % 89 == 7)
                {
                    continue; // column removed
                }

                var type = changed && (m * 10 + c) % 79 == 3 ? "varchar" : types[c];
                sb.Append(separator);
                separator = ", ";
                sb.Append($"\"col_{N(c)}\": {{\"name\": \"col_{N(c)}\", \"data_type\": \"{type}\", \"description\": \"Column {N(c)}.\", \"meta\": {{}}, \"tags\": []}}");
            }

            if (changed && m % 10 == 0)
            {
                sb.Append(", \"added_col\": {\"name\": \"added_col\", \"data_type\": \"varchar\", \"description\": \"New.\", \"meta\": {}, \"tags\": []}");
            }

            sb.Append("}}");
            sb.Append($",\n    \"test.bench.not_null_model_{N(m)}_col_0\": {{\"unique_id\": \"test.bench.not_null_model_{N(m)}_col_0\", \"resource_type\": \"test\", \"name\": \"not_null_model_{N(m)}_col_0\", ");
            sb.Append($"\"column_name\": \"col_0\", \"test_metadata\": {{\"name\": \"not_null\", \"kwargs\": {{\"column_name\": \"col_0\"}}}}, \"depends_on\": {{\"nodes\": [\"{id}\"]}}}}");
            sb.Append($",\n    \"test.bench.accepted_values_model_{N(m)}_col_1\": {{\"unique_id\": \"test.bench.accepted_values_model_{N(m)}_col_1\", \"resource_type\": \"test\", \"name\": \"accepted_values_model_{N(m)}_col_1\", ");
            sb.Append("\"column_name\": \"col_1\", \"test_metadata\": {\"name\": \"accepted_values\", \"kwargs\": {\"column_name\": \"col_1\", \"values\": [\"a\", \"b\"")
                .Append(changed && m % 31 == 4 ? ", \"c\"" : "").Append($"]}}}}, \"depends_on\": {{\"nodes\": [\"{id}\"]}}}}");
        }

        sb.Append("\n  },\n  \"sources\": {}\n}\n");
        return sb.ToString();
    }

    /// <summary>A JSON Schema object with <paramref name="properties"/> properties across nested objects.</summary>
    public static InputPair JsonSchema(int properties) => new(SchemaFormat.JsonSchema, $"jsonschema-{properties}-properties", ".json", JsonSchemaDocument(properties, false), JsonSchemaDocument(properties, true));

    private static string JsonSchemaDocument(int properties, bool changed)
    {
        const int perObject = 40;
        var sb = new StringBuilder("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\", \"properties\": {\n");
        for (var o = 0; o < properties / perObject; o++)
        {
            sb.Append(o == 0 ? "" : ",\n");
            sb.Append($"    \"part{N(o)}\": {{\"type\": \"object\", \"required\": [\"p{N(o * perObject)}\"], \"properties\": {{");
            var separator = "";
            for (var p = 0; p < perObject; p++)
            {
                var i = o * perObject + p;
                if (changed && i % 97 == 13)
                {
                    continue;
                }

                sb.Append(separator);
                separator = ", ";
                var type = changed && i % 61 == 5 ? "number" : (i % 3) switch { 0 => "integer", 1 => "string", _ => "boolean" };
                sb.Append($"\"p{N(i)}\": {{\"type\": \"{type}\"}}");
            }

            if (changed && o % 5 == 0)
            {
                sb.Append($", \"added{N(o)}\": {{\"type\": \"string\"}}");
            }

            sb.Append("}}");
        }

        sb.Append("\n  }\n}\n");
        return sb.ToString();
    }
}
using System.Text.Json.Nodes;

using Tessera.Schemas.Avro;

namespace Tessera.Schemas.Tests.Avro;

/// <summary>Parses Avro test inputs through the engine.</summary>
internal static class AvroTestDocuments
{
    public static AvroDocument Parse(string json, SchemaLimits? limits = null) =>
        (AvroDocument)new SchemaEngine(limits).Parse(new SchemaSource(json, "test.avsc"), SchemaFormat.Avro);

    public static JsonObject JsonSchemaOf(string json) => new AvroFormat().ToJsonSchema(Parse(json));

    public static IReadOnlyList<Finding> Diff(string oldJson, string newJson, SchemaLimits? limits = null)
    {
        var engine = new SchemaEngine(limits);
        return engine.Diff(Parse(oldJson, limits), Parse(newJson, limits)).Findings;
    }

    public static string Record(string fields, string name = "User", string ns = "com.acme") =>
        $$"""{"type":"record","name":"{{name}}","namespace":"{{ns}}","fields":[{{fields}}]}""";
}
using System.Diagnostics.CodeAnalysis;

namespace Tessera.Schemas;

/// <summary>The contract formats the engine understands.</summary>
public enum SchemaFormat
{
    JsonSchema,
    OpenApi,
    GraphQL,
    Protobuf,
    Avro,
    Dbt,
}

public static class SchemaFormats
{
    public static IReadOnlyList<SchemaFormat> All { get; } = Enum.GetValues<SchemaFormat>();

    /// <summary>The name used by the CLI (<c>--format</c>) and in rule ids.</summary>
    public static string ToWire(this SchemaFormat format) => format switch
    {
        SchemaFormat.JsonSchema => "jsonschema",
        SchemaFormat.OpenApi => "openapi",
        SchemaFormat.GraphQL => "graphql",
        SchemaFormat.Protobuf => "protobuf",
        SchemaFormat.Avro => "avro",
        SchemaFormat.Dbt => "dbt",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out SchemaFormat? format)
    {
        format = text?.Trim().ToLowerInvariant() switch
        {
            "jsonschema" or "json_schema" or "json-schema" => SchemaFormat.JsonSchema,
            "openapi" or "swagger" => SchemaFormat.OpenApi,
            "graphql" => SchemaFormat.GraphQL,
            "protobuf" or "proto" or "grpc" => SchemaFormat.Protobuf,
            "avro" => SchemaFormat.Avro,
            "dbt" => SchemaFormat.Dbt,
            _ => null,
        };
        return format is not null;
    }
}
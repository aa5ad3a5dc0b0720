namespace Tessera.Core.Contracts;

/// <summary>
/// An original contract document as submitted (an OpenAPI spec, a set of .proto files, a GraphQL schema, a dbt
/// manifest), stored once by content hash. Contracts made from one operation of it point here with a selector,
/// so a 1,000-operation spec is stored once, not 1,000 times.
/// </summary>
public sealed class SourceDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/> (UTF-8).</summary>
    public required string Sha256 { get; set; }

    /// <summary>The document's format: <c>openapi</c>, <c>graphql</c>, <c>protobuf</c>, <c>avro</c>, <c>dbt</c>, <c>json_schema</c>.</summary>
    public required string Format { get; set; }

    /// <summary>The document text; a multi-file source (protobuf) is a JSON array of <c>{path, content}</c>.</summary>
    public required string Content { get; set; }

    public DateTime CreatedAt { get; set; }
}
namespace Tessera.Schemas;

/// <summary>
/// A format whose documents hold several contracts (OpenAPI operations, GraphQL root fields, gRPC methods, Avro named
/// types). Importers keep the whole document once and name each contract inside it by a selector; this cuts that
/// contract out as a document of the same format, so that it is judged natively and on its own.
/// </summary>
public interface ISelectableFormat
{
    /// <summary>
    /// The part of <paramref name="document"/> named by <paramref name="selector"/> (<c>GET /users/{id}</c>,
    /// <c>Query.user</c>, <c>users.v1.UserService/GetUser</c>, <c>com.acme.User</c>), holding only what that contract
    /// reaches. Throws <see cref="SchemaParseException"/> when the document has no such part.
    /// </summary>
    SchemaDocument Select(SchemaDocument document, string selector);
}
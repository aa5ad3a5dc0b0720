using System.Text;

using Tessera.Schemas.Avro;
using Tessera.Schemas.GraphQL;
using Tessera.Schemas.OpenApi;
using Tessera.Schemas.Protobuf;

namespace Tessera.Core.Ingestion;

/// <summary>
/// How importers name assets. The <c>/sync</c> endpoints use <see cref="Sync"/> (the original's names, so imported assets
/// keep theirs); repo sync uses <see cref="ForService"/> (compatibility.md §4.6). Names that are not valid FQNs are
/// reported per item, never imported.
/// </summary>
public abstract class ImportNaming
{
    /// <summary>
    /// <c>api.&lt;title&gt;.&lt;method&gt;_&lt;path&gt;</c>, <c>graphql.&lt;schema&gt;.&lt;type&gt;_&lt;op&gt;</c>,
    /// <c>grpc.&lt;pkg&gt;.&lt;Service&gt;.&lt;Method&gt;</c>, <c>avro.&lt;namespace&gt;.&lt;name&gt;</c>.
    /// </summary>
    public static ImportNaming Sync { get; } = new SyncNaming();

    /// <summary>
    /// <c>&lt;service&gt;.rest.&lt;operationId or method_path&gt;</c>, <c>&lt;service&gt;.graphql.&lt;type&gt;_&lt;name&gt;</c>,
    /// <c>&lt;service&gt;.grpc.&lt;Service&gt;_&lt;Method&gt;</c>, <c>&lt;service&gt;.avro.&lt;namespace_name&gt;</c>.
    /// </summary>
    public static ImportNaming ForService(string service) => new ServiceNaming(service);

    public abstract string OpenApi(OpenApiDocument document, OpenApiOperation operation);

    /// <summary>Throws <see cref="ArgumentException"/> when a part has unsafe characters.</summary>
    public abstract string GraphQL(string schemaName, GraphQLOperation operation);

    /// <summary>Throws <see cref="Schemas.SchemaParseException"/> when a part has unsafe characters.</summary>
    public abstract string Grpc(ProtoService service, ProtoMethod method);

    public abstract string Avro(AvroNamedSchema type);

    /// <summary>Letters, digits and <c>_</c> only (others become <c>_</c>), not starting with a digit.</summary>
    protected static string Segment(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        var result = sb.ToString();
        return result.Length == 0 ? "unknown" : char.IsAsciiDigit(result[0]) ? "_" + result : result;
    }

    private sealed class SyncNaming : ImportNaming
    {
        public override string OpenApi(OpenApiDocument document, OpenApiOperation operation) =>
            OpenApiFqn.Generate(document.Title, operation.PathTemplate, operation.Method);

        public override string GraphQL(string schemaName, GraphQLOperation operation) =>
            GraphQLFqn.Create(schemaName, operation.Name, operation.OperationType);

        public override string Grpc(ProtoService service, ProtoMethod method) => GrpcFqn.Create(service.Package, service.Name, method.Name);

        public override string Avro(AvroNamedSchema type)
        {
            var parts = type.Namespace.Length == 0 ? [] : type.Namespace.Split('.');
            return "avro." + string.Join('.', parts.Append(type.Name).Select(p => p.ToLowerInvariant()));
        }
    }

    private sealed class ServiceNaming(string service) : ImportNaming
    {
        private readonly string _service = Segment(service);

        public override string OpenApi(OpenApiDocument document, OpenApiOperation operation) =>
            $"{_service}.rest.{(string.IsNullOrWhiteSpace(operation.OperationId)
                ? Segment(operation.Method.ToLowerInvariant() + "_" + operation.PathTemplate.Trim('/').Replace('/', '_').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal))
                : Segment(operation.OperationId))}";

        public override string GraphQL(string schemaName, GraphQLOperation operation) =>
            $"{_service}.graphql.{Segment(operation.OperationType + "_" + operation.Name)}";

        public override string Grpc(ProtoService service, ProtoMethod method) => $"{_service}.grpc.{Segment(service.Name + "_" + method.Name)}";

        public override string Avro(AvroNamedSchema type) => $"{_service}.avro.{Segment(type.FullName.Replace('.', '_'))}";
    }
}
using System.Text.Json.Nodes;

using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Schemas;
using Tessera.Schemas.Protobuf;

namespace Tessera.Core.Ingestion;

/// <summary>
/// .proto files (one file, or a package of files with imports) as import items (compatibility.md §4.3 with its §8
/// fixes): one <c>grpc_service</c> asset per RPC, judged by the protobuf comparer (field numbers, wire types, JSON
/// names, streaming) on the messages that RPC reaches, with the canonical proto-JSON schema as the view.
/// </summary>
public static class GrpcImport
{
    /// <summary>
    /// Reads one file (<paramref name="files"/> null) or a package. Throws 400 <c>INVALID_PROTO_SPEC</c> when it does not
    /// parse or declares no RPC.
    /// </summary>
    public static ImportSet Read(SchemaEngine engine, string? protoContent, IReadOnlyList<SourceFile>? files, ImportNaming naming)
    {
        var content = files is null ? protoContent ?? "" : SourceDocumentStore.PackageContent(files);
        ProtobufDocument document;
        try
        {
            document = engine.Parse(SourceDocumentStore.ToSource(StoredSchemaFormat.Protobuf, content), SchemaFormat.Protobuf) as ProtobufDocument
                ?? throw new SchemaParseException("The document is not a .proto file.");
        }
        catch (SchemaParseException e)
        {
            throw ImportJson.Invalid(ErrorCodes.InvalidProtoSpec, "Invalid .proto", e);
        }

        var services = document.Services.Values.OrderBy(s => s.FullName, StringComparer.Ordinal).ToList();
        var userMessages = document.Messages.Values.Where(m => !m.IsLibrary && !m.IsMapEntry).ToList();
        if (services.Sum(s => s.Methods.Count) == 0)
        {
            throw DomainException.Bad(ErrorCodes.InvalidProtoSpec, "The .proto declares no RPC: nothing to import", new Dictionary<string, object?>
            {
                ["errors"] = new JsonArray("no service with an rpc"),
                ["services_found"] = services.Count,
                ["messages_found"] = userMessages.Count,
            });
        }

        var imported = new ImportDocument(StoredSchemaFormat.Protobuf, content, document);
        var items = new List<ImportItem>();
        var errors = new List<string>();
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                var selector = service.FullName + "/" + method.Name;
                string fqn;
                string? error = null;
                try
                {
                    fqn = naming.Grpc(service, method);
                }
                catch (SchemaParseException e)
                {
                    fqn = selector;
                    error = e.Message;
                    errors.Add($"{selector}: {e.Message}");
                }

                var serviceName = service.FullName;
                var methodName = method.Name;
                items.Add(new ImportItem(imported, fqn, selector, () => SchemaEngine.Select(document, selector),
                    () => ProtobufJsonSchema.ForRpc(document, serviceName, methodName))
                {
                    ResourceType = ResourceType.GrpcService,
                    Description = $"{service.Name}.{method.Name} ({method.InputType} → {method.OutputType})",
                    Metadata = new JsonObject
                    {
                        ["grpc_source"] = new JsonObject
                        {
                            ["package"] = service.Package,
                            ["syntax"] = document.Messages.GetValueOrDefault(method.InputType)?.Syntax ?? document.Syntax,
                            ["service"] = service.Name,
                            ["method"] = method.Name,
                            ["file"] = service.File,
                            ["input_type"] = method.InputType,
                            ["output_type"] = method.OutputType,
                            ["client_streaming"] = method.ClientStreaming,
                            ["server_streaming"] = method.ServerStreaming,
                        },
                        ["sync_source"] = "grpc",
                    },
                    Labels = new JsonObject { ["service"] = service.Name, ["method"] = method.Name, ["package"] = service.Package },
                    Error = error,
                });
            }
        }

        var packages = services.Select(s => s.Package).Distinct(StringComparer.Ordinal).ToList();
        var syntaxes = userMessages.Select(m => m.Syntax).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var info = new JsonObject
        {
            ["package"] = packages.Count == 1 ? packages[0] : string.Join(",", packages),
            ["syntax"] = files is null || syntaxes.Count == 0 ? document.Syntax : string.Join(",", syntaxes),
            ["files"] = files?.Count ?? 1,
            ["services_found"] = services.Count,
            ["methods_found"] = items.Count,
            ["messages_found"] = userMessages.Count,
        };
        return new ImportSet(items, errors, info);
    }
}
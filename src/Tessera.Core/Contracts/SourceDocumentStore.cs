using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Schemas;

namespace Tessera.Core.Contracts;

/// <summary>One file of a multi-file source (a protobuf package): its import path and its text.</summary>
public sealed record SourceFile(string Path, string Content);

/// <summary>
/// Original documents (<see cref="SourceDocument"/>): stored once by SHA-256, parsed once per unit of work, and the
/// native document a contract is judged by (its own source, the selected part of an imported document, or its JSON
/// Schema view). One per scope: an import of 1,000 operations parses the earlier document once, not 1,000 times.
/// </summary>
public sealed class SourceDocumentStore(TesseraDbContext db, SchemaGate gate, TimeProvider clock)
{
    /// <summary>Name of the main file synthesised for a package of several .proto files: it imports every one of them.</summary>
    public const string PackageMainFile = "tessera_package.proto";

    private readonly Dictionary<Guid, SchemaDocument> _documents = [];
    private readonly Dictionary<(Guid, string), SchemaDocument> _selected = [];

    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>The stored text of a package of files: a JSON array of <c>{path, content}</c> in the given order.</summary>
    public static string PackageContent(IReadOnlyList<SourceFile> files) =>
        StoredJson.Write(new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["content"] = f.Content })]));

    /// <summary>The id of the stored document with this content, or null when none is stored yet.</summary>
    public async Task<Guid?> FindAsync(string content, CancellationToken cancellationToken)
    {
        var sha = Sha256(content);
        return await db.SourceDocuments.Where(d => d.Sha256 == sha).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="content"/> unless a document with the same hash exists; returns its id.</summary>
    public async Task<Guid> SaveAsync(StoredSchemaFormat format, string content, SchemaDocument? parsed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await FindAsync(content, cancellationToken) is { } existing)
            {
                Remember(existing, parsed);
                return existing;
            }

            var document = new SourceDocument
            {
                Sha256 = Sha256(content),
                Format = format.ToWire(),
                Content = content,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SourceDocuments.Add(document);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                Remember(document.Id, parsed);
                return document.Id;
            }
            catch (DbUpdateException e) when (attempt < 3 && DatabaseErrors.IsUniqueViolation(e))
            {
                // Another import stored the same document first: use that one.
                db.Entry(document).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// The document <paramref name="contract"/> is judged by. <paramref name="native"/>: in its own format (the selected part
    /// of its imported document, or its submitted source); otherwise, or when it has neither, its JSON Schema view.
    /// </summary>
    public async Task<SchemaDocument> LoadAsync(Contract contract, bool native, CancellationToken cancellationToken)
    {
        if (native && contract.SourceDocumentId is { } documentId && contract.SourceSelector is { } selector)
        {
            return await SelectAsync(documentId, contract.SchemaFormat, selector, cancellationToken);
        }

        return native && contract.SourceJson is { } source
            ? gate.Load(source, contract.SchemaFormat)
            : gate.Load(contract.SchemaJson, StoredSchemaFormat.JsonSchema);
    }

    /// <summary>The part named <paramref name="selector"/> of a stored document (both cached for this scope).</summary>
    public async Task<SchemaDocument> SelectAsync(Guid documentId, StoredSchemaFormat format, string selector, CancellationToken cancellationToken)
    {
        if (_selected.TryGetValue((documentId, selector), out var cached))
        {
            return cached;
        }

        if (!_documents.TryGetValue(documentId, out var whole))
        {
            var content = await db.SourceDocuments.Where(d => d.Id == documentId).Select(d => d.Content).FirstAsync(cancellationToken);
            whole = Parse(format, content);
            _documents[documentId] = whole;
        }

        var part = SchemaEngine.Select(whole, selector);
        _selected[(documentId, selector)] = part;
        return part;
    }

    /// <summary>
    /// Parses stored text of an imported document (trusted: it was parsed when it was imported, within the limits of
    /// the route that took it in, which for a dbt manifest are larger than one contract's).
    /// </summary>
    public SchemaDocument Parse(StoredSchemaFormat format, string content) => Stored.Parse(ToSource(format, content), ToEngine(format));

    private static readonly SchemaEngine Stored = new(SchemaLimits.Default with { MaxInputChars = int.MaxValue, MaxNodes = int.MaxValue });

    /// <summary>How stored text is handed to the engine: a file name the format expects, and a package's files as imports.</summary>
    public static SchemaSource ToSource(StoredSchemaFormat format, string content)
    {
        switch (format)
        {
            case StoredSchemaFormat.Protobuf when content.TrimStart().StartsWith('['):
                var files = StoredJson.ReadArray(content).OfType<JsonObject>()
                    .Select(f => new SourceFile((string?)f["path"] ?? "", (string?)f["content"] ?? "")).ToList();
                return PackageSource(files);
            case StoredSchemaFormat.Protobuf:
                return new SchemaSource(content, "input.proto");
            case StoredSchemaFormat.Openapi:
                return new SchemaSource(content, content.TrimStart().StartsWith('{') ? "openapi.json" : "openapi.yaml");
            case StoredSchemaFormat.Graphql:
                return new SchemaSource(content, content.TrimStart().StartsWith('{') ? "schema.json" : "schema.graphql");
            case StoredSchemaFormat.Avro:
                return new SchemaSource(content, "schema.avsc");
            case StoredSchemaFormat.Dbt:
                return new SchemaSource(content, "manifest.json");
            default:
                return new SchemaSource(content, "schema.json");
        }
    }

    /// <summary>
    /// A package of .proto files as one source: a single file is the main file itself; several are imported by a
    /// synthesised main file (<see cref="PackageMainFile"/>), so that every file's services are loaded.
    /// </summary>
    public static SchemaSource PackageSource(IReadOnlyList<SourceFile> files)
    {
        if (files.Count == 1)
        {
            return new SchemaSource(files[0].Content, files[0].Path);
        }

        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            imports[file.Path] = file.Content;
        }

        var main = new StringBuilder("syntax = \"proto3\";\n");
        foreach (var file in files)
        {
            main.Append("import \"").Append(file.Path.Replace("\\", "/", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)).Append("\";\n");
        }

        return new SchemaSource(main.ToString(), PackageMainFile, imports);
    }

    public static SchemaFormat ToEngine(StoredSchemaFormat format) => format switch
    {
        StoredSchemaFormat.Avro => SchemaFormat.Avro,
        StoredSchemaFormat.Openapi => SchemaFormat.OpenApi,
        StoredSchemaFormat.Graphql => SchemaFormat.GraphQL,
        StoredSchemaFormat.Protobuf => SchemaFormat.Protobuf,
        StoredSchemaFormat.Dbt => SchemaFormat.Dbt,
        _ => SchemaFormat.JsonSchema,
    };

    private void Remember(Guid id, SchemaDocument? parsed)
    {
        if (parsed is not null)
        {
            _documents.TryAdd(id, parsed);
        }
    }
}
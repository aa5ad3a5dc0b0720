using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Ingestion;
using Tessera.Core.Persistence;
using Tessera.Schemas;
using Tessera.Schemas.GraphQL;
using Tessera.Schemas.OpenApi;
using Tessera.Schemas.Protobuf;

namespace Tessera.Core.Compat;

/// <summary>
/// What to check (<c>POST /compat/check-compat</c>). <paramref name="Operation"/> pairs with <paramref name="AssetFqn"/>:
/// the operation of the document to compare with that asset. <paramref name="Files"/> (protobuf) are the other files of
/// the package, and <paramref name="SpecPath"/> the import path of <paramref name="SpecContent"/> among them;
/// <paramref name="SchemaName"/> (GraphQL) is the name the schema was imported under.
/// </summary>
public sealed record CompatCheckRequest(
    string? SpecContent, string? SpecFormat, string? AssetFqn = null, string? Operation = null, string? ServiceName = null, string? Environment = null,
    IReadOnlyList<SourceFile>? Files = null, string? SchemaName = null, string? ModeOverride = null, string? SpecPath = null);

/// <summary>
/// One operation checked against one asset. <see cref="ChangeType"/> is <c>new</c> (no asset, or no active contract),
/// else <c>patch</c>, <c>minor</c> or <c>major</c>; <see cref="Unchanged"/> when nothing differs at all.
/// </summary>
public sealed record CompatCheckResult(
    string Fqn, string Operation, Guid? AssetId, bool IsBreaking, string ChangeType, bool Unchanged, JsonArray BreakingChanges, JsonArray NonBreakingChanges,
    string? CurrentVersion, string? CompatibilityMode);

/// <summary>The verdict on a whole document.</summary>
/// <param name="TotalEndpoints">Operations (endpoints, root fields, RPCs) in the document, or 1 for a check scoped to one asset.</param>
public sealed record CompatCheckOutcome(string SpecFormat, int TotalEndpoints, IReadOnlyList<CompatCheckResult> Results, IReadOnlyList<string> ParseErrors)
{
    public bool IsBreaking => Results.Any(r => r.IsBreaking);

    public int NewEndpoints => Results.Count(r => r.ChangeType == "new");

    public int Checked => Results.Count - NewEndpoints;
}

/// <summary>
/// The pre-publish check (compatibility.md §5 with its §8 fixes): a raw OpenAPI, GraphQL (SDL or introspection) or
/// protobuf document read by the same readers the importers use, named as they name it (and, with a service name, as
/// repo sync names it), and judged by the importers' own preview against each active contract: natively, under the
/// contract's mode or the override, guarantees included. So "compatible" means the import publishes, and "breaking"
/// means it opens a proposal. Read-only: nothing is written.
/// </summary>
public sealed class CompatibilityChecker(TesseraDbContext db, SchemaGate gate, ContractImporter importer, AssetDefaults defaults)
{
    /// <summary>Longest <c>spec_content</c> (and total of <c>files</c>) accepted, in characters.</summary>
    public const int MaxSpecChars = 5_000_000;

    public const int MaxFiles = 1000;

    public const int MaxNameLength = 100;

    public async Task<CompatCheckOutcome> CheckAsync(Caller caller, CompatCheckRequest request, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Read);
        var (format, mode, environment) = Validate(request);
        var set = Read(format, request);

        List<(ImportItem Operation, List<ImportItem> Candidates)> plan;
        if (request.AssetFqn is { } assetFqn)
        {
            var item = await ScopeAsync(set, assetFqn.Trim(), request.Operation, request.ServiceName, environment, cancellationToken);
            plan = [(item, [Renamed(item, assetFqn.Trim())])];
        }
        else
        {
            plan = [.. set.Items.Select(i => (i, Candidates(i, request.ServiceName)))];
        }

        var all = plan.SelectMany(p => p.Candidates).ToList();
        var previews = await importer.PreviewAsync(all, environment, cancellationToken, mode);
        var errors = new List<string>(set.ParseErrors);
        var results = new List<CompatCheckResult>();
        var next = 0;
        foreach (var (operation, candidates) in plan)
        {
            var mine = previews.Skip(next).Take(candidates.Count).ToList();
            next += candidates.Count;
            foreach (var failed in mine.Where(p => p.Error is not null))
            {
                var message = $"{operation.Selector} ({failed.Item.Fqn}): {failed.Error}";
                if (!errors.Contains(message) && !errors.Any(e => e.StartsWith(operation.Selector + ": ", StringComparison.Ordinal)))
                {
                    errors.Add(message);
                }
            }

            var usable = mine.Where(p => p.Error is null).ToList();
            var matched = usable.Where(p => p.AssetId is not null).ToList();
            foreach (var preview in matched.Count > 0 ? matched : usable.Take(1))
            {
                results.Add(Result(operation, preview));
            }
        }

        return new CompatCheckOutcome(Wire(format), plan.Count, results, errors);
    }

    private static CompatCheckResult Result(ImportItem operation, ImportPreview preview)
    {
        if (!preview.HasContract)
        {
            return new CompatCheckResult(preview.Item.Fqn, operation.Selector, preview.AssetId, false, "new", false, [], [], null, null);
        }

        var changeType = preview.Unchanged ? "patch" : (preview.ChangeType ?? VersionChange.Patch).ToWire();
        return new CompatCheckResult(preview.Item.Fqn, operation.Selector, preview.AssetId, !preview.IsCompatible, changeType, preview.Unchanged,
            preview.BreakingChanges, preview.NonBreakingChanges ?? [], preview.Current?.Version, preview.Mode?.ToWire());
    }

    /// <summary>The names an operation may have been imported under: the <c>/sync</c> name, and the repo-sync name of the service.</summary>
    private static List<ImportItem> Candidates(ImportItem item, string? serviceName)
    {
        var candidates = new List<ImportItem>();
        if (serviceName is not null && item.Error is null && ServiceFqn(item, ImportNaming.ForService(serviceName)) is { } serviceFqn && serviceFqn != item.Fqn)
        {
            candidates.Add(Renamed(item, serviceFqn));
        }

        candidates.Add(item);
        return candidates;
    }

    private static string? ServiceFqn(ImportItem item, ImportNaming naming)
    {
        try
        {
            switch (item.Source.Parsed)
            {
                case OpenApiDocument openApi when openApi.Operations.FirstOrDefault(o => o.DisplayName == item.Selector) is { } operation:
                    return naming.OpenApi(openApi, operation);
                case GraphQLSchemaDocument graphQL
                    when GraphQLOperations.List(graphQL).FirstOrDefault(o => o.Selector(graphQL) == item.Selector) is { } operation:
                    return naming.GraphQL(GraphQLFqn.DefaultSchemaName, operation);
                case ProtobufDocument protobuf:
                    var slash = item.Selector.LastIndexOf('/');
                    return slash > 0 && protobuf.Services.GetValueOrDefault(item.Selector[..slash]) is { } service
                        && service.Methods.FirstOrDefault(m => m.Name == item.Selector[(slash + 1)..]) is { } method
                        ? naming.Grpc(service, method)
                        : null;
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is ArgumentException or SchemaParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The operation to compare with <paramref name="assetFqn"/> (which must exist, else 404): the one named by
    /// <paramref name="operation"/>; else the one the asset's contract was imported from; else the one whose name is the
    /// asset's; else the document's only one. Otherwise the caller must name it (422).
    /// </summary>
    private async Task<ImportItem> ScopeAsync(ImportSet set, string assetFqn, string? operation, string? serviceName, string environment,
        CancellationToken cancellationToken)
    {
        var asset = await db.Assets.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Fqn == assetFqn && a.Environment == environment && a.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.AssetNotFound, $"Asset '{assetFqn}' not found in environment '{environment}'");
        if (set.Items.Count == 0)
        {
            throw DomainException.Bad(ErrorCodes.InvalidSchema, "The document has no operations to compare with the asset",
                new Dictionary<string, object?> { ["parse_errors"] = new JsonArray("The document has no operations.") });
        }

        if (operation is not null)
        {
            var exact = set.Items.Where(i => i.Selector == operation.Trim()).ToList();
            var loose = exact.Count > 0 ? exact : [.. set.Items.Where(i => string.Equals(i.Selector, operation.Trim(), StringComparison.OrdinalIgnoreCase))];
            return loose.Count == 1
                ? loose[0]
                : throw DomainException.Invalid("operation", $"The document has no operation '{operation}'. Its operations: {Listing(set)}", "value_error.not_found");
        }

        var selector = await db.Contracts.AsNoTracking()
            .Where(c => c.AssetId == asset.Id && c.Status == ContractStatus.Active).Select(c => c.SourceSelector).FirstOrDefaultAsync(cancellationToken);
        var byName = set.Items.Where(i => i.Fqn == assetFqn || (serviceName is not null && Candidates(i, serviceName).Any(c => c.Fqn == assetFqn))).ToList();
        return set.Items.FirstOrDefault(i => selector is not null && i.Selector == selector)
            ?? (byName.Count == 1 ? byName[0] : null)
            ?? (set.Items.Count == 1 ? set.Items[0] : null)
            ?? throw DomainException.Invalid("operation",
                $"The document has {set.Items.Count} operations; name the one to compare with '{assetFqn}' in operation. Its operations: {Listing(set)}", "missing");
    }

    private static string Listing(ImportSet set) =>
        string.Join(", ", set.Items.Take(20).Select(i => i.Selector)) + (set.Items.Count > 20 ? $", ... ({set.Items.Count} in all)" : "");

    /// <summary>The same item under another name (the judgement and everything published stay the same).</summary>
    private static ImportItem Renamed(ImportItem item, string fqn) =>
        new(item.Source, fqn, item.Selector, () => item.Document, () => item.View)
        {
            ResourceType = item.ResourceType,
            Description = item.Description,
            Metadata = item.Metadata,
            Tags = item.Tags,
            Guarantees = item.Guarantees,
            FieldDescriptions = item.FieldDescriptions,
            FieldTags = item.FieldTags,
            Labels = item.Labels,
        };

    private ImportSet Read(SchemaFormat format, CompatCheckRequest request)
    {
        try
        {
            return format switch
            {
                SchemaFormat.OpenApi => OpenApiImport.Read(gate.Engine, request.SpecContent!, null, ImportNaming.Sync),
                SchemaFormat.GraphQL => GraphQLImport.Read(gate.Engine, request.SpecContent!, request.SpecContent!.TrimStart().StartsWith('{'),
                    request.SchemaName?.Trim(), ImportNaming.Sync),
                _ => request.Files is { Count: > 0 } files
                    ? GrpcImport.Read(gate.Engine, null, [new SourceFile(SpecPath(request), request.SpecContent!), .. files.Select(Normalized)], ImportNaming.Sync)
                    : GrpcImport.Read(gate.Engine, request.SpecContent!, null, ImportNaming.Sync),
            };
        }
        catch (DomainException e) when (e.Code is ErrorCodes.InvalidOpenApiSpec or ErrorCodes.InvalidProtoSpec)
        {
            var errors = e.Details.TryGetValue("errors", out var list) && list is JsonArray array ? array.DeepClone().AsArray() : new JsonArray(e.Message);
            var details = new Dictionary<string, object?> { ["parse_errors"] = errors, ["spec_format"] = Wire(format) };
            if (e.Details.TryGetValue("location", out var location))
            {
                details["location"] = location;
            }

            throw DomainException.Bad(ErrorCodes.InvalidSchema, e.Message, details);
        }
    }

    /// <summary>The import path of <c>spec_content</c> in a package: <c>spec_path</c>, or <c>input.proto</c>.</summary>
    private static string SpecPath(CompatCheckRequest request) => request.SpecPath?.Replace('\\', '/').Trim() is { Length: > 0 } path ? path : "input.proto";

    private static SourceFile Normalized(SourceFile file) => new(file.Path.Replace('\\', '/').Trim(), file.Content);

    private (SchemaFormat Format, CompatibilityMode? Mode, string Environment) Validate(CompatCheckRequest request)
    {
        var errors = new List<FieldError>();
        if (request.SpecContent is null)
        {
            errors.Add(new FieldError("spec_content", "spec_content is required", "missing"));
        }
        else if (request.SpecContent.Trim().Length == 0)
        {
            errors.Add(new FieldError("spec_content", "spec_content must not be empty", "value_error.any_str.min_length"));
        }
        else if (request.SpecContent.Length > MaxSpecChars)
        {
            errors.Add(new FieldError("spec_content", $"spec_content must be at most {MaxSpecChars:N0} characters", "value_error.any_str.max_length"));
        }

        SchemaFormat? format = request.SpecFormat?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "openapi" => SchemaFormat.OpenApi,
            "graphql" => SchemaFormat.GraphQL,
            "protobuf" or "grpc" => SchemaFormat.Protobuf,
            _ => null,
        };
        if (format is null)
        {
            errors.Add(request.SpecFormat is null
                ? new FieldError("spec_format", "spec_format is required: openapi, protobuf or graphql", "missing")
                : new FieldError("spec_format", "spec_format must be one of: openapi, protobuf, graphql", "enum"));
        }

        CompatibilityMode? mode = null;
        if (request.ModeOverride is not null)
        {
            if (EnumText.TryParse<ContractCompatibility>(request.ModeOverride.Trim(), out var parsed))
            {
                mode = ContractPublisher.ToEngine(parsed);
            }
            else
            {
                errors.Add(new FieldError("compatibility_mode_override",
                    $"compatibility_mode_override must be one of: {EnumText.Allowed<ContractCompatibility>()}", "enum"));
            }
        }

        var environment = (request.Environment ?? defaults.Environment).Trim();
        if (environment.Length is 0 or > 50)
        {
            errors.Add(new FieldError("environment", "environment must be 1–50 characters", "value_error.any_str.length"));
        }

        if (request.Operation is not null && request.AssetFqn is null)
        {
            errors.Add(new FieldError("operation", "operation selects the operation to compare with asset_fqn; send asset_fqn too", "value_error"));
        }

        if (request.AssetFqn is { } fqn && fqn.Trim().Length is 0 or > AssetService.MaxFqnLength)
        {
            errors.Add(new FieldError("asset_fqn", $"asset_fqn must be 1–{AssetService.MaxFqnLength} characters", "value_error.any_str.length"));
        }

        if (request.Operation is { } op && op.Trim().Length is 0 or > 1000)
        {
            errors.Add(new FieldError("operation", "operation must be 1–1000 characters", "value_error.any_str.length"));
        }

        if (request.ServiceName is { } service && service.Trim().Length is 0 or > MaxNameLength)
        {
            errors.Add(new FieldError("service_name", $"service_name must be 1–{MaxNameLength} characters", "value_error.any_str.length"));
        }

        if (request.SchemaName is { } schema)
        {
            if (format is not (null or SchemaFormat.GraphQL))
            {
                errors.Add(new FieldError("schema_name", "schema_name applies to graphql documents only", "value_error"));
            }
            else if (schema.Trim().Length is 0 or > MaxNameLength)
            {
                errors.Add(new FieldError("schema_name", $"schema_name must be 1–{MaxNameLength} characters", "value_error.any_str.length"));
            }
        }

        if (request.Files is { } files)
        {
            ValidateFiles(files, format, errors);
            if (format == SchemaFormat.Protobuf && files.Any(f => f?.Path?.Replace('\\', '/').Trim() == SpecPath(request)))
            {
                errors.Add(new FieldError("spec_path", $"'{SpecPath(request)}' is both spec_content's path and a path in files", "value_error.duplicate"));
            }
        }

        if (request.SpecPath is { } specPath && (format is not (null or SchemaFormat.Protobuf) || !IsRelativeProtoPath(specPath)))
        {
            errors.Add(new FieldError("spec_path", "spec_path applies to protobuf documents: a relative .proto path of 1–500 characters without '..'",
                "value_error.path"));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        return (format!.Value, mode, environment);
    }

    private static void ValidateFiles(IReadOnlyList<SourceFile> files, SchemaFormat? format, List<FieldError> errors)
    {
        if (format is not (null or SchemaFormat.Protobuf))
        {
            errors.Add(new FieldError("files", "files applies to protobuf documents only", "value_error"));
            return;
        }

        if (files.Count > MaxFiles)
        {
            errors.Add(new FieldError("files", $"files may hold at most {MaxFiles} files", "value_error.list.max_items"));
            return;
        }

        long total = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var path = file?.Path?.Replace('\\', '/').Trim() ?? "";
            if (!IsRelativeProtoPath(path))
            {
                errors.Add(new FieldError($"files[{i}].path", "path must be a relative .proto path of 1–500 characters without '..', '.', empty segments or ':'",
                    "value_error.path"));
            }
            else if (!seen.Add(path))
            {
                errors.Add(new FieldError($"files[{i}].path", $"the path '{path}' appears twice", "value_error.duplicate"));
            }

            if (file?.Content is null)
            {
                errors.Add(new FieldError($"files[{i}].content", "content is required", "missing"));
            }
            else
            {
                total += file.Content.Length;
            }
        }

        if (total > MaxSpecChars)
        {
            errors.Add(new FieldError("files", $"files must hold at most {MaxSpecChars:N0} characters in all", "value_error.any_str.max_length"));
        }
    }

    /// <summary>The rule the gRPC importer applies to the paths of a package's files.</summary>
    private static bool IsRelativeProtoPath(string path)
    {
        var clean = path.Replace('\\', '/').Trim();
        return clean.Length is > 0 and <= 500 && !clean.StartsWith('/') && !clean.Split('/').Any(p => p is ".." or "" or ".")
            && clean.EndsWith(".proto", StringComparison.Ordinal) && !clean.Contains(':', StringComparison.Ordinal);
    }

    private static string Wire(SchemaFormat format) => format switch
    {
        SchemaFormat.OpenApi => "openapi",
        SchemaFormat.GraphQL => "graphql",
        _ => "protobuf",
    };
}
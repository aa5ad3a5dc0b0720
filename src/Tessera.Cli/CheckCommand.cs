using System.CommandLine;
using System.Text.Json.Nodes;

using Tessera.Cli.Reports;
using Tessera.Cli.Server;
using Tessera.Client;
using Tessera.Schemas;

namespace Tessera.Cli;

/// <summary>
/// <c>tessera check FILE</c>: the pre-publish check (<c>POST /api/v1/compat/check-compat</c>) for CI. Asks the server
/// whether importing FILE would break any active contract, without publishing. Exit 0 compatible, 1 breaking,
/// 2 usage or parse error, 3 server unreachable or failing, 4 key refused.
/// </summary>
public static partial class CheckCommand
{
    /// <summary>The server's limit on <c>spec_content</c>.</summary>
    public const int MaxSpecChars = 5_000_000;

    private static readonly string[] Formats = ["auto", "openapi", "graphql", "protobuf", "grpc"];

    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The OpenAPI document, GraphQL schema (SDL or introspection JSON) or .proto file to check." };
        var format = new Option<string>("--format")
        {
            Description = "auto (detect from the extension and content), openapi, graphql or protobuf (alias grpc).",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong(Formats);
        var assetFqn = new Option<string>("--asset-fqn") { Description = "Check against this one asset instead of matching every operation by name." };
        var operation = new Option<string>("--operation")
        {
            Description = "With --asset-fqn: the operation of FILE to compare with it, e.g. \"GET /users/{id}\", \"Query.user\", \"users.UserService/GetUser\".",
        };
        var serviceName = new Option<string>("--service-name") { Description = "Also match the names repo sync gives this service's assets (<service>.rest.<operation>...)." };
        var schemaName = new Option<string>("--schema-name") { Description = "GraphQL: the schema name the assets were imported under (default \"GraphQL API\")." };
        var environment = new Option<string>("--environment") { Description = "The environment whose assets are checked (default: production)." };
        var mode = new Option<string>("--mode")
        {
            Description = "Judge every operation under this mode instead of its contract's: " + string.Join(", ", CompatibilityModes.All.Select(m => m.ToWire())) + ".",
        };
        var protoPath = new Option<string[]>("--proto-path", "-I")
        {
            Description = "protobuf: a directory whose .proto files FILE may import (keyed by their path under it). Repeatable; FILE's directory is searched after these.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--output") { Description = "text, json, markdown or github.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "markdown", "github");
        var server = new ServerOptions();

        var command = new Command("check", "Check a document against the server's active contracts without publishing (the pre-publish check).")
        {
            file, format, assetFqn, operation, serviceName, schemaName, environment, mode, protoPath, output,
        };
        server.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var modeText = parseResult.GetValue(mode);
            if (modeText is not null && !CompatibilityModes.TryParse(modeText, out _))
            {
                stderr.WriteLine($"error: unknown mode '{modeText}'. Expected one of: {string.Join(", ", CompatibilityModes.All.Select(m => m.ToWire()))}.");
                return ExitCodes.UsageOrParseError;
            }

            if (parseResult.GetValue(operation) is not null && parseResult.GetValue(assetFqn) is null)
            {
                stderr.WriteLine("error: --operation selects the operation to compare with --asset-fqn; give both.");
                return ExitCodes.UsageOrParseError;
            }

            var path = parseResult.GetValue(file)!;
            CheckCompatRequest request;
            try
            {
                request = Prepare(path, parseResult.GetValue(format) ?? "auto", parseResult.GetValue(protoPath) ?? []) with
                {
                    AssetFqn = parseResult.GetValue(assetFqn),
                    Operation = parseResult.GetValue(operation),
                    ServiceName = parseResult.GetValue(serviceName),
                    SchemaName = parseResult.GetValue(schemaName),
                    Environment = parseResult.GetValue(environment),
                };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SchemaParseException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.UsageOrParseError;
            }

            var connection = server.Connect(parseResult, context);
            if (connection.Client is not { } client)
            {
                stderr.WriteLine($"error: {connection.Error}");
                return ExitCodes.UsageOrParseError;
            }

            var outputText = parseResult.GetValue(output) ?? "text";
            var display = ProgressDisplay.For(context, stderr, outputText);
            try
            {
                using var http = client.Http;
                var response = await display.RunAsync(1, $"Checking {Path.GetFileName(path)} against {connection.Url}",
                    async _ => await client.CheckCompatRawAsync(request, modeText, cancellationToken));
                var colour = outputText == "text" && TextReport.ShouldColour(ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
                    context.Environment("NO_COLOR"));
                stdout.Write(CheckReport.Render(outputText, path, connection.Url!.ToString().TrimEnd('/'), response, colour));
                return CheckReport.ExitCode(response);
            }
            catch (Exception e) when (e is TesseraApiException or HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
                or NotSupportedException)
            {
                return ServerErrors.Report(e, connection, stderr, cancellationToken);
            }
        });
        return command;
    }

    /// <summary>
    /// Reads FILE and names its format (detected unless given). A .proto file also carries the files it may import:
    /// every .proto under the <c>--proto-path</c> directories and FILE's own directory.
    /// </summary>
    public static CheckCompatRequest Prepare(string path, string formatText, IReadOnlyList<string> protoPaths)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        if (file.Length > 3L * MaxSpecChars)
        {
            throw new SchemaParseException($"{path} is {file.Length:N0} bytes; the server checks documents of at most {MaxSpecChars:N0} characters.");
        }

        var content = File.ReadAllText(file.FullName);
        if (content.Length > MaxSpecChars)
        {
            throw new SchemaParseException($"{path} has {content.Length:N0} characters; the server checks documents of at most {MaxSpecChars:N0}.");
        }

        if (content.Trim().Length == 0)
        {
            throw new SchemaParseException($"{path} is empty.");
        }

        var format = Format(path, content, formatText);
        IReadOnlyList<SyncFile>? files = null;
        string? specPath = null;
        if (format == SchemaFormat.Protobuf)
        {
            specPath = ImportPathOf(path, protoPaths);
            files = [.. ImportClosure(content, DiffCommand.ProtoImports(path, protoPaths)).Where(f => f.Path != specPath)];
        }
        else if (protoPaths.Count > 0)
        {
            throw new SchemaParseException("--proto-path applies to protobuf documents only.");
        }

        return files is { Count: > 0 }
            ? new CheckCompatRequest(content, Wire(format), Files: files, SpecPath: specPath)
            : new CheckCompatRequest(content, Wire(format));
    }

    /// <summary>
    /// The files <paramref name="content"/> imports, directly or through other imports, among <paramref name="available"/>
    /// (keyed by import path). Imports that are not there (e.g. <c>google/protobuf/*</c>, which the server bundles) are left
    /// to the server. Only these are sent: every file sent counts as part of the package.
    /// </summary>
    public static IReadOnlyList<SyncFile> ImportClosure(string content, IReadOnlyDictionary<string, string> available)
    {
        var found = new List<SyncFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([content]);
        while (pending.Count > 0)
        {
            foreach (System.Text.RegularExpressions.Match match in ProtoImport().Matches(pending.Dequeue()))
            {
                var import = match.Groups["path"].Value;
                if (seen.Add(import) && available.TryGetValue(import, out var text))
                {
                    found.Add(new SyncFile(import, text));
                    pending.Enqueue(text);
                }
            }
        }

        return found;
    }

    /// <summary>FILE's own import path: its path under the first --proto-path that holds it, else its file name.</summary>
    private static string ImportPathOf(string path, IReadOnlyList<string> protoPaths)
    {
        var full = Path.GetFullPath(path);
        foreach (var root in protoPaths)
        {
            var relative = Path.GetRelativePath(Path.GetFullPath(root), full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return Path.GetFileName(path);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*import\s+(?:public\s+|weak\s+)?[""'](?<path>[^""']+)[""']\s*;",
        System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex ProtoImport();

    private static SchemaFormat Format(string path, string content, string formatText)
    {
        SchemaFormat format;
        if (string.Equals(formatText, "auto", StringComparison.OrdinalIgnoreCase))
        {
            format = new SchemaEngine().Detect(new SchemaSource(content, path));
        }
        else if (!SchemaFormats.TryParse(formatText, out var named))
        {
            throw new SchemaParseException($"unknown format '{formatText}'.");
        }
        else
        {
            format = named.Value;
        }

        return format is SchemaFormat.OpenApi or SchemaFormat.GraphQL or SchemaFormat.Protobuf
            ? format
            : throw new SchemaParseException(
                $"{path} reads as {format.ToWire()}; the pre-publish check takes OpenAPI, GraphQL and protobuf documents "
                + "(use 'tessera sync ... --dry-run' or 'tessera diff' for other formats, or name the format with --format).");
    }

    /// <summary>The wire's <c>spec_format</c>.</summary>
    private static string Wire(SchemaFormat format) => format switch
    {
        SchemaFormat.OpenApi => "openapi",
        SchemaFormat.GraphQL => "graphql",
        _ => "protobuf",
    };
}
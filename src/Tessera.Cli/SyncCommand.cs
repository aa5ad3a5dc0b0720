using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Cli.Reports;
using Tessera.Cli.Server;
using Tessera.Client;

namespace Tessera.Cli;

/// <summary>
/// <c>tessera sync openapi|graphql|grpc|avro FILE...</c>: imports documents through the server's importers
/// (<c>POST /api/v1/sync/...</c>, admin scope), for CI. Compatible changes publish; breaking ones open proposals.
/// Exit 0 done, 1 a breaking change opened (or, on a dry run, would open) a proposal, 2 usage, parse or item errors,
/// 3 server unreachable or failing, 4 key refused.
/// </summary>
public static class SyncCommand
{
    /// <summary>The largest file read, in bytes (the server has its own, configurable limit).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static Command Build(CliContext context)
    {
        var command = new Command("sync", "Import documents into the server: one asset per operation, contracts published through the workflow.");
        command.Subcommands.Add(Importer(context, "openapi", "OpenAPI 3.x or Swagger 2.0 documents (JSON or YAML); each FILE is imported on its own.",
            Kind.OpenApi));
        command.Subcommands.Add(Importer(context, "graphql",
            "A GraphQL schema: SDL files (joined into one schema, as a schema split over files is) or one introspection JSON file.", Kind.GraphQL));
        command.Subcommands.Add(Importer(context, "grpc",
            "A package of .proto files, imported together (every file's services); imports resolve among the files.", Kind.Grpc));
        command.Subcommands.Add(Importer(context, "avro", "Avro schemas (.avsc), one asset per file's top-level named type.", Kind.Avro));
        command.Subcommands.Add(Dbt(context));
        return command;
    }

    /// <summary>
    /// <c>tessera sync dbt MANIFEST</c>: uploads a dbt <c>manifest.json</c> (<c>POST /sync/dbt/upload</c>), or with
    /// <c>--dry-run</c> asks for the CI diff (<c>POST /sync/dbt/diff</c>). Like the API, contracts and proposals are opt-in.
    /// </summary>
    private static Command Dbt(CliContext context)
    {
        var manifest = new Argument<string>("MANIFEST") { Description = "The dbt manifest.json (target/manifest.json after dbt compile)." };
        var ownerTeam = new Option<string>("--owner-team")
        {
            Description = "The UUID of the team owning nodes without meta.tessera.owner_team. Default: $TESSERA_TEAM_ID.",
        };
        var environment = new Option<string>("--environment") { Description = "The environment of the assets (default: the server's, production)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what an upload would change (new, modified, breaking); write nothing." };
        var publish = new Option<bool>("--publish") { Description = "Publish contracts for models with columns (auto_publish_contracts)." };
        var proposals = new Option<bool>("--create-proposals") { Description = "Open proposals for breaking changes (auto_create_proposals)." };
        var register = new Option<bool>("--register-consumers") { Description = "Register the consumers declared in meta.tessera (auto_register_consumers)." };
        var delete = new Option<bool>("--delete-missing") { Description = "Soft-delete the owner team's dbt assets missing from the manifest (auto_delete)." };
        var conflict = new Option<string>("--conflict-mode") { Description = "ignore, overwrite or fail: assets at a node's name the node does not manage." };
        conflict.AcceptOnlyFromAmong("ignore", "overwrite", "fail");
        var output = new Option<string>("--output") { Description = "text, json, markdown or github.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "markdown", "github");
        var server = new ServerOptions();
        var command = new Command("dbt", "A dbt manifest: one asset per model, seed, snapshot and source, with lineage, consumers and guarantees.")
        {
            manifest, ownerTeam, environment, dryRun, publish, proposals, register, delete, conflict, output,
        };
        server.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            Guid? owner = null;
            if ((parseResult.GetValue(ownerTeam) ?? context.Environment("TESSERA_TEAM_ID")) is { } ownerText && !string.IsNullOrWhiteSpace(ownerText))
            {
                if (!Guid.TryParse(ownerText.Trim(), out var parsed))
                {
                    stderr.WriteLine($"error: the owner team '{ownerText}' is not a team id (a UUID).");
                    return ExitCodes.UsageOrParseError;
                }

                owner = parsed;
            }

            var path = parseResult.GetValue(manifest)!;
            string text;
            try
            {
                text = Read(path);
                Parse(path, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
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
            var url = connection.Url!.ToString().TrimEnd('/');
            var env = parseResult.GetValue(environment);
            try
            {
                using var http = client.Http;
                if (parseResult.GetValue(dryRun))
                {
                    var diff = await display.RunAsync(1, $"Comparing {Path.GetFileName(path)} with {url}",
                        async _ => await client.DiffDbtManifestAsync(text, true, env, cancellationToken));
                    stdout.Write(DbtReport.Render(outputText, path, url, diff));
                    return DbtReport.ExitCode(diff);
                }

                var options = new DbtUploadOptions(owner, parseResult.GetValue(conflict), parseResult.GetValue(publish), parseResult.GetValue(delete),
                    parseResult.GetValue(proposals), parseResult.GetValue(register), Environment: env);
                var upload = await display.RunAsync(1, $"Uploading {Path.GetFileName(path)} to {url}",
                    async _ => await client.UploadDbtManifestAsync(text, options, cancellationToken));
                stdout.Write(DbtReport.Render(outputText, path, url, upload));
                return DbtReport.ExitCode(upload);
            }
            catch (Exception e) when (e is TesseraApiException or HttpRequestException or OperationCanceledException or JsonException or NotSupportedException)
            {
                return ServerErrors.Report(e, connection, stderr, cancellationToken);
            }
        });
        return command;
    }

    internal enum Kind { OpenApi, GraphQL, Grpc, Avro }

    /// <summary>One importer call: the route, the body, and the files it carries.</summary>
    internal sealed record Call(string Route, object Body, IReadOnlyList<string> Files);

    private static Command Importer(CliContext context, string name, string description, Kind kind)
    {
        var files = new Argument<string[]>("FILE") { Description = "The documents to import.", Arity = ArgumentArity.OneOrMore };
        var ownerTeam = new Option<string>("--owner-team") { Description = "The UUID of the team that owns the assets. Default: $TESSERA_TEAM_ID." };
        var environment = new Option<string>("--environment") { Description = "The environment of the assets (default: the server's, production)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Judge everything and report what would happen; write nothing." };
        var noPublish = new Option<bool>("--no-publish") { Description = "Create and update assets only; publish no contracts." };
        var output = new Option<string>("--output") { Description = "text, json, markdown or github.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "markdown", "github");
        var schemaName = new Option<string>("--schema-name") { Description = "The schema's name in the asset names (default \"GraphQL API\")." };
        var protoPath = new Option<string[]>("--proto-path", "-I")
        {
            Description = "The import root(s) of the .proto files: each FILE is keyed by its path under the first one that holds it (default: the current directory).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var server = new ServerOptions();

        var command = new Command(name, description) { files, ownerTeam, environment, dryRun, noPublish, output };
        if (kind == Kind.GraphQL)
        {
            command.Options.Add(schemaName);
        }

        if (kind == Kind.Grpc)
        {
            command.Options.Add(protoPath);
        }

        server.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var ownerText = parseResult.GetValue(ownerTeam) ?? context.Environment("TESSERA_TEAM_ID");
            if (string.IsNullOrWhiteSpace(ownerText))
            {
                stderr.WriteLine("error: name the owner team with --owner-team or TESSERA_TEAM_ID.");
                return ExitCodes.UsageOrParseError;
            }

            if (!Guid.TryParse(ownerText.Trim(), out var owner))
            {
                stderr.WriteLine($"error: the owner team '{ownerText}' is not a team id (a UUID).");
                return ExitCodes.UsageOrParseError;
            }

            var settings = new Settings(owner, parseResult.GetValue(environment), parseResult.GetValue(dryRun), !parseResult.GetValue(noPublish),
                parseResult.GetValue(schemaName), parseResult.GetValue(protoPath) ?? []);
            IReadOnlyList<Call> calls;
            try
            {
                calls = Plan(kind, parseResult.GetValue(files)!, settings);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
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
            var done = new List<SyncReport.Import>();
            try
            {
                using var http = client.Http;
                await display.RunAsync(calls.Count, $"Importing {calls.Count} document{(calls.Count == 1 ? "" : "s")} into {connection.Url}", async step =>
                {
                    foreach (var call in calls)
                    {
                        step($"Importing {string.Join(", ", call.Files.Select(Path.GetFileName).Take(3))}{(call.Files.Count > 3 ? ", ..." : "")}");
                        done.Add(new SyncReport.Import(call.Files, await client.PostAsync<JsonObject>(call.Route, call.Body, cancellationToken)));
                    }

                    return done.Count;
                });
            }
            catch (Exception e) when (e is TesseraApiException or HttpRequestException or OperationCanceledException or JsonException or NotSupportedException)
            {
                if (done.Count > 0)
                {
                    stderr.WriteLine($"note: {done.Count} of {calls.Count} imports finished before the failure: {string.Join(", ", done.SelectMany(d => d.Files))}.");
                }

                return ServerErrors.Report(e, connection, stderr, cancellationToken);
            }

            var colour = outputText == "text" && TextReport.ShouldColour(ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
                context.Environment("NO_COLOR"));
            stdout.Write(SyncReport.Render(outputText, name, connection.Url!.ToString().TrimEnd('/'), settings.DryRun, done, colour));
            return SyncReport.ExitCode(done);
        });
        return command;
    }

    internal sealed record Settings(Guid Owner, string? Environment, bool DryRun, bool Publish, string? SchemaName, IReadOnlyList<string> ProtoPaths);

    /// <summary>The importer calls for the files: one per OpenAPI document, one for everything else.</summary>
    internal static IReadOnlyList<Call> Plan(Kind kind, IReadOnlyList<string> files, Settings settings)
    {
        var texts = files.Select(f => (Path: f, Text: Read(f))).ToList();
        switch (kind)
        {
            case Kind.OpenApi:
                return [.. texts.Select(t => new Call("/api/v1/sync/openapi",
                    new SyncOpenApiRequest(JsonValue.Create(t.Text), settings.Owner, settings.Environment, settings.Publish, settings.DryRun), [t.Path]))];
            case Kind.GraphQL:
                var json = texts.Where(t => t.Text.TrimStart().StartsWith('{')).ToList();
                if (json.Count > 0 && texts.Count > 1)
                {
                    throw new InvalidDataException("give one introspection JSON file, or SDL files (which are joined into one schema), not both or several JSON files.");
                }

                var body = json.Count == 1
                    ? new SyncGraphQLRequest(Introspection: Parse(json[0].Path, json[0].Text), OwnerTeamId: settings.Owner, SchemaName: settings.SchemaName,
                        Environment: settings.Environment, AutoPublishContracts: settings.Publish, DryRun: settings.DryRun)
                    : new SyncGraphQLRequest(Sdl: string.Join("\n", texts.Select(t => $"# {Path.GetFileName(t.Path)}\n{t.Text}")), OwnerTeamId: settings.Owner,
                        SchemaName: settings.SchemaName, Environment: settings.Environment, AutoPublishContracts: settings.Publish, DryRun: settings.DryRun);
                return [new Call("/api/v1/sync/graphql", body, files)];
            case Kind.Grpc:
                var package = texts.Select(t => new SyncFile(ImportPath(t.Path, settings.ProtoPaths), t.Text)).ToList();
                var duplicate = package.GroupBy(f => f.Path).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null)
                {
                    throw new InvalidDataException($"two files have the import path '{duplicate.Key}'.");
                }

                return [new Call("/api/v1/sync/grpc", new SyncGrpcRequest(Files: package, OwnerTeamId: settings.Owner, Environment: settings.Environment,
                    AutoPublishContracts: settings.Publish, DryRun: settings.DryRun), files)];
            default:
                return [new Call("/api/v1/sync/avro", new SyncAvroRequest([.. texts.Select(t => Parse(t.Path, t.Text))], settings.Owner, settings.Environment,
                    settings.Publish, settings.DryRun), files)];
        }
    }

    /// <summary>
    /// A .proto file's import path: its path under the first <c>--proto-path</c> directory that holds it (or the current
    /// directory), with <c>/</c> separators, as <c>protoc -I</c> keys it.
    /// </summary>
    internal static string ImportPath(string file, IReadOnlyList<string> protoPaths)
    {
        var full = Path.GetFullPath(file);
        foreach (var root in protoPaths.Count == 0 ? [Directory.GetCurrentDirectory()] : protoPaths)
        {
            var relative = Path.GetRelativePath(Path.GetFullPath(root), full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        throw new InvalidDataException(protoPaths.Count == 0
            ? $"{file} is outside the current directory; name its import root with --proto-path."
            : $"{file} is under none of the --proto-path directories.");
    }

    private static string Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        if (file.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"{path} is {file.Length:N0} bytes; the largest file sent is {MaxFileBytes:N0} bytes.");
        }

        var text = File.ReadAllText(file.FullName);
        return text.Trim().Length == 0 ? throw new InvalidDataException($"{path} is empty.") : text;
    }

    private static JsonNode Parse(string path, string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 512 })
                ?? throw new InvalidDataException($"{path}: the JSON document is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}, line {(e.LineNumber ?? 0) + 1}: invalid JSON: {e.Message.Split('.')[0]}.");
        }
    }
}
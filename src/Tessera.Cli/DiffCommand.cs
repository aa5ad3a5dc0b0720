using System.CommandLine;
using System.Text.Json;

using Tessera.Cli.Reports;
using Tessera.Schemas;
using Tessera.Schemas.Text;

namespace Tessera.Cli;

/// <summary>
/// <c>tessera diff OLD NEW</c>: the engine offline, for CI. Exit 0 compatible, 1 breaking under the mode,
/// 2 usage or parse error (the message names the file and the place; never a stack trace).
/// </summary>
public static class DiffCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Build()
    {
        var oldFile = new Argument<string>("OLD") { Description = "The current version of the contract." };
        var newFile = new Argument<string>("NEW") { Description = "The proposed version." };
        var format = new Option<string>("--format")
        {
            Description = "auto (detect from the content), or one of: " + string.Join(", ", SchemaFormats.All.Select(f => f.ToWire())) + ".",
            DefaultValueFactory = _ => "auto",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "Compatibility mode: " + string.Join(", ", CompatibilityModes.All.Select(m => m.ToWire())) + ".",
            DefaultValueFactory = _ => "backward",
        };
        var output = new Option<string>("--output") { Description = "text, json, markdown or github.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "markdown", "github");
        var protoPath = new Option<string[]>("--proto-path", "-I")
        {
            Description = "A directory whose .proto files (keyed by their path under it) may be imported. Repeatable; "
                + "the directories of OLD and NEW are searched after these.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("diff", "Compare two versions of a contract and judge the change.")
        {
            oldFile, newFile, format, mode, output, protoPath,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var modeText = parseResult.GetValue(mode);
            if (!CompatibilityModes.TryParse(modeText, out var chosenMode))
            {
                stderr.WriteLine($"error: unknown mode '{modeText}'. Expected one of: {string.Join(", ", CompatibilityModes.All.Select(m => m.ToWire()))}.");
                return ExitCodes.UsageOrParseError;
            }

            SchemaFormat? chosenFormat = null;
            var formatText = parseResult.GetValue(format) ?? "auto";
            if (!string.Equals(formatText.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
            {
                if (!SchemaFormats.TryParse(formatText, out chosenFormat))
                {
                    stderr.WriteLine($"error: unknown format '{formatText}'. Expected auto or one of: {string.Join(", ", SchemaFormats.All.Select(f => f.ToWire()))}.");
                    return ExitCodes.UsageOrParseError;
                }
            }

            var request = new DiffRequest(
                parseResult.GetValue(oldFile)!,
                parseResult.GetValue(newFile)!,
                chosenFormat,
                chosenMode.Value,
                parseResult.GetValue(protoPath) ?? []);
            try
            {
                var diff = Run(request, SchemaLimits.Default);
                stdout.Write(Render(diff, parseResult.GetValue(output) ?? "text", stdout));
                return diff.Report.IsCompatible ? ExitCodes.Compatible : ExitCodes.Breaking;
            }
            catch (SchemaParseException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrParseError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrParseError;
            }
            catch (Exception ex) when (ex is InsufficientExecutionStackException or OutOfMemoryException)
            {
                stderr.WriteLine($"error: the documents are too large or too deeply nested to compare ({ex.GetType().Name}).");
                return ExitCodes.UsageOrParseError;
            }
        });
        return command;
    }

    /// <summary>What the user asked to compare.</summary>
    public sealed record DiffRequest(string OldPath, string NewPath, SchemaFormat? Format, CompatibilityMode Mode, IReadOnlyList<string> ProtoPaths);

    /// <summary>Reads, detects, parses and judges. Throws <see cref="SchemaParseException"/> or I/O errors.</summary>
    public static DiffReport Run(DiffRequest request, SchemaLimits limits)
    {
        var engine = new SchemaEngine(limits);
        var oldText = Read(request.OldPath, limits);
        var newText = Read(request.NewPath, limits);
        var format = request.Format ?? DetectBoth(engine, new SchemaSource(oldText, request.OldPath), new SchemaSource(newText, request.NewPath));

        var oldSource = new SchemaSource(oldText, request.OldPath, format == SchemaFormat.Protobuf ? ProtoImports(request.OldPath, request.ProtoPaths) : null);
        var newSource = new SchemaSource(newText, request.NewPath, format == SchemaFormat.Protobuf ? ProtoImports(request.NewPath, request.ProtoPaths) : null);
        var oldDocument = engine.Parse(oldSource, format);
        var newDocument = engine.Parse(newSource, format);
        var report = engine.Check([(request.OldPath, oldDocument)], newDocument, request.Mode);
        return new DiffReport(report, format, request.OldPath, request.NewPath);
    }

    public static string Render(DiffReport diff, string output, TextWriter stdout) => output switch
    {
        "json" => FindingJson.ToJson(diff.Report, diff.Format).ToJsonString(Indented) + "\n",
        "markdown" => MarkdownReport.Render(diff),
        "github" => GitHubAnnotations.Render(diff),
        _ => TextReport.Render(diff, TextReport.ShouldColour(
            ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
            Environment.GetEnvironmentVariable("NO_COLOR"))),
    };

    private static SchemaFormat DetectBoth(SchemaEngine engine, SchemaSource oldSource, SchemaSource newSource)
    {
        var oldFormat = Detect(engine, oldSource);
        var newFormat = Detect(engine, newSource);
        if (oldFormat != newFormat)
        {
            throw new SchemaParseException(
                $"{oldSource.DisplayName} reads as {oldFormat.ToWire()} but {newSource.DisplayName} as {newFormat.ToWire()}; name the format with --format.");
        }

        return oldFormat;
    }

    /// <summary>
    /// Detects the format; when nothing fits a file that is meant to be JSON or YAML, the JSON/YAML error
    /// (with its line and column) says more than "cannot tell the format", so that is what is thrown.
    /// </summary>
    private static SchemaFormat Detect(SchemaEngine engine, SchemaSource source)
    {
        try
        {
            return engine.Detect(source);
        }
        catch (SchemaParseException) when (LooksStructured(source))
        {
            StructuredText.Parse(source.Content, engine.Limits, source.Name);
            throw;
        }
    }

    private static bool LooksStructured(SchemaSource source) =>
        Path.GetExtension(source.Name ?? "").ToLowerInvariant() is ".json" or ".yaml" or ".yml" or ".avsc"
        || StructuredText.LooksLikeJson(source.Content);

    private static string Read(string path, SchemaLimits limits)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: beyond that the text is surely over the limit.
        if (file.Length > 3L * limits.MaxInputChars)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxInputChars), limits.MaxInputChars,
                $"The file ({file.Length:N0} bytes)", new SourceLocation(path));
        }

        return File.ReadAllText(file.FullName);
    }

    /// <summary>
    /// Every <c>.proto</c> under each <c>--proto-path</c> directory, then under the document's own directory,
    /// keyed by its path relative to that directory ('/'-separated). The first directory that has a path wins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProtoImports(string documentPath, IEnumerable<string> protoPaths)
    {
        var imports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var self = Path.GetFullPath(documentPath);
        var ownDirectory = Path.GetDirectoryName(self) ?? ".";
        foreach (var root in protoPaths.Append(ownDirectory))
        {
            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException($"--proto-path {root}: no such directory.");
            }

            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
            foreach (var file in Directory.EnumerateFiles(root, "*.proto", options).Order(StringComparer.Ordinal))
            {
                if (string.Equals(Path.GetFullPath(file), self, StringComparison.Ordinal))
                {
                    continue;
                }

                var key = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!imports.ContainsKey(key))
                {
                    imports[key] = File.ReadAllText(file);
                }
            }
        }

        return imports;
    }
}
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

using Tessera.Schemas;

namespace Tessera.Cli;

/// <summary><c>tessera diff OLD NEW</c>: the engine offline, for CI.</summary>
public static class DiffCommand
{
    public static Command Build()
    {
        var oldFile = new Argument<FileInfo>("OLD") { Description = "The current version of the contract." };
        var newFile = new Argument<FileInfo>("NEW") { Description = "The proposed version." };
        var format = new Option<string>("--format") { Description = "auto, or one of: " + string.Join(", ", SchemaFormats.All.Select(f => f.ToWire())), DefaultValueFactory = _ => "auto" };
        var mode = new Option<string>("--mode") { Description = "Compatibility mode.", DefaultValueFactory = _ => "backward" };
        var output = new Option<string>("--output") { Description = "text, json, markdown or github.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "markdown", "github");

        var command = new Command("diff", "Compare two versions of a contract and judge the change.") { oldFile, newFile, format, mode, output };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (!CompatibilityModes.TryParse(parseResult.GetValue(mode), out var chosenMode))
            {
                stderr.WriteLine($"error: unknown mode '{parseResult.GetValue(mode)}'.");
                return ExitCodes.UsageOrParseError;
            }

            SchemaFormat? chosenFormat = null;
            var formatText = parseResult.GetValue(format) ?? "auto";
            if (formatText != "auto")
            {
                if (!SchemaFormats.TryParse(formatText, out chosenFormat))
                {
                    stderr.WriteLine($"error: unknown format '{formatText}'.");
                    return ExitCodes.UsageOrParseError;
                }
            }

            try
            {
                var engine = new SchemaEngine();
                var oldSource = Read(parseResult.GetValue(oldFile)!);
                var newSource = Read(parseResult.GetValue(newFile)!);
                var resolved = chosenFormat ?? engine.Detect(oldSource);
                var report = engine.Check([("old", engine.Parse(oldSource, resolved))], engine.Parse(newSource, resolved), chosenMode.Value);
                var json = new JsonObject
                {
                    ["format"] = resolved.ToWire(),
                    ["mode"] = chosenMode.Value.ToWire(),
                    ["compatible"] = report.IsCompatible,
                    ["change_type"] = report.ChangeType.ToWire(),
                };
                stdout.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return report.IsCompatible ? ExitCodes.Compatible : ExitCodes.Breaking;
            }
            catch (SchemaParseException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrParseError;
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageOrParseError;
            }
        });
        return command;
    }

    private static SchemaSource Read(FileInfo file) => new(File.ReadAllText(file.FullName), file.Name);
}
using System.Diagnostics;

using BenchmarkDotNet.Running;

using Tessera.Benchmarks;
using Tessera.Schemas;

// dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- write-inputs DIR   writes the generated pairs
// dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- write-openapi N DIR  writes the OpenAPI pair with N paths (2N operations)
// dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- check               parses and diffs each pair once
// dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- --filter '*' --job short   runs the benchmarks
if (args is ["write-inputs", var directory])
{
    Directory.CreateDirectory(directory);
    foreach (var format in EngineBenchmarks.Formats())
    {
        var pair = LargeInputs.For(format);
        File.WriteAllText(Path.Combine(directory, $"{pair.Name}.old{pair.Extension}"), pair.Old);
        File.WriteAllText(Path.Combine(directory, $"{pair.Name}.new{pair.Extension}"), pair.New);
        Console.WriteLine($"{pair.Name}: {pair.Old.Length:N0} / {pair.New.Length:N0} characters");
    }

    return 0;
}

if (args is ["write-openapi", var count, var folder] && int.TryParse(count, out var paths) && paths > 0)
{
    Directory.CreateDirectory(folder);
    var pair = LargeInputs.OpenApi(paths);
    File.WriteAllText(Path.Combine(folder, $"{pair.Name}.old{pair.Extension}"), pair.Old);
    File.WriteAllText(Path.Combine(folder, $"{pair.Name}.new{pair.Extension}"), pair.New);
    Console.WriteLine($"{pair.Name}: {pair.Old.Length:N0} / {pair.New.Length:N0} characters");
    return 0;
}

if (args is ["check"])
{
    var engine = new SchemaEngine();
    foreach (var format in EngineBenchmarks.Formats())
    {
        var pair = LargeInputs.For(format);
        var watch = Stopwatch.StartNew();
        var oldDocument = engine.Parse(new SchemaSource(pair.Old, "old" + pair.Extension), format);
        var newDocument = engine.Parse(new SchemaSource(pair.New, "new" + pair.Extension), format);
        var parsed = watch.Elapsed;
        var diff = engine.Diff(oldDocument, newDocument);
        var counts = string.Join(", ", diff.Findings.GroupBy(f => f.Backward).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToWire()}"));
        Console.WriteLine($"{pair.Name}: {pair.Old.Length:N0} chars, {diff.Findings.Count} findings ({counts}), change {diff.ChangeType.ToWire()}; "
            + $"parse {parsed.TotalMilliseconds:F0} ms, diff {(watch.Elapsed - parsed).TotalMilliseconds:F0} ms (one cold run)");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
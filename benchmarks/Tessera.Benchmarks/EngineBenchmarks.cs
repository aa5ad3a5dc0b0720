using BenchmarkDotNet.Attributes;

using Tessera.Schemas;

namespace Tessera.Benchmarks;

/// <summary>
/// Per format: parsing both documents of a large pair, and comparing the two already-parsed documents.
/// The goal from the issue: the comparison costs less than the parsing.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EngineBenchmarks
{
    private readonly SchemaEngine _engine = new();
    private SchemaSource _old = null!;
    private SchemaSource _new = null!;
    private SchemaDocument _oldDocument = null!;
    private SchemaDocument _newDocument = null!;

    /// <summary>Every format the engine implements (formats not yet implemented are left out).</summary>
    public static IEnumerable<SchemaFormat> Formats() => SchemaFormats.All.Where(SchemaEngine.IsSupported);

    [ParamsSource(nameof(Formats))]
    public SchemaFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pair = LargeInputs.For(Format);
        _old = new SchemaSource(pair.Old, "old" + pair.Extension);
        _new = new SchemaSource(pair.New, "new" + pair.Extension);
        _oldDocument = _engine.Parse(_old, Format);
        _newDocument = _engine.Parse(_new, Format);
    }

    [Benchmark]
    public SchemaDocument ParseBoth()
    {
        _engine.Parse(_old, Format);
        return _engine.Parse(_new, Format);
    }

    [Benchmark]
    public DiffResult Compare() => _engine.Diff(_oldDocument, _newDocument);
}
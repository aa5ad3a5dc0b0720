using System.Reflection;
using System.Text.Json.Nodes;

using Tessera.Schemas.Text;

namespace Tessera.Schemas;

/// <summary>
/// The one entry point to the compatibility engine: detect a format, parse, compare, check under a mode
/// (transitive modes included). Thread-safe; create one per set of limits.
/// </summary>
public sealed class SchemaEngine
{
    private static readonly Lazy<IReadOnlyDictionary<SchemaFormat, ISchemaFormat>> Registered = new(Discover);

    public SchemaEngine(SchemaLimits? limits = null) => Limits = limits ?? SchemaLimits.Default;

    public SchemaLimits Limits { get; }

    /// <summary>Every format implemented in this assembly, in <see cref="SchemaFormat"/> order.</summary>
    public static IReadOnlyList<ISchemaFormat> Formats => [.. Registered.Value.Values.OrderBy(f => f.Format)];

    public static bool IsSupported(SchemaFormat format) => Registered.Value.ContainsKey(format);

    public static ISchemaFormat Get(SchemaFormat format) =>
        Registered.Value.TryGetValue(format, out var implementation)
            ? implementation
            : throw new SchemaParseException($"The format '{format.ToWire()}' is not supported yet.");

    /// <summary>Guesses the format from the file extension and the content; throws when nothing fits.</summary>
    public SchemaFormat Detect(SchemaSource source)
    {
        StructuredText.CheckSize(source.Content, Limits, source.Name);
        var extension = Path.GetExtension(source.Name ?? "").ToLowerInvariant();
        JsonNode? tree = null;
        var structured = extension is ".json" or ".yaml" or ".yml" or ".avsc" || StructuredText.LooksLikeJson(source.Content)
            || (extension.Length == 0 && LooksLikeYamlMapping(source.Content));
        if (structured)
        {
            try
            {
                tree = StructuredText.Parse(source.Content, Limits, source.Name);
            }
            catch (SchemaLimitException)
            {
                throw;
            }
            catch (SchemaParseException)
            {
                tree = null;
            }
        }

        var best = Registered.Value.Values
            .Select(f => (Format: f.Format, Score: f.Extensions.Contains(extension) ? Math.Max(f.Detect(source, tree), 60) : f.Detect(source, tree)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Format)
            .FirstOrDefault();
        if (best.Score <= 0)
        {
            throw new SchemaParseException(
                "Cannot tell the format of this document; name it with --format (" +
                string.Join(", ", SchemaFormats.All.Select(f => f.ToWire())) + ").",
                new SourceLocation(source.DisplayName));
        }

        return best.Format;
    }

    public SchemaDocument Parse(SchemaSource source, SchemaFormat? format = null)
    {
        var chosen = format ?? Detect(source);
        StructuredText.CheckSize(source.Content, Limits, source.Name);
        foreach (var (path, content) in source.ImportFiles)
        {
            StructuredText.CheckSize(content, Limits, path);
        }

        return Get(chosen).Parse(source, Limits);
    }

    /// <summary>
    /// The contract named by <paramref name="selector"/> inside <paramref name="document"/>, as a document judged alone
    /// (see <see cref="ISelectableFormat"/>).
    /// </summary>
    public static SchemaDocument Select(SchemaDocument document, string selector) =>
        Get(document.Format) is ISelectableFormat selectable
            ? selectable.Select(document, selector)
            : throw new SchemaParseException($"A {document.Format.ToWire()} document holds a single contract; it has no parts to select.");

    /// <summary>Every change from <paramref name="oldDocument"/> to <paramref name="newDocument"/>.</summary>
    public DiffResult Diff(SchemaDocument oldDocument, SchemaDocument newDocument)
    {
        if (oldDocument.Format != newDocument.Format)
        {
            throw new SchemaParseException(
                $"Cannot compare a {oldDocument.Format.ToWire()} document with a {newDocument.Format.ToWire()} document.");
        }

        var findings = Get(oldDocument.Format).Compare(oldDocument, newDocument, Limits);
        if (findings.Count > Limits.MaxFindings)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxFindings), Limits.MaxFindings, "The number of changes");
        }

        return new DiffResult(oldDocument.Format, findings);
    }

    /// <summary>
    /// Judges <paramref name="proposed"/> under <paramref name="mode"/>. Plain modes compare it with the latest
    /// earlier version; transitive modes also with every earlier one, adding their blocking findings
    /// (labelled with <see cref="Finding.Against"/>).
    /// </summary>
    /// <param name="history">Earlier versions, oldest first, each with a label such as its version number.</param>
    public CompatibilityReport Check(IReadOnlyList<(string Label, SchemaDocument Document)> history, SchemaDocument proposed, CompatibilityMode mode)
    {
        if (history.Count == 0)
        {
            return new CompatibilityReport(mode, new DiffResult(proposed.Format, []), []);
        }

        var latest = Diff(history[^1].Document, proposed);
        var extra = new List<Finding>();
        if (mode.IsTransitive())
        {
            for (var i = 0; i < history.Count - 1; i++)
            {
                var (label, document) = history[i];
                extra.AddRange(Diff(document, proposed).BlockingFor(mode).Select(f => f with { Against = label }));
            }
        }

        extra.Sort(Finding.Order);
        return new CompatibilityReport(mode, latest, extra);
    }

    private static bool LooksLikeYamlMapping(string content)
    {
        using var reader = new StringReader(content);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && !trimmed.Contains('{', StringComparison.Ordinal) && !trimmed.Contains(';', StringComparison.Ordinal);
        }

        return false;
    }

    private static IReadOnlyDictionary<SchemaFormat, ISchemaFormat> Discover() =>
        typeof(SchemaEngine).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISchemaFormat).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => (ISchemaFormat)Activator.CreateInstance(t)!)
            .ToDictionary(f => f.Format);
}

/// <summary>The verdict on a proposed version under one mode.</summary>
/// <param name="Mode">The mode judged under.</param>
/// <param name="Latest">Every change against the latest earlier version.</param>
/// <param name="Transitive">Blocking findings against older versions (transitive modes only).</param>
public sealed record CompatibilityReport(CompatibilityMode Mode, DiffResult Latest, IReadOnlyList<Finding> Transitive)
{
    public IReadOnlyList<Finding> Blocking => [.. Latest.BlockingFor(Mode), .. Transitive];

    public bool IsCompatible => Blocking.Count == 0;

    public ChangeType ChangeType => Latest.ChangeType;
}
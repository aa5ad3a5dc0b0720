namespace Tessera.Schemas.Avro;

/// <summary>Whether data written with one schema can be read with another.</summary>
internal enum Resolution
{
    Yes,
    No,
    Unknown,
}

/// <summary>
/// The Avro specification's schema-resolution rules as a yes/no question: can a reader with schema R read data
/// written with schema W? Recursive types are handled by assuming a pair under evaluation resolves (as the
/// reference implementation does); depth is bounded and answers <see cref="Resolution.Unknown"/> beyond it.
/// </summary>
internal sealed class AvroResolution(SchemaLimits limits)
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), Resolution> _known = new(PairComparer.Instance);

    public static bool IsPromotion(string writer, string reader) => (writer, reader) switch
    {
        ("int", "long" or "float" or "double") => true,
        ("long", "float" or "double") => true,
        ("float", "double") => true,
        ("string", "bytes") or ("bytes", "string") => true,
        _ => false,
    };

    /// <summary>A promotion the specification allows but that can round large values.</summary>
    public static bool LosesPrecision(string writer, string reader) =>
        (writer, reader) is ("int", "float") or ("long", "float") or ("long", "double");

    /// <summary>Named types match by unqualified name or through the reader's aliases (full names).</summary>
    public static bool NamesMatch(AvroNamedSchema writer, AvroNamedSchema reader) =>
        string.Equals(writer.Name, reader.Name, StringComparison.Ordinal) || reader.Aliases.Contains(writer.FullName, StringComparer.Ordinal);

    public Resolution CanRead(AvroSchema writer, AvroSchema reader) => CanRead(writer, reader, 0);

    private Resolution CanRead(AvroSchema writer, AvroSchema reader, int depth)
    {
        if (depth > limits.MaxDepth)
        {
            return Resolution.Unknown;
        }

        if (_known.TryGetValue((writer, reader), out var known))
        {
            return known;
        }

        // Assume yes while the pair is being evaluated: a recursive reference resolves if everything else does.
        _known[(writer, reader)] = Resolution.Yes;
        var result = Evaluate(writer, reader, depth);
        _known[(writer, reader)] = result;
        return result;
    }

    private Resolution Evaluate(AvroSchema writer, AvroSchema reader, int depth)
    {
        if (writer is AvroUnion writerUnion)
        {
            // Every branch the writer may have written must be readable.
            return All(writerUnion.Branches.Select(b => CanRead(b, reader, depth + 1)));
        }

        if (reader is AvroUnion readerUnion)
        {
            // The first reader branch that matches is used; it is enough that one does.
            var results = readerUnion.Branches.Select(b => CanRead(writer, b, depth + 1)).ToList();
            return results.Contains(Resolution.Yes) ? Resolution.Yes
                : results.Contains(Resolution.Unknown) ? Resolution.Unknown : Resolution.No;
        }

        switch (writer, reader)
        {
            case (AvroPrimitive w, AvroPrimitive r):
                return w.Kind == r.Kind || IsPromotion(w.Kind, r.Kind) ? Resolution.Yes : Resolution.No;
            case (AvroArray w, AvroArray r):
                return CanRead(w.Items, r.Items, depth + 1);
            case (AvroMap w, AvroMap r):
                return CanRead(w.Values, r.Values, depth + 1);
            case (AvroFixed w, AvroFixed r):
                return NamesMatch(w, r) && w.Size == r.Size ? Resolution.Yes : Resolution.No;
            case (AvroEnum w, AvroEnum r):
                return NamesMatch(w, r) && (r.Default is not null || w.Symbols.All(s => r.Symbols.Contains(s, StringComparer.Ordinal)))
                    ? Resolution.Yes
                    : Resolution.No;
            case (AvroRecord w, AvroRecord r):
                if (!NamesMatch(w, r))
                {
                    return Resolution.No;
                }

                var results = new List<Resolution>(r.Fields.Count);
                foreach (var readerField in r.Fields)
                {
                    var writerField = FindWriterField(w, readerField);
                    results.Add(writerField is not null ? CanRead(writerField.Type, readerField.Type, depth + 1)
                        : readerField.HasDefault ? Resolution.Yes : Resolution.No);
                }

                return All(results);
            default:
                return Resolution.No;
        }
    }

    /// <summary>The writer's field a reader field reads: same name, else one of the reader field's aliases.</summary>
    public static AvroField? FindWriterField(AvroRecord writer, AvroField readerField) =>
        writer.Fields.FirstOrDefault(f => f.Name == readerField.Name)
        ?? writer.Fields.FirstOrDefault(f => readerField.Aliases.Contains(f.Name, StringComparer.Ordinal));

    public static Severity ToSeverity(Resolution resolution) => resolution switch
    {
        Resolution.Yes => Severity.Safe,
        Resolution.No => Severity.Breaking,
        _ => Severity.Unknown,
    };

    private static Resolution All(IEnumerable<Resolution> results)
    {
        var result = Resolution.Yes;
        foreach (var r in results)
        {
            if (r == Resolution.No)
            {
                return Resolution.No;
            }

            if (r == Resolution.Unknown)
            {
                result = Resolution.Unknown;
            }
        }

        return result;
    }

    private sealed class PairComparer : IEqualityComparer<(AvroSchema Writer, AvroSchema Reader)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((AvroSchema Writer, AvroSchema Reader) x, (AvroSchema Writer, AvroSchema Reader) y) =>
            ReferenceEquals(x.Writer, y.Writer) && ReferenceEquals(x.Reader, y.Reader);

        public int GetHashCode((AvroSchema Writer, AvroSchema Reader) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Writer),
                System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Reader));
    }
}
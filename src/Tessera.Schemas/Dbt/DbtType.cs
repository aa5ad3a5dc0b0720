using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tessera.Schemas.Dbt;

/// <summary>The family a warehouse column type belongs to; widening is judged within a family (and integer → decimal).</summary>
public enum DbtTypeFamily
{
    /// <summary>A type name the map does not know: changes to it are never guessed at.</summary>
    Unknown,
    Integer,
    Decimal,
    Float,
    String,
    Boolean,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    Json,
    Uuid,
    Binary,
    Array,
    Map,
    Struct,
    Interval,
    Geography,
    Geometry,
}

/// <summary>How a column type moved between two versions.</summary>
public enum DbtTypeChange
{
    Equal,

    /// <summary>Every old value fits the new type (int → bigint, varchar(10) → varchar(20)).</summary>
    Widened,

    /// <summary>Every new value fits the old type, not the reverse.</summary>
    Narrowed,

    /// <summary>Neither contains the other.</summary>
    Changed,

    /// <summary>At least one side is a type the map does not know.</summary>
    Unknown,
}

/// <summary>
/// A column <c>data_type</c> normalised across warehouse dialects: <c>int4</c>, <c>int</c> and <c>integer</c> are
/// one type, <c>timestamptz</c> and <c>timestamp with time zone</c> another. <see cref="Size"/> is the bit width of
/// integers and floats, or the length of strings and binaries (null: unbounded); <see cref="Precision"/> and
/// <see cref="Scale"/> belong to decimals (null: unbounded) and temporal types (fractional-second precision).
/// </summary>
public sealed record DbtType
{
    /// <summary>How deep <c>array&lt;struct&lt;…&gt;&gt;</c> may nest before the type counts as unknown.</summary>
    public const int MaxNesting = 32;

    public required DbtTypeFamily Family { get; init; }

    /// <summary>The normalised text (lower case, single spaces), kept for unknown types and messages.</summary>
    public required string Text { get; init; }

    public int? Size { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    /// <summary>Array element, or map key and value.</summary>
    public IReadOnlyList<DbtType> Elements { get; init; } = [];

    /// <summary>Struct fields in declaration order (names lower case).</summary>
    public IReadOnlyList<KeyValuePair<string, DbtType>> Fields { get; init; } = [];

    /// <summary>True when the element list or field list was declared (<c>array&lt;int&gt;</c>, not bare <c>array</c>).</summary>
    public bool HasShape { get; init; }

    /// <summary>Reads a dbt <c>data_type</c>. Never throws: text the map does not know gives an <see cref="DbtTypeFamily.Unknown"/> type.</summary>
    public static DbtType Parse(string dataType)
    {
        var tokens = Tokenize(dataType);
        var reader = new TypeReader(tokens);
        var type = reader.ReadType(0);
        return type is null || !reader.AtEnd ? UnknownOf(dataType) : type;
    }

    /// <summary>How <paramref name="newType"/> relates to <paramref name="oldType"/>.</summary>
    public static DbtTypeChange Compare(DbtType oldType, DbtType newType) => CompareAt(oldType, newType, 0);

    /// <summary>The JSON Schema of a column of this type (§4.5 map with the §8.22 gaps filled).</summary>
    public JsonObject ToJsonSchema() => ToJsonSchemaAt(0);

    /// <summary>The JSON Schema of a column whose <c>data_type</c> is <paramref name="dataType"/> (null or blank: string).</summary>
    public static JsonObject ToJsonSchema(string? dataType) =>
        string.IsNullOrWhiteSpace(dataType) ? new JsonObject { ["type"] = "string" } : Parse(dataType).ToJsonSchema();

    private JsonObject ToJsonSchemaAt(int depth)
    {
        static JsonObject Of(string type, string? format = null)
        {
            var schema = new JsonObject { ["type"] = type };
            if (format is not null)
            {
                schema["format"] = format;
            }

            return schema;
        }

        switch (Family)
        {
            case DbtTypeFamily.Integer:
                return Of("integer");
            case DbtTypeFamily.Decimal or DbtTypeFamily.Float:
                return Of("number");
            case DbtTypeFamily.Boolean:
                return Of("boolean");
            case DbtTypeFamily.Date:
                return Of("string", "date");
            case DbtTypeFamily.Time or DbtTypeFamily.TimeTz:
                return Of("string", "time");
            case DbtTypeFamily.Timestamp or DbtTypeFamily.TimestampTz:
                return Of("string", "date-time");
            case DbtTypeFamily.Uuid:
                return Of("string", "uuid");
            case DbtTypeFamily.Json:
                return Of("object");
            case DbtTypeFamily.Array:
                {
                    var schema = Of("array");
                    if (HasShape && Elements.Count == 1 && depth < MaxNesting)
                    {
                        schema["items"] = Elements[0].ToJsonSchemaAt(depth + 1);
                    }

                    return schema;
                }

            case DbtTypeFamily.Map:
                {
                    var schema = Of("object");
                    if (HasShape && Elements.Count == 2 && depth < MaxNesting)
                    {
                        schema["additionalProperties"] = Elements[1].ToJsonSchemaAt(depth + 1);
                    }

                    return schema;
                }

            case DbtTypeFamily.Struct:
                {
                    var schema = Of("object");
                    if (HasShape && depth < MaxNesting)
                    {
                        var properties = new JsonObject();
                        foreach (var (name, type) in Fields)
                        {
                            properties[name] = type.ToJsonSchemaAt(depth + 1);
                        }

                        schema["properties"] = properties;
                    }

                    return schema;
                }

            default:
                return Of("string");
        }
    }

    private static DbtTypeChange CompareAt(DbtType a, DbtType b, int depth)
    {
        if (depth > MaxNesting)
        {
            return DbtTypeChange.Unknown;
        }

        if (a.Family == DbtTypeFamily.Unknown || b.Family == DbtTypeFamily.Unknown)
        {
            return string.Equals(a.Text, b.Text, StringComparison.Ordinal) ? DbtTypeChange.Equal : DbtTypeChange.Unknown;
        }

        if (a.Family != b.Family)
        {
            return CompareAcrossFamilies(a, b);
        }

        switch (a.Family)
        {
            case DbtTypeFamily.Integer or DbtTypeFamily.Float:
                return Order(a.Size, b.Size, nullIsUnbounded: false);
            case DbtTypeFamily.String or DbtTypeFamily.Binary:
                return Order(a.Size, b.Size, nullIsUnbounded: true);
            case DbtTypeFamily.Decimal:
                return CompareDecimals(a, b);
            case DbtTypeFamily.Time or DbtTypeFamily.TimeTz or DbtTypeFamily.Timestamp or DbtTypeFamily.TimestampTz:
                // An unstated fractional precision is the warehouse default: only two stated ones are compared.
                return a.Precision is null || b.Precision is null ? DbtTypeChange.Equal : Order(a.Precision, b.Precision, nullIsUnbounded: false);
            case DbtTypeFamily.Json:
                // object (a JSON object only) ⊂ json/variant (any JSON value).
                return Order(a.Size, b.Size, nullIsUnbounded: false);
            case DbtTypeFamily.Array or DbtTypeFamily.Map:
                return CompareShapes(a, b, depth);
            case DbtTypeFamily.Struct:
                return CompareStructs(a, b, depth);
            case DbtTypeFamily.Interval:
                return string.Equals(a.Text, b.Text, StringComparison.Ordinal) ? DbtTypeChange.Equal : DbtTypeChange.Unknown;
            default:
                return DbtTypeChange.Equal;
        }
    }

    private static DbtTypeChange CompareAcrossFamilies(DbtType a, DbtType b)
    {
        switch (a.Family, b.Family)
        {
            case (DbtTypeFamily.Integer, DbtTypeFamily.Decimal):
                {
                    var digits = IntegerDigits(a.Size);
                    var room = b.Precision is null ? int.MaxValue : b.Precision.Value - (b.Scale ?? 0);
                    return room >= digits ? DbtTypeChange.Widened : DbtTypeChange.Changed;
                }

            case (DbtTypeFamily.Decimal, DbtTypeFamily.Integer):
                {
                    var digits = IntegerDigits(b.Size);
                    var need = a.Precision is null ? int.MaxValue : a.Precision.Value - (a.Scale ?? 0);
                    return (a.Scale ?? 0) == 0 && a.Precision is not null && need <= digits ? DbtTypeChange.Narrowed : DbtTypeChange.Changed;
                }

            case (DbtTypeFamily.Integer, DbtTypeFamily.Float):
                // A float holds integers exactly up to its mantissa: 24 bits (float32), 53 bits (float64).
                return a.Size <= (b.Size == 32 ? 16 : 32) ? DbtTypeChange.Widened : DbtTypeChange.Changed;
            case (DbtTypeFamily.Uuid, DbtTypeFamily.String):
                return b.Size is null || b.Size >= 36 ? DbtTypeChange.Widened : DbtTypeChange.Changed;
            case (DbtTypeFamily.String, DbtTypeFamily.Uuid):
                return a.Size is null || a.Size >= 36 ? DbtTypeChange.Narrowed : DbtTypeChange.Changed;
            default:
                return DbtTypeChange.Changed;
        }
    }

    private static int IntegerDigits(int? bits) => bits switch
    {
        <= 8 => 3,
        <= 16 => 5,
        <= 32 => 10,
        <= 64 => 19,
        _ => 39,
    };

    private static DbtTypeChange Order(int? a, int? b, bool nullIsUnbounded)
    {
        var x = a ?? (nullIsUnbounded ? int.MaxValue : 0);
        var y = b ?? (nullIsUnbounded ? int.MaxValue : 0);
        return x == y ? DbtTypeChange.Equal : y > x ? DbtTypeChange.Widened : DbtTypeChange.Narrowed;
    }

    private static DbtTypeChange CompareDecimals(DbtType a, DbtType b)
    {
        var oldScale = a.Precision is null ? int.MaxValue : a.Scale ?? 0;
        var newScale = b.Precision is null ? int.MaxValue : b.Scale ?? 0;
        var oldDigits = a.Precision is null ? int.MaxValue : a.Precision.Value - (a.Scale ?? 0);
        var newDigits = b.Precision is null ? int.MaxValue : b.Precision.Value - (b.Scale ?? 0);
        var scale = Math.Sign(newScale.CompareTo(oldScale));
        var digits = Math.Sign(newDigits.CompareTo(oldDigits));
        return (scale, digits) switch
        {
            (0, 0) => DbtTypeChange.Equal,
            ( >= 0, >= 0) => DbtTypeChange.Widened,
            ( <= 0, <= 0) => DbtTypeChange.Narrowed,
            _ => DbtTypeChange.Changed,
        };
    }

    private static DbtTypeChange CompareShapes(DbtType a, DbtType b, int depth)
    {
        if (!a.HasShape || !b.HasShape)
        {
            return a.HasShape == b.HasShape ? DbtTypeChange.Equal : a.HasShape ? DbtTypeChange.Widened : DbtTypeChange.Narrowed;
        }

        if (a.Elements.Count != b.Elements.Count)
        {
            return DbtTypeChange.Changed;
        }

        var result = DbtTypeChange.Equal;
        for (var i = 0; i < a.Elements.Count; i++)
        {
            var element = CompareAt(a.Elements[i], b.Elements[i], depth + 1);

            // Map keys must match exactly: a widened key type changes how lookups behave.
            if (a.Family == DbtTypeFamily.Map && i == 0 && element is DbtTypeChange.Widened or DbtTypeChange.Narrowed)
            {
                element = DbtTypeChange.Changed;
            }

            result = Combine(result, element);
        }

        return result;
    }

    private static DbtTypeChange CompareStructs(DbtType a, DbtType b, int depth)
    {
        if (!a.HasShape || !b.HasShape)
        {
            return a.HasShape == b.HasShape ? DbtTypeChange.Equal : a.HasShape ? DbtTypeChange.Widened : DbtTypeChange.Narrowed;
        }

        var newFields = new Dictionary<string, DbtType>(StringComparer.Ordinal);
        foreach (var (name, type) in b.Fields)
        {
            newFields.TryAdd(name, type);
        }

        var result = DbtTypeChange.Equal;
        var matched = 0;
        foreach (var (name, type) in a.Fields)
        {
            if (!newFields.TryGetValue(name, out var other))
            {
                return DbtTypeChange.Changed;
            }

            matched++;
            result = Combine(result, CompareAt(type, other, depth + 1));
        }

        // A struct that gained fields holds everything the old one did.
        return matched < newFields.Count ? Combine(result, DbtTypeChange.Widened) : result;
    }

    private static DbtTypeChange Combine(DbtTypeChange a, DbtTypeChange b)
    {
        if (a == DbtTypeChange.Unknown || b == DbtTypeChange.Unknown)
        {
            return DbtTypeChange.Unknown;
        }

        if (a == DbtTypeChange.Equal)
        {
            return b;
        }

        return b == DbtTypeChange.Equal || a == b ? a : DbtTypeChange.Changed;
    }

    private static DbtType UnknownOf(string text) => new() { Family = DbtTypeFamily.Unknown, Text = Normalize(text) };

    /// <summary>Lower case, one space between words, no spaces around punctuation.</summary>
    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace && (char.IsLetterOrDigit(c) || c == '_') && sb.Length > 0 && (char.IsLetterOrDigit(sb[^1]) || sb[^1] == '_'))
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i].ToLowerInvariant());
            }
            else if (c is '"' or '`')
            {
                // A quoted struct field name: keep it as one word.
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    tokens.Add("\u0000");
                    break;
                }

                tokens.Add(text[(i + 1)..end].ToLowerInvariant());
                i = end + 1;
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }

    private static bool IsWord(string token) => token.Length > 0 && (char.IsLetterOrDigit(token[0]) || token[0] == '_');

    /// <summary>Reads the token list; nesting is bounded by <see cref="MaxNesting"/>, so input cannot exhaust the stack.</summary>
    private sealed class TypeReader(List<string> tokens)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;

        private string? Peek => _position < tokens.Count ? tokens[_position] : null;

        public DbtType? ReadType(int depth)
        {
            if (depth > MaxNesting)
            {
                return null;
            }

            var words = new List<string>();
            while (Peek is { } word && IsWord(word))
            {
                words.Add(word);
                _position++;
            }

            var arguments = new List<string>();
            if (Peek == "(")
            {
                _position++;
                while (Peek is { } token && token != ")")
                {
                    if (token != ",")
                    {
                        arguments.Add(token);
                    }

                    _position++;
                }

                if (Peek != ")")
                {
                    return null;
                }

                _position++;
                while (Peek is { } word && IsWord(word))
                {
                    words.Add(word);
                    _position++;
                }
            }

            if (words.Count == 0)
            {
                return null;
            }

            var name = string.Join(' ', words);
            DbtType? type;
            if (Peek == "<")
            {
                _position++;
                type = ReadGeneric(name, depth);
                if (type is null || Peek != ">")
                {
                    return null;
                }

                _position++;
            }
            else
            {
                type = Simple(name, arguments) ?? new DbtType
                {
                    Family = DbtTypeFamily.Unknown,
                    Text = arguments.Count == 0 ? name : $"{name}({string.Join(",", arguments)})",
                };
            }

            while (type is not null && Peek == "[")
            {
                _position++;
                if (Peek != "]")
                {
                    return null;
                }

                _position++;
                type = new DbtType { Family = DbtTypeFamily.Array, Text = type.Text + "[]", Elements = [type], HasShape = true };
            }

            return type;
        }

        private DbtType? ReadGeneric(string name, int depth)
        {
            switch (name)
            {
                case "array":
                    {
                        var element = ReadType(depth + 1);
                        return element is null ? null : new DbtType
                        {
                            Family = DbtTypeFamily.Array,
                            Text = $"array<{element.Text}>",
                            Elements = [element],
                            HasShape = true,
                        };
                    }

                case "map":
                    {
                        var key = ReadType(depth + 1);
                        if (key is null || Peek != ",")
                        {
                            return null;
                        }

                        _position++;
                        var value = ReadType(depth + 1);
                        return value is null ? null : new DbtType
                        {
                            Family = DbtTypeFamily.Map,
                            Text = $"map<{key.Text},{value.Text}>",
                            Elements = [key, value],
                            HasShape = true,
                        };
                    }

                case "struct":
                    {
                        var fields = new List<KeyValuePair<string, DbtType>>();
                        while (Peek is { } fieldName && IsWord(fieldName))
                        {
                            _position++;
                            if (Peek == ":")
                            {
                                _position++;
                            }

                            var fieldType = ReadType(depth + 1);
                            if (fieldType is null)
                            {
                                return null;
                            }

                            fields.Add(new(fieldName, fieldType));
                            if (Peek != ",")
                            {
                                break;
                            }

                            _position++;
                        }

                        return new DbtType
                        {
                            Family = DbtTypeFamily.Struct,
                            Text = "struct<" + string.Join(",", fields.Select(f => f.Key + " " + f.Value.Text)) + ">",
                            Fields = fields,
                            HasShape = true,
                        };
                    }

                default:
                    return null;
            }
        }

        private static DbtType? Simple(string name, List<string> arguments)
        {
            var numbers = new List<int?>();
            foreach (var argument in arguments)
            {
                if (argument == "max")
                {
                    numbers.Add(null);
                }
                else if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    numbers.Add(n);
                }
                else
                {
                    return null;
                }
            }

            var text = numbers.Count == 0 ? name : $"{name}({string.Join(",", numbers.Select(n => n?.ToString(CultureInfo.InvariantCulture) ?? "max"))})";
            int? First() => numbers.Count > 0 ? numbers[0] : null;
            int? Second() => numbers.Count > 1 ? numbers[1] : null;
            DbtType Of(DbtTypeFamily family, int? size = null, int? precision = null, int? scale = null) =>
                new() { Family = family, Text = text, Size = size, Precision = precision, Scale = scale };
            DbtType? Sized(DbtTypeFamily family, int? size) => numbers.Count == 0 ? Of(family, size) : null;

            // Trailing time-zone words may follow the precision: timestamp(6) with time zone.
            switch (name)
            {
                case "tinyint" or "int1" or "byteint":
                    return Sized(DbtTypeFamily.Integer, 8);
                case "smallint" or "int2" or "int16" or "short" or "smallserial" or "serial2":
                    return Sized(DbtTypeFamily.Integer, 16);
                case "int" or "integer" or "int4" or "int32" or "mediumint" or "serial" or "serial4":
                    return Sized(DbtTypeFamily.Integer, 32);
                case "bigint" or "int8" or "int64" or "long" or "bigserial" or "serial8":
                    return Sized(DbtTypeFamily.Integer, 64);
                case "hugeint" or "int128":
                    return Sized(DbtTypeFamily.Integer, 128);
                case "real" or "float4" or "float32":
                    return Sized(DbtTypeFamily.Float, 32);
                case "float" or "float8" or "float64" or "double" or "double precision":
                    // float(p) with p ≤ 24 is single precision (SQL standard, PostgreSQL).
                    return numbers.Count switch
                    {
                        0 => Of(DbtTypeFamily.Float, 64),
                        1 when name == "float" && First() is { } p => Of(DbtTypeFamily.Float, p <= 24 ? 32 : 64),
                        _ => null,
                    };
                case "decimal" or "numeric" or "number" or "dec" or "bignumeric" or "bigdecimal":
                    return numbers.Count switch
                    {
                        0 => Of(DbtTypeFamily.Decimal),
                        1 or 2 when First() is not null => Of(DbtTypeFamily.Decimal, precision: First(), scale: Second() ?? 0),
                        _ => null,
                    };
                case "string" or "text" or "varchar" or "character varying" or "nvarchar" or "varchar2" or "nvarchar2"
                    or "citext" or "nchar varying" or "national character varying" or "tinytext" or "mediumtext" or "longtext":
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.String, First()) : null;
                case "char" or "character" or "nchar" or "bpchar" or "national character":
                    // A bare char is char(1) in the SQL standard.
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.String, numbers.Count == 0 ? 1 : First()) : null;
                case "boolean" or "bool" or "logical":
                    return Sized(DbtTypeFamily.Boolean, null);
                case "date":
                    return Sized(DbtTypeFamily.Date, null);
                case "time" or "time without time zone":
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.Time, precision: First()) : null;
                case "timetz" or "time with time zone":
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.TimeTz, precision: First()) : null;
                case "timestamp" or "datetime" or "datetime2" or "timestamp_ntz" or "timestamp without time zone" or "smalldatetime":
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.Timestamp, precision: First()) : null;
                case "timestamptz" or "timestamp with time zone" or "timestamp_tz" or "timestamp_ltz"
                    or "timestamp with local time zone" or "datetimeoffset":
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.TimestampTz, precision: First()) : null;
                case "object":
                    return Sized(DbtTypeFamily.Json, 1);
                case "json" or "jsonb" or "variant" or "super":
                    return Sized(DbtTypeFamily.Json, 2);
                case "uuid" or "uniqueidentifier":
                    return Sized(DbtTypeFamily.Uuid, null);
                case "bytea" or "binary" or "varbinary" or "blob" or "bytes" or "longblob":
                    return numbers.Count <= 1 ? Of(DbtTypeFamily.Binary, First()) : null;
                case "array":
                    return Sized(DbtTypeFamily.Array, null);
                case "map":
                    return Sized(DbtTypeFamily.Map, null);
                case "struct" or "record":
                    return Sized(DbtTypeFamily.Struct, null);
                case "geography":
                    return Of(DbtTypeFamily.Geography);
                case "geometry":
                    return Of(DbtTypeFamily.Geometry);
                default:
                    return name.StartsWith("interval", StringComparison.Ordinal) ? Of(DbtTypeFamily.Interval) : null;
            }
        }
    }
}
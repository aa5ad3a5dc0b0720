using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Tessera.Schemas.Text;

namespace Tessera.Schemas.Avro;

/// <summary>
/// Reads an <c>.avsc</c> document (JSON, or YAML for convenience) into the Avro model and validates it as the
/// Avro specification requires: names, duplicate definitions, unknown references, unions, defaults against their
/// types. Every error is a <see cref="SchemaParseException"/> with a JSON pointer to the offending place.
/// </summary>
internal sealed partial class AvroParser
{
    private readonly SchemaLimits _limits;
    private readonly string? _sourceName;
    private readonly Dictionary<string, AvroNamedSchema> _named = new(StringComparer.Ordinal);
    private readonly List<AvroNamedSchema> _definitionOrder = [];
    private readonly List<(AvroField Field, string Pointer)> _defaults = [];

    private AvroParser(SchemaLimits limits, string? sourceName)
    {
        _limits = limits;
        _sourceName = sourceName;
    }

    public static AvroDocument Parse(SchemaSource source, SchemaLimits limits)
    {
        var tree = StructuredText.Parse(source.Content, limits, source.Name);
        return Parse(source, tree, limits);
    }

    public static AvroDocument Parse(SchemaSource source, JsonNode tree, SchemaLimits limits)
    {
        var parser = new AvroParser(limits, source.DisplayName);
        var root = parser.ParseType(tree, "", "", 0);
        foreach (var (field, pointer) in parser._defaults)
        {
            parser.CheckDefault(field, pointer);
        }

        return new AvroDocument(source, root, parser._definitionOrder);
    }

    private AvroSchema ParseType(JsonNode? node, string pointer, string enclosingNamespace, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), _limits.MaxDepth, "The nesting depth of the Avro schema", At(pointer));
        }

        return node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => Reference(value.GetValue<string>(), pointer, enclosingNamespace),
            JsonArray array => ParseUnion(array, pointer, enclosingNamespace, depth),
            JsonObject obj => ParseObject(obj, pointer, enclosingNamespace, depth),
            null => throw Error("An Avro type must be a type name, an object or a union array, not null.", pointer),
            _ => throw Error($"An Avro type must be a type name, an object or a union array, not {node.ToJsonString()}.", pointer),
        };
    }

    private AvroSchema Reference(string name, string pointer, string enclosingNamespace)
    {
        if (AvroPrimitive.Names.Contains(name))
        {
            return new AvroPrimitive(name);
        }

        if (name.Length == 0)
        {
            throw Error("An Avro type name must not be empty.", pointer);
        }

        var qualified = name.Contains('.', StringComparison.Ordinal) || enclosingNamespace.Length == 0 ? name : enclosingNamespace + "." + name;
        if (_named.TryGetValue(qualified, out var named) || _named.TryGetValue(name, out named))
        {
            return named;
        }

        throw Error($"Unknown Avro type '{name}' (a named type must be defined before it is used).", pointer);
    }

    private AvroUnion ParseUnion(JsonArray array, string pointer, string enclosingNamespace, int depth)
    {
        if (array.Count == 0)
        {
            throw Error("Empty union: a union needs at least one branch.", pointer);
        }

        var branches = new List<AvroSchema>(array.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var branchPointer = pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
            if (array[i] is JsonArray)
            {
                throw Error("Nested union: a union may not directly contain another union.", branchPointer);
            }

            var branch = ParseType(array[i], branchPointer, enclosingNamespace, depth + 1);
            var key = branch is AvroNamedSchema named ? named.FullName : branch.Kind;
            if (!seen.Add(key))
            {
                throw Error($"The union has more than one '{key}' branch.", branchPointer);
            }

            branches.Add(branch);
        }

        return new AvroUnion(branches);
    }

    private AvroSchema ParseObject(JsonObject obj, string pointer, string enclosingNamespace, int depth)
    {
        if (!obj.TryGetPropertyValue("type", out var typeNode))
        {
            throw Error("Missing 'type': every Avro type object needs one.", pointer);
        }

        if (typeNode is JsonObject or JsonArray)
        {
            // A type object whose type is itself a type: accepted, the inner one is the type.
            return ParseType(typeNode, pointer + "/type", enclosingNamespace, depth + 1);
        }

        if (typeNode is not JsonValue typeValue || typeValue.GetValueKind() != JsonValueKind.String)
        {
            throw Error("'type' must be a string naming an Avro type.", pointer + "/type");
        }

        var type = typeValue.GetValue<string>();
        switch (type)
        {
            case "record" or "error":
                return ParseRecord(obj, type == "error", pointer, enclosingNamespace, depth);
            case "enum":
                return ParseEnum(obj, pointer, enclosingNamespace);
            case "fixed":
                return ParseFixed(obj, pointer, enclosingNamespace);
            case "array":
                if (!obj.TryGetPropertyValue("items", out var items))
                {
                    throw Error("An array needs 'items'.", pointer);
                }

                return new AvroArray(ParseType(items, pointer + "/items", enclosingNamespace, depth + 1));
            case "map":
                if (!obj.TryGetPropertyValue("values", out var values))
                {
                    throw Error("A map needs 'values'.", pointer);
                }

                return new AvroMap(ParseType(values, pointer + "/values", enclosingNamespace, depth + 1));
            default:
                if (AvroPrimitive.Names.Contains(type))
                {
                    return new AvroPrimitive(type) { LogicalType = ReadLogicalType(obj, type, null) };
                }

                return Reference(type, pointer + "/type", enclosingNamespace);
        }
    }

    private AvroRecord ParseRecord(JsonObject obj, bool isError, string pointer, string enclosingNamespace, int depth)
    {
        var (fullName, ns) = DefinitionName(obj, pointer, enclosingNamespace, "A record");
        if (!obj.TryGetPropertyValue("fields", out var fieldsNode) || fieldsNode is not JsonArray fields)
        {
            throw Error($"The record '{fullName}' needs a 'fields' list.", pointer);
        }

        var record = new AvroRecord(fullName, Aliases(obj, pointer, ns), Doc(obj, pointer), isError);
        Register(record, pointer);
        var parsed = new List<AvroField>(fields.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var fieldPointer = pointer + "/fields/" + i.ToString(CultureInfo.InvariantCulture);
            if (fields[i] is not JsonObject fieldObj)
            {
                throw Error($"A field of '{fullName}' must be an object with 'name' and 'type'.", fieldPointer);
            }

            var name = RequiredString(fieldObj, "name", fieldPointer, $"A field of '{fullName}' needs a 'name'.");
            CheckName(name, fieldPointer + "/name", "field name");
            if (!names.Add(name))
            {
                throw Error($"The record '{fullName}' has two fields named '{name}'.", fieldPointer + "/name");
            }

            if (!fieldObj.TryGetPropertyValue("type", out var fieldTypeNode))
            {
                throw Error($"The field '{fullName}.{name}' needs a 'type'.", fieldPointer);
            }

            var fieldType = ParseType(fieldTypeNode, fieldPointer + "/type", ns, depth + 1);
            if (fieldType is AvroPrimitive primitive && primitive.LogicalType is null && fieldTypeNode is JsonValue
                && ReadLogicalType(fieldObj, primitive.Kind, null) is { } fieldLogical)
            {
                // A logicalType written on the field next to a primitive type name: the specification ignores it,
                // but producers that write it mean it, so it is applied to the field's type.
                fieldType = new AvroPrimitive(primitive.Kind) { LogicalType = fieldLogical };
            }

            var hasDefault = fieldObj.TryGetPropertyValue("default", out var defaultNode);
            var order = OptionalString(fieldObj, "order", fieldPointer) ?? "ascending";
            if (order is not ("ascending" or "descending" or "ignore"))
            {
                throw Error($"'order' must be ascending, descending or ignore, not '{order}'.", fieldPointer + "/order");
            }

            var aliases = StringList(fieldObj, "aliases", fieldPointer);
            foreach (var alias in aliases)
            {
                CheckName(alias, fieldPointer + "/aliases", "field alias");
            }

            var field = new AvroField(name, fieldType, defaultNode?.DeepClone(), hasDefault, aliases, Doc(fieldObj, fieldPointer), order);
            if (hasDefault)
            {
                _defaults.Add((field, fieldPointer + "/default"));
            }

            parsed.Add(field);
        }

        // A reader field's alias must point at one field only: no alias may repeat a field name or another alias.
        var taken = new HashSet<string>(parsed.Select(f => f.Name), StringComparer.Ordinal);
        for (var i = 0; i < parsed.Count; i++)
        {
            foreach (var alias in parsed[i].Aliases)
            {
                if (!taken.Add(alias))
                {
                    throw Error($"The alias '{alias}' of field '{parsed[i].Name}' repeats another field's name or alias in '{fullName}'.",
                        pointer + "/fields/" + i.ToString(CultureInfo.InvariantCulture) + "/aliases");
                }
            }
        }

        record.Fields = parsed;
        return record;
    }

    private AvroEnum ParseEnum(JsonObject obj, string pointer, string enclosingNamespace)
    {
        var (fullName, ns) = DefinitionName(obj, pointer, enclosingNamespace, "An enum");
        if (!obj.TryGetPropertyValue("symbols", out var symbolsNode) || symbolsNode is not JsonArray symbolsArray)
        {
            throw Error($"The enum '{fullName}' needs a 'symbols' list.", pointer);
        }

        if (symbolsArray.Count == 0)
        {
            throw Error($"The enum '{fullName}' has no symbols.", pointer + "/symbols");
        }

        var symbols = new List<string>(symbolsArray.Count);
        for (var i = 0; i < symbolsArray.Count; i++)
        {
            var symbolPointer = pointer + "/symbols/" + i.ToString(CultureInfo.InvariantCulture);
            if (symbolsArray[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw Error($"The symbols of enum '{fullName}' must be strings.", symbolPointer);
            }

            var symbol = v.GetValue<string>();
            CheckName(symbol, symbolPointer, "enum symbol");
            if (symbols.Contains(symbol, StringComparer.Ordinal))
            {
                throw Error($"The enum '{fullName}' lists the symbol '{symbol}' twice.", symbolPointer);
            }

            symbols.Add(symbol);
        }

        var defaultSymbol = OptionalString(obj, "default", pointer);
        if (defaultSymbol is not null && !symbols.Contains(defaultSymbol, StringComparer.Ordinal))
        {
            throw Error($"The default '{defaultSymbol}' of enum '{fullName}' is not one of its symbols.", pointer + "/default");
        }

        var result = new AvroEnum(fullName, Aliases(obj, pointer, ns), Doc(obj, pointer), symbols, defaultSymbol);
        Register(result, pointer);
        return result;
    }

    private AvroFixed ParseFixed(JsonObject obj, string pointer, string enclosingNamespace)
    {
        var (fullName, ns) = DefinitionName(obj, pointer, enclosingNamespace, "A fixed type");
        if (!obj.TryGetPropertyValue("size", out var sizeNode) || ToLong(sizeNode) is not { } size)
        {
            throw Error($"The fixed type '{fullName}' needs an integer 'size'.", pointer);
        }

        if (size is < 0 or > int.MaxValue)
        {
            throw Error($"The size of fixed type '{fullName}' must be between 0 and {int.MaxValue}, not {size}.", pointer + "/size");
        }

        var result = new AvroFixed(fullName, Aliases(obj, pointer, ns), Doc(obj, pointer), (int)size)
        {
            LogicalType = ReadLogicalType(obj, "fixed", (int)size),
        };
        Register(result, pointer);
        return result;
    }

    /// <summary>
    /// The logical type a type object declares, when valid for its physical type. Per the specification an
    /// invalid logical type (wrong base type, bad precision) is ignored; an unknown one is kept by name.
    /// </summary>
    private static AvroLogicalType? ReadLogicalType(JsonObject obj, string physical, int? fixedSize)
    {
        if (!obj.TryGetPropertyValue("logicalType", out var node) || node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var name = v.GetValue<string>();
        var valid = name switch
        {
            "decimal" => physical is "bytes" or "fixed",
            "uuid" => physical == "string" || (physical == "fixed" && fixedSize == 16),
            "date" or "time-millis" => physical == "int",
            "time-micros" or "timestamp-millis" or "timestamp-micros" or "timestamp-nanos"
                or "local-timestamp-millis" or "local-timestamp-micros" or "local-timestamp-nanos" => physical == "long",
            "duration" => physical == "fixed" && fixedSize == 12,
            _ => true,
        };
        if (!valid)
        {
            return null;
        }

        if (name != "decimal")
        {
            return new AvroLogicalType(name);
        }

        var precision = obj.TryGetPropertyValue("precision", out var p) ? ToLong(p) : null;
        var scale = obj.TryGetPropertyValue("scale", out var s) ? ToLong(s) : 0;
        if (precision is not { } pr || pr < 1 || scale is not { } sc || sc < 0 || sc > pr)
        {
            return null;
        }

        if (fixedSize is { } bytes && pr > MaxDecimalDigits(bytes))
        {
            return null;
        }

        return new AvroLogicalType(name, (int)pr, (int)sc);
    }

    private static long MaxDecimalDigits(int bytes) =>
        bytes <= 0 ? 0 : (long)Math.Floor(Math.Log10(Math.Pow(2, (8.0 * bytes) - 1) - 1));

    private (string FullName, string Namespace) DefinitionName(JsonObject obj, string pointer, string enclosingNamespace, string what)
    {
        var name = RequiredString(obj, "name", pointer, $"{what} needs a 'name'.");
        string fullName;
        if (name.Contains('.', StringComparison.Ordinal))
        {
            fullName = name;
        }
        else
        {
            var ns = obj.TryGetPropertyValue("namespace", out var nsNode) && nsNode is not null
                ? (nsNode is JsonValue nv && nv.GetValueKind() == JsonValueKind.String ? nv.GetValue<string>() : throw Error("'namespace' must be a string.", pointer + "/namespace"))
                : enclosingNamespace;
            if (ns.Length > 0)
            {
                CheckFullName(ns, pointer + "/namespace", "namespace");
            }

            fullName = ns.Length == 0 ? name : ns + "." + name;
        }

        CheckFullName(fullName, pointer + "/name", "type name");
        var shortName = fullName[(fullName.LastIndexOf('.') + 1)..];
        if (AvroPrimitive.Names.Contains(shortName))
        {
            throw Error($"'{shortName}' is a primitive type and cannot be used as the name of a named type.", pointer + "/name");
        }

        var dot = fullName.LastIndexOf('.');
        return (fullName, dot < 0 ? "" : fullName[..dot]);
    }

    private void Register(AvroNamedSchema named, string pointer)
    {
        if (!_named.TryAdd(named.FullName, named))
        {
            throw Error($"The named type '{named.FullName}' is defined twice.", pointer + "/name");
        }

        _definitionOrder.Add(named);
    }

    private List<string> Aliases(JsonObject obj, string pointer, string ns)
    {
        var result = new List<string>();
        foreach (var alias in StringList(obj, "aliases", pointer))
        {
            CheckFullName(alias, pointer + "/aliases", "alias");
            result.Add(alias.Contains('.', StringComparison.Ordinal) || ns.Length == 0 ? alias : ns + "." + alias);
        }

        return result;
    }

    private List<string> StringList(JsonObject obj, string key, string pointer)
    {
        if (!obj.TryGetPropertyValue(key, out var node) || node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw Error($"'{key}' must be a list of strings.", pointer + "/" + key);
        }

        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw Error($"'{key}' must be a list of strings.", pointer + "/" + key);
            }

            result.Add(v.GetValue<string>());
        }

        return result;
    }

    private string? Doc(JsonObject obj, string pointer) => OptionalString(obj, "doc", pointer);

    private string? OptionalString(JsonObject obj, string key, string pointer)
    {
        if (!obj.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw Error($"'{key}' must be a string.", pointer + "/" + key);
    }

    private string RequiredString(JsonObject obj, string key, string pointer, string missing)
    {
        if (!obj.TryGetPropertyValue(key, out var node) || node is null)
        {
            throw Error(missing, pointer);
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw Error($"'{key}' must be a string.", pointer + "/" + key);
    }

    private void CheckName(string name, string pointer, string what)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw Error($"'{name}' is not a valid Avro {what}: it must start with a letter or '_' and contain only letters, digits and '_'.", pointer);
        }
    }

    private void CheckFullName(string name, string pointer, string what)
    {
        if (!FullNamePattern().IsMatch(name))
        {
            throw Error($"'{name}' is not a valid Avro {what}: dot-separated parts must start with a letter or '_' and contain only letters, digits and '_'.", pointer);
        }
    }

    private void CheckDefault(AvroField field, string pointer)
    {
        if (DefaultMismatch(field.Type, field.Default, 0) is { } problem)
        {
            var unionNote = field.Type is AvroUnion union
                ? $" (the default of a union must match its first branch, '{Describe(union.Branches[0])}')"
                : "";
            throw Error($"The default of field '{field.Name}' does not match its type '{Describe(field.Type)}'{unionNote}: {problem}", pointer);
        }
    }

    /// <summary>Why <paramref name="value"/> is not a valid default for <paramref name="type"/>, or null when it is.</summary>
    private string? DefaultMismatch(AvroSchema type, JsonNode? value, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            return "the default is nested too deeply";
        }

        var kind = value switch
        {
            null => JsonValueKind.Null,
            JsonObject => JsonValueKind.Object,
            JsonArray => JsonValueKind.Array,
            _ => value.GetValueKind(),
        };
        var shown = value is null ? "null" : Shorten(value.ToJsonString());
        switch (type)
        {
            case AvroUnion union:
                return DefaultMismatch(union.Branches[0], value, depth + 1);
            case AvroPrimitive primitive:
                var ok = primitive.Kind switch
                {
                    "null" => kind == JsonValueKind.Null,
                    "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
                    "int" => kind == JsonValueKind.Number && ToLong(value) is >= int.MinValue and <= int.MaxValue,
                    "long" => kind == JsonValueKind.Number && ToLong(value) is not null,
                    "float" or "double" => kind == JsonValueKind.Number
                        || (kind == JsonValueKind.String && value!.GetValue<string>() is "NaN" or "Infinity" or "-Infinity"),
                    _ => kind == JsonValueKind.String,
                };
                return ok ? null : $"{shown} is not a valid {primitive.Kind}.";
            case AvroFixed:
                return kind == JsonValueKind.String ? null : $"{shown} is not a string of bytes.";
            case AvroEnum enumType:
                return kind == JsonValueKind.String && enumType.Symbols.Contains(value!.GetValue<string>(), StringComparer.Ordinal)
                    ? null
                    : $"{shown} is not a symbol of '{enumType.FullName}'.";
            case AvroArray array:
                if (value is not JsonArray items)
                {
                    return $"{shown} is not an array.";
                }

                foreach (var item in items)
                {
                    if (DefaultMismatch(array.Items, item, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case AvroMap map:
                if (value is not JsonObject entries)
                {
                    return $"{shown} is not an object.";
                }

                foreach (var (_, entry) in entries)
                {
                    if (DefaultMismatch(map.Values, entry, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case AvroRecord record:
                if (value is not JsonObject fields)
                {
                    return $"{shown} is not an object for record '{record.FullName}'.";
                }

                foreach (var field in record.Fields)
                {
                    if (fields.TryGetPropertyValue(field.Name, out var fieldValue))
                    {
                        if (DefaultMismatch(field.Type, fieldValue, depth + 1) is { } problem)
                        {
                            return problem;
                        }
                    }
                    else if (!field.HasDefault)
                    {
                        return $"the value for record '{record.FullName}' lacks the field '{field.Name}', which has no default.";
                    }
                }

                return null;
            default:
                return $"{shown} cannot be checked.";
        }
    }

    internal static string Describe(AvroSchema type) => type switch
    {
        AvroNamedSchema named => named.FullName,
        AvroArray array => $"array<{Describe(array.Items)}>",
        AvroMap map => $"map<{Describe(map.Values)}>",
        AvroUnion union => "[" + string.Join(", ", union.Branches.Select(Describe)) + "]",
        _ => type.LogicalType is { } logical ? $"{type.Kind}({logical})" : type.Kind,
    };

    internal static long? ToLong(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        return long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private SourceLocation At(string pointer) => new(_sourceName, Pointer: pointer.Length == 0 ? "/" : pointer);

    private SchemaParseException Error(string message, string pointer) => new(message, At(pointer));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex FullNamePattern();
}
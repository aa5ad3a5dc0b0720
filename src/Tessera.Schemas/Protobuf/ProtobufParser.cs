using System.Globalization;

using Google.Protobuf.Reflection;

using ProtoBuf.Reflection;

namespace Tessera.Schemas.Protobuf;

/// <summary>
/// Reads <c>.proto</c> text (with its imports) through protobuf-net.Reflection into a <see cref="ProtobufDocument"/>.
/// Imports resolve from <see cref="SchemaSource.Imports"/>; <c>google/protobuf/*.proto</c> and the other files the
/// library bundles resolve from the library when the user did not supply them.
/// </summary>
internal static class ProtobufParser
{
    public static ProtobufDocument Parse(SchemaSource source, SchemaLimits limits)
    {
        var mainName = MainFileName(source);
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, content) in source.ImportFiles)
        {
            imports[NormalizePath(path)] = content;
        }

        // The library's parser recurses once per nesting level: refuse deep text before it sees it.
        CheckNesting(source.Content, mainName, limits);
        foreach (var (path, content) in imports)
        {
            CheckNesting(content, path, limits);
        }

        var fileSystem = new ImportFileSystem(imports);
        var set = new FileDescriptorSet { FileSystem = fileSystem };
        set.AddImportPath("");
        try
        {
            set.Add(mainName, true, new StringReader(source.Content));
            set.Process();
        }
        catch (Exception ex) when (ex is not SchemaParseException and not OutOfMemoryException)
        {
            throw new SchemaParseException($"Cannot read the .proto file: {ex.Message}", new SourceLocation(mainName), ex);
        }

        var errors = set.GetErrors().Where(e => e.IsError).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count > 2 ? "s" : "")})" : "";
            var file = string.IsNullOrEmpty(first.File) ? mainName : first.File;
            throw new SchemaParseException(first.Message + more,
                new SourceLocation(file, first.LineNumber > 0 ? first.LineNumber : null, first.LineNumber > 0 ? first.ColumnNumber : null));
        }

        var main = set.Files.Single(f => f.Name == mainName);
        return Build(source, set, main, fileSystem, limits);
    }

    private static string MainFileName(SchemaSource source)
    {
        var name = Path.GetFileName(source.Name ?? "");
        if (string.IsNullOrWhiteSpace(name) || name.Contains("..", StringComparison.Ordinal))
        {
            name = "input.proto";
        }

        return name;
    }

    internal static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }

    /// <summary>
    /// Rejects text whose brackets nest deeper than <see cref="SchemaLimits.MaxDepth"/>, skipping comments and strings,
    /// and text whose blocks hold more declarations than protobuf-net parses in reasonable time: it checks each new
    /// member of a block against the earlier ones, so one block may hold at most
    /// <see cref="SchemaLimits.MaxMembersPerType"/> and the whole file at most the cost of four such blocks.
    /// </summary>
    internal static void CheckNesting(string text, string file, SchemaLimits limits)
    {
        var depth = 0;
        var members = new Stack<long>();
        members.Push(0);
        long cost = 0;
        var budget = 4L * limits.MaxMembersPerType * limits.MaxMembersPerType;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    lineStart = i + 1;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    i += 2;
                    while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                    {
                        if (text[i] == '\n')
                        {
                            line++;
                            lineStart = i + 1;
                        }

                        i++;
                    }

                    i++;
                    break;
                case '"' or '\'':
                    i++;
                    while (i < text.Length && text[i] != c && text[i] != '\n')
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }

                        i++;
                    }

                    if (i < text.Length && text[i] == '\n')
                    {
                        i--; // an unterminated string: let the line break be counted
                    }

                    break;
                case ';':
                    CountMember(members, ref cost, budget, limits, new SourceLocation(file, line, i - lineStart + 1));
                    break;
                case '{' or '<' or '[' or '(':
                    members.Push(0);
                    depth++;
                    if (depth > limits.MaxDepth)
                    {
                        throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), limits.MaxDepth, "The nesting of messages and braces",
                            new SourceLocation(file, line, i - lineStart + 1));
                    }

                    break;
                case '}' or '>' or ']' or ')':
                    if (members.Count > 1)
                    {
                        members.Pop();
                        CountMember(members, ref cost, budget, limits, new SourceLocation(file, line, i - lineStart + 1));
                    }

                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Counts one declaration in the innermost open block; a block of n declarations costs n².</summary>
    private static void CountMember(Stack<long> members, ref long cost, long budget, SchemaLimits limits, SourceLocation location)
    {
        var count = members.Pop() + 1;
        members.Push(count);
        cost += (2 * count) - 1;
        if (count > limits.MaxMembersPerType || cost > budget)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxMembersPerType), limits.MaxMembersPerType,
                count > limits.MaxMembersPerType
                    ? "The number of declarations in one message, enum, service or file"
                    : "The declarations of all messages, enums and services together (each block counts the square of its size, up to four full blocks)",
                location);
        }
    }

    private static ProtobufDocument Build(SchemaSource source, FileDescriptorSet set, FileDescriptorProto main,
        ImportFileSystem fileSystem, SchemaLimits limits)
    {
        var messages = new SortedDictionary<string, ProtoMessage>(StringComparer.Ordinal);
        var enums = new SortedDictionary<string, ProtoEnum>(StringComparer.Ordinal);
        var services = new SortedDictionary<string, ProtoService>(StringComparer.Ordinal);
        var extensions = new List<ProtoField>();

        // Map entry types first: a map field needs its entry's key and value.
        var raw = new Dictionary<string, (DescriptorProto Message, FileDescriptorProto File)>(StringComparer.Ordinal);
        foreach (var file in set.Files)
        {
            var stack = new Stack<(DescriptorProto Message, string Prefix)>();
            foreach (var message in file.MessageTypes)
            {
                stack.Push((message, Prefix(file.Package)));
            }

            while (stack.Count > 0)
            {
                var (message, prefix) = stack.Pop();
                var fullName = prefix + message.Name;
                raw[fullName] = (message, file);
                foreach (var nested in message.NestedTypes)
                {
                    stack.Push((nested, fullName + "."));
                }
            }
        }

        foreach (var file in set.Files)
        {
            var isLibrary = file != main && !fileSystem.Served.Contains(NormalizePath(file.Name));
            var syntax = SyntaxOf(file);
            var stack = new Stack<(DescriptorProto Message, string? Parent, int Depth)>();
            foreach (var message in file.MessageTypes)
            {
                stack.Push((message, null, 1));
            }

            foreach (var en in file.EnumTypes)
            {
                AddEnum(enums, en, Prefix(file.Package), null, file, isLibrary);
            }

            while (stack.Count > 0)
            {
                var (message, parent, depth) = stack.Pop();
                if (depth > limits.MaxDepth)
                {
                    throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), limits.MaxDepth, "The nesting of messages",
                        new SourceLocation(file.Name));
                }

                var fullName = (parent is null ? Prefix(file.Package) : parent + ".") + message.Name;
                messages[fullName] = BuildMessage(message, fullName, parent, file, syntax, isLibrary, raw);
                foreach (var nested in message.NestedTypes)
                {
                    stack.Push((nested, fullName, depth + 1));
                }

                foreach (var en in message.EnumTypes)
                {
                    AddEnum(enums, en, fullName + ".", fullName, file, isLibrary);
                }

                foreach (var extension in message.Extensions)
                {
                    if (!isLibrary)
                    {
                        extensions.Add(BuildExtension(extension, fullName, file, syntax, raw));
                    }
                }
            }

            if (isLibrary)
            {
                continue;
            }

            foreach (var extension in file.Extensions)
            {
                extensions.Add(BuildExtension(extension, file.Package ?? "", file, syntax, raw));
            }

            foreach (var service in file.Services)
            {
                var serviceName = Prefix(file.Package) + service.Name;
                services[serviceName] = new ProtoService
                {
                    FullName = serviceName,
                    Name = service.Name,
                    Package = file.Package ?? "",
                    File = file.Name,
                    Methods = [.. service.Methods.Select(m => new ProtoMethod(m.Name, TrimDot(m.InputType), TrimDot(m.OutputType), m.ClientStreaming, m.ServerStreaming))],
                };
            }
        }

        extensions.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Extendee, b.Extendee);
            return c != 0 ? c : a.Number.CompareTo(b.Number);
        });
        return new ProtobufDocument(source, main.Name, main.Package ?? "", SyntaxOf(main), messages, enums, services, extensions);
    }

    private static string Prefix(string? package) => string.IsNullOrEmpty(package) ? "" : package + ".";

    internal static string TrimDot(string? name) => name is null ? "" : name.TrimStart('.');

    private static string SyntaxOf(FileDescriptorProto file) =>
        file.Syntax switch
        {
            "proto3" => "proto3",
            "editions" => "edition " + EditionNumber(file.Edition),
            _ => "proto2",
        };

    private static string EditionNumber(Edition edition)
    {
        var text = edition.ToString();
        return text.StartsWith("Edition", StringComparison.Ordinal) ? text["Edition".Length..] : text;
    }

    private static ProtoMessage BuildMessage(DescriptorProto message, string fullName, string? parent, FileDescriptorProto file,
        string syntax, bool isLibrary, Dictionary<string, (DescriptorProto Message, FileDescriptorProto File)> raw)
    {
        var oneofNames = message.OneofDecls.Select(o => o.Name).ToList();
        var fields = new SortedDictionary<int, ProtoField>();
        foreach (var field in message.Fields)
        {
            string? oneof = null;
            if (field.ShouldSerializeOneofIndex() && !field.Proto3Optional && field.OneofIndex >= 0 && field.OneofIndex < oneofNames.Count)
            {
                oneof = oneofNames[field.OneofIndex];
            }

            fields[field.Number] = BuildField(field, file, syntax, oneof, raw, message);
        }

        var realOneofs = message.Fields.Where(f => f.ShouldSerializeOneofIndex() && !f.Proto3Optional)
            .Select(f => f.OneofIndex).Distinct().Order()
            .Where(i => i >= 0 && i < oneofNames.Count).Select(i => oneofNames[i]).ToList();
        return new ProtoMessage
        {
            FullName = fullName,
            Name = message.Name,
            Parent = parent,
            File = file.Name,
            Syntax = syntax,
            IsMapEntry = message.Options?.MapEntry == true,
            IsLibrary = isLibrary,
            Fields = fields,
            Oneofs = realOneofs,
            ReservedRanges = Normalize(message.ReservedRanges.Select(r => new ProtoRange(r.Start, r.End - 1))),
            ReservedNames = new SortedSet<string>(message.ReservedNames, StringComparer.Ordinal),
            ExtensionRanges = Normalize(message.ExtensionRanges.Select(r => new ProtoRange(r.Start, r.End - 1))),
        };
    }

    private static ProtoField BuildExtension(FieldDescriptorProto field, string scope, FileDescriptorProto file, string syntax,
        Dictionary<string, (DescriptorProto Message, FileDescriptorProto File)> raw) =>
        BuildField(field, file, syntax, null, raw, null) with
        {
            Extendee = TrimDot(field.Extendee),
            FullName = (string.IsNullOrEmpty(scope) ? "" : scope + ".") + field.Name,
        };

    private static ProtoField BuildField(FieldDescriptorProto field, FileDescriptorProto file, string syntax, string? oneof,
        Dictionary<string, (DescriptorProto Message, FileDescriptorProto File)> raw, DescriptorProto? owner)
    {
        var kind = KindOf(field.type);
        var typeName = kind is "message" or "enum" or "group" ? TrimDot(field.TypeName) : null;
        var cardinality = field.label switch
        {
            FieldDescriptorProto.Label.LabelRepeated => ProtoCardinality.Repeated,
            FieldDescriptorProto.Label.LabelRequired => ProtoCardinality.Required,
            _ => ProtoCardinality.Singular,
        };

        var presence = EditionPresence(field, owner, file);
        if (presence == FeatureSet.FieldPresence.LegacyRequired && cardinality == ProtoCardinality.Singular)
        {
            cardinality = ProtoCardinality.Required;
        }

        ProtoField? key = null;
        ProtoField? value = null;
        if (cardinality == ProtoCardinality.Repeated && typeName is not null && raw.TryGetValue(typeName, out var entry)
            && entry.Message.Options?.MapEntry == true)
        {
            cardinality = ProtoCardinality.Map;
            var k = entry.Message.Fields.FirstOrDefault(f => f.Number == 1);
            var v = entry.Message.Fields.FirstOrDefault(f => f.Number == 2);
            key = k is null ? null : BuildField(k, entry.File, syntax, null, raw, entry.Message);
            value = v is null ? null : BuildField(v, entry.File, syntax, null, raw, entry.Message);
        }

        var explicitPresence = cardinality == ProtoCardinality.Singular && (
            kind is "message" or "group" || oneof is not null || field.Proto3Optional
            || (syntax == "proto2")
            || (syntax.StartsWith("edition", StringComparison.Ordinal) && presence != FeatureSet.FieldPresence.Implicit));

        return new ProtoField
        {
            Name = field.Name,
            Number = field.Number,
            JsonName = string.IsNullOrEmpty(field.JsonName) ? LowerCamel(field.Name) : field.JsonName,
            Kind = kind,
            TypeName = typeName,
            Cardinality = cardinality,
            ExplicitPresence = explicitPresence,
            Oneof = oneof,
            DefaultValue = string.IsNullOrEmpty(field.DefaultValue) ? null : field.DefaultValue,
            MapKey = key,
            MapValue = value,
        };
    }

    private static FeatureSet.FieldPresence EditionPresence(FieldDescriptorProto field, DescriptorProto? owner, FileDescriptorProto file)
    {
        var own = field.Options?.Features?.field_presence ?? default;
        if (own != default)
        {
            return own;
        }

        var fromMessage = owner?.Options?.Features?.field_presence ?? default;
        return fromMessage != default ? fromMessage : file.Options?.Features?.field_presence ?? default;
    }

    private static void AddEnum(SortedDictionary<string, ProtoEnum> enums, EnumDescriptorProto en, string prefix, string? parent,
        FileDescriptorProto file, bool isLibrary)
    {
        var syntax = SyntaxOf(file);
        var enumType = en.Options?.Features?.enum_type ?? default;
        if (enumType == default)
        {
            enumType = file.Options?.Features?.enum_type ?? default;
        }

        var closed = enumType != default ? enumType == FeatureSet.EnumType.Closed : syntax == "proto2";
        enums[prefix + en.Name] = new ProtoEnum
        {
            FullName = prefix + en.Name,
            Parent = parent,
            File = file.Name,
            IsLibrary = isLibrary,
            Closed = closed,
            Values = [.. en.Values.Select(v => new ProtoEnumValue(v.Name, v.Number))],
            ReservedRanges = Normalize(en.ReservedRanges.Select(r => new ProtoRange(r.Start, r.End))),
            ReservedNames = new SortedSet<string>(en.ReservedNames, StringComparer.Ordinal),
        };
    }

    /// <summary>Sorted, merged ranges.</summary>
    internal static IReadOnlyList<ProtoRange> Normalize(IEnumerable<ProtoRange> ranges)
    {
        var merged = new List<ProtoRange>();
        foreach (var range in ranges.OrderBy(r => r.Start).ThenBy(r => r.End))
        {
            if (merged.Count > 0 && (long)range.Start <= (long)merged[^1].End + 1)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, range.End) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    internal static string KindOf(FieldDescriptorProto.Type type) => type switch
    {
        FieldDescriptorProto.Type.TypeDouble => "double",
        FieldDescriptorProto.Type.TypeFloat => "float",
        FieldDescriptorProto.Type.TypeInt64 => "int64",
        FieldDescriptorProto.Type.TypeUint64 => "uint64",
        FieldDescriptorProto.Type.TypeInt32 => "int32",
        FieldDescriptorProto.Type.TypeFixed64 => "fixed64",
        FieldDescriptorProto.Type.TypeFixed32 => "fixed32",
        FieldDescriptorProto.Type.TypeBool => "bool",
        FieldDescriptorProto.Type.TypeString => "string",
        FieldDescriptorProto.Type.TypeGroup => "group",
        FieldDescriptorProto.Type.TypeMessage => "message",
        FieldDescriptorProto.Type.TypeBytes => "bytes",
        FieldDescriptorProto.Type.TypeUint32 => "uint32",
        FieldDescriptorProto.Type.TypeEnum => "enum",
        FieldDescriptorProto.Type.TypeSfixed32 => "sfixed32",
        FieldDescriptorProto.Type.TypeSfixed64 => "sfixed64",
        FieldDescriptorProto.Type.TypeSint32 => "sint32",
        FieldDescriptorProto.Type.TypeSint64 => "sint64",
        _ => "type" + ((int)type).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>protoc's default JSON name: underscores dropped, the following letter upper-cased.</summary>
    internal static string LowerCamel(string name)
    {
        var chars = new System.Text.StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '_')
            {
                upper = true;
            }
            else
            {
                chars.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
        }

        return chars.ToString();
    }

    /// <summary>Serves the user's import files from memory and remembers which it served.</summary>
    private sealed class ImportFileSystem(IReadOnlyDictionary<string, string> files) : IFileSystem
    {
        public HashSet<string> Served { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Exists(string path) => files.ContainsKey(NormalizePath(path));

        public TextReader OpenText(string path)
        {
            var key = NormalizePath(path);
            Served.Add(key);
            return new StringReader(files[key]);
        }
    }
}
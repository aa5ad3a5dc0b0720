using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Tessera.Schemas.Text;

/// <summary>
/// Reads JSON or YAML into a <see cref="JsonNode"/> tree within <see cref="SchemaLimits"/>: size, depth,
/// node count (YAML alias expansions included, so an alias bomb stops before it allocates) and alias count.
/// </summary>
public static class StructuredText
{
    /// <summary>True when the text looks like JSON (first non-blank character is <c>{</c> or <c>[</c>).</summary>
    public static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    /// <summary>Parses JSON or YAML. Throws <see cref="SchemaParseException"/> with the line and column on error.</summary>
    public static JsonNode Parse(string text, SchemaLimits limits, string? sourceName = null)
    {
        CheckSize(text, limits, sourceName);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SchemaParseException("The document is empty.", new SourceLocation(sourceName));
        }

        return LooksLikeJson(text) ? ParseJson(text, limits, sourceName) : ParseYaml(text, limits, sourceName);
    }

    public static void CheckSize(string text, SchemaLimits limits, string? sourceName)
    {
        if (text.Length > limits.MaxInputChars)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxInputChars), limits.MaxInputChars,
                $"The document ({text.Length:N0} characters)", new SourceLocation(sourceName));
        }
    }

    public static JsonNode ParseJson(string text, SchemaLimits limits, string? sourceName = null)
    {
        CheckSize(text, limits, sourceName);
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions
            {
                MaxDepth = limits.MaxDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
            });
            if (node is null)
            {
                throw new SchemaParseException("The document is JSON null, not an object.", new SourceLocation(sourceName));
            }

            CountNodes(node, limits, sourceName);
            return node;
        }
        catch (JsonException ex) when (ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), limits.MaxDepth, "The nesting depth",
                new SourceLocation(sourceName, (int?)(ex.LineNumber + 1), (int?)(ex.BytePositionInLine + 1)));
        }
        catch (JsonException ex)
        {
            throw new SchemaParseException($"Invalid JSON: {FirstSentence(ex.Message)}",
                new SourceLocation(sourceName, (int?)(ex.LineNumber + 1), (int?)(ex.BytePositionInLine + 1)), ex);
        }
        catch (ArgumentException ex)
        {
            // Duplicate property names surface as ArgumentException from JsonObject.
            throw new SchemaParseException($"Invalid JSON: {FirstSentence(ex.Message)}", new SourceLocation(sourceName), ex);
        }
    }

    public static JsonNode ParseYaml(string text, SchemaLimits limits, string? sourceName = null)
    {
        CheckSize(text, limits, sourceName);
        CheckYamlCharacters(text, sourceName);
        var builder = new YamlTreeBuilder(limits, sourceName);
        try
        {
            return builder.Build(text);
        }
        catch (YamlException ex)
        {
            throw new SchemaParseException($"Invalid YAML: {FirstSentence(ex.Message)}",
                new SourceLocation(sourceName, (int)ex.Start.Line, (int)ex.Start.Column), ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections (e.g. an unclosed '[').
            throw new SchemaParseException("Invalid YAML: malformed or unclosed flow collection after this point.",
                new SourceLocation(sourceName, builder.LastLine, builder.LastColumn), ex);
        }
    }

    /// <summary>
    /// Counts the nodes of a parsed JSON tree (iteratively) and stops at <see cref="SchemaLimits.MaxNodes"/>,
    /// so a wide document within the size limit cannot make every later walk of it expensive.
    /// </summary>
    private static void CountNodes(JsonNode root, SchemaLimits limits, string? sourceName)
    {
        long count = 0;
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (++count > limits.MaxNodes)
            {
                throw new SchemaLimitException(nameof(SchemaLimits.MaxNodes), limits.MaxNodes, "The number of nodes",
                    new SourceLocation(sourceName, Pointer: node.GetPath()));
            }

            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        if (child is not null)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        if (child is not null)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>YAML allows no C0/C1 control characters (other than tab, line feeds and NEL) and no lone surrogates.</summary>
    private static void CheckYamlCharacters(string text, string? sourceName)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var bad = c switch
            {
                '\t' or '\n' or '\r' or '\u0085' => false,
                < ' ' or (>= '\u007f' and <= '\u009f') or '\uFFFE' or '\uFFFF' => true,
                _ when char.IsHighSurrogate(c) => i + 1 >= text.Length || !char.IsLowSurrogate(text[++i]),
                _ when char.IsLowSurrogate(c) => true,
                _ => false,
            };
            if (bad)
            {
                throw new SchemaParseException($"Invalid YAML: control or non-character U+{(int)c:X4} is not allowed.",
                    new SourceLocation(sourceName, line, column));
            }

            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Builds the tree from parser events with an explicit stack: no recursion a document can blow.</summary>
    private sealed class YamlTreeBuilder(SchemaLimits limits, string? sourceName)
    {
        private readonly Dictionary<string, (JsonNode? Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private long _nodes;
        private int _aliases;

        /// <summary>Where the last complete event ended (for errors the YAML library reports without a place).</summary>
        public int LastLine { get; private set; } = 1;

        public int LastColumn { get; private set; } = 1;

        private sealed class Frame(JsonNode container, string? anchor, long startNodes)
        {
            public JsonNode Container { get; } = container;
            public string? Anchor { get; } = anchor;
            public long StartNodes { get; } = startNodes;
            public string? PendingKey { get; set; }
            public bool ExpectKey { get; set; } = true;
        }

        public JsonNode Build(string text)
        {
            var parser = new Parser(new StringReader(text));
            var stack = new Stack<Frame>();
            JsonNode? root = null;
            var rootSet = false;
            var documents = 0;

            parser.Consume<StreamStart>();
            while (!parser.Accept<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                documents++;
                if (documents > 1)
                {
                    throw new SchemaParseException("The YAML stream holds more than one document; submit one.",
                        new SourceLocation(sourceName, (int)parser.Current!.Start.Line, (int)parser.Current.Start.Column));
                }

                while (!parser.TryConsume<DocumentEnd>(out _))
                {
                    var ev = parser.Consume<ParsingEvent>();
                    LastLine = (int)ev.End.Line;
                    LastColumn = (int)ev.End.Column;
                    switch (ev)
                    {
                        case MappingStart ms:
                            Push(stack, new JsonObject(), ms.Anchor.IsEmpty ? null : ms.Anchor.Value, ms);
                            break;
                        case SequenceStart ss:
                            Push(stack, new JsonArray(), ss.Anchor.IsEmpty ? null : ss.Anchor.Value, ss);
                            break;
                        case MappingEnd or SequenceEnd:
                            {
                                var frame = stack.Pop();
                                if (frame.Anchor is not null)
                                {
                                    _anchors[frame.Anchor] = (frame.Container, _nodes - frame.StartNodes + 1);
                                }

                                if (stack.Count == 0)
                                {
                                    root = frame.Container;
                                    rootSet = true;
                                }
                                else
                                {
                                    Add(stack.Peek(), frame.Container, ev);
                                }

                                break;
                            }

                        case Scalar scalar:
                            {
                                Count(1, scalar);
                                var value = ConvertScalar(scalar);
                                if (!scalar.Anchor.IsEmpty)
                                {
                                    _anchors[scalar.Anchor.Value] = (value, 1);
                                }

                                if (stack.Count == 0)
                                {
                                    root = value;
                                    rootSet = true;
                                }
                                else if (stack.Peek().Container is JsonObject && stack.Peek().ExpectKey)
                                {
                                    stack.Peek().PendingKey = scalar.Value;
                                    stack.Peek().ExpectKey = false;
                                }
                                else
                                {
                                    Add(stack.Peek(), value, ev);
                                }

                                break;
                            }

                        case AnchorAlias alias:
                            {
                                _aliases++;
                                if (_aliases > limits.MaxYamlAliases)
                                {
                                    throw new SchemaLimitException(nameof(SchemaLimits.MaxYamlAliases), limits.MaxYamlAliases,
                                        "The number of YAML aliases", Where(alias));
                                }

                                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                                {
                                    throw new SchemaParseException($"Unknown YAML anchor '*{alias.Value.Value}'.", Where(alias));
                                }

                                Count(target.Size, alias);
                                var copy = target.Node?.DeepClone();
                                if (stack.Count == 0)
                                {
                                    root = copy;
                                    rootSet = true;
                                }
                                else if (stack.Peek().Container is JsonObject && stack.Peek().ExpectKey)
                                {
                                    stack.Peek().PendingKey = copy is JsonValue v ? v.ToString() : copy?.ToJsonString() ?? "";
                                    stack.Peek().ExpectKey = false;
                                }
                                else
                                {
                                    Add(stack.Peek(), copy, ev);
                                }

                                break;
                            }

                        default:
                            throw new SchemaParseException($"Unexpected YAML element {ev.GetType().Name}.", Where(ev));
                    }
                }
            }

            if (!rootSet || root is null)
            {
                throw new SchemaParseException("The document is empty.", new SourceLocation(sourceName));
            }

            return root;
        }

        private void Push(Stack<Frame> stack, JsonNode container, string? anchor, ParsingEvent ev)
        {
            if (stack.Count >= limits.MaxDepth)
            {
                throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), limits.MaxDepth, "The nesting depth", Where(ev));
            }

            if (stack.Count > 0 && stack.Peek().Container is JsonObject && stack.Peek().ExpectKey)
            {
                throw new SchemaParseException("Mapping keys must be plain values, not mappings or sequences.", Where(ev));
            }

            Count(1, ev);
            stack.Push(new Frame(container, anchor, _nodes));
        }

        private void Add(Frame frame, JsonNode? value, ParsingEvent ev)
        {
            switch (frame.Container)
            {
                case JsonArray array:
                    array.Add(value);
                    break;
                case JsonObject obj:
                    {
                        var key = frame.PendingKey ?? "";
                        if (key == "<<" && value is JsonObject merge)
                        {
                            // YAML merge key: copy the merged mapping's entries that are not set locally.
                            foreach (var (k, v) in merge)
                            {
                                if (!obj.ContainsKey(k))
                                {
                                    obj[k] = v?.DeepClone();
                                }
                            }
                        }
                        else if (!obj.TryAdd(key, value))
                        {
                            throw new SchemaParseException($"Duplicate key '{key}'.", Where(ev));
                        }

                        frame.PendingKey = null;
                        frame.ExpectKey = true;
                        break;
                    }
            }
        }

        private void Count(long size, ParsingEvent ev)
        {
            _nodes += size;
            if (_nodes > limits.MaxNodes)
            {
                throw new SchemaLimitException(nameof(SchemaLimits.MaxNodes), limits.MaxNodes,
                    "The number of nodes (YAML aliases expanded)", Where(ev));
            }
        }

        private SourceLocation Where(ParsingEvent ev) => new(sourceName, (int)ev.Start.Line, (int)ev.Start.Column);

        private static JsonNode? ConvertScalar(Scalar scalar)
        {
            var value = scalar.Value;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (tag is "tag:yaml.org,2002:str" || scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                or ScalarStyle.Literal or ScalarStyle.Folded)
            {
                return JsonValue.Create(value);
            }

            // YAML 1.2 core schema for plain scalars.
            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }

            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return JsonValue.Create(l);
            }

            if (value.StartsWith("0x", StringComparison.Ordinal) &&
                long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return JsonValue.Create(hex);
            }

            if (LooksNumeric(value) &&
                double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                return JsonValue.Create(d);
            }

            return JsonValue.Create(value);
        }

        private static bool LooksNumeric(string value)
        {
            if (value.Length == 0)
            {
                return false;
            }

            var c = value[0];
            return char.IsAsciiDigit(c) || ((c is '-' or '+' or '.') && value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] == '.'));
        }
    }
}
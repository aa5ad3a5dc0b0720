using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Tessera.Schemas.GraphQL;

/// <summary>Reads GraphQL SDL (type system definitions and extensions) into <see cref="GraphQLSchemaDocument"/>.</summary>
internal sealed class GraphQLSdlReader
{
    private const string DefaultDeprecationReason = "No longer supported";

    private readonly SchemaSource _source;
    private readonly SchemaLimits _limits;
    private readonly GraphQLSchemaDocument _document;

    private GraphQLSdlReader(SchemaSource source, SchemaLimits limits)
    {
        _source = source;
        _limits = limits;
        _document = new GraphQLSchemaDocument(source, fromSdl: true);
    }

    public static GraphQLSchemaDocument Read(SchemaSource source, SchemaLimits limits) => new GraphQLSdlReader(source, limits).Read();

    /// <summary>
    /// The deepest nesting of <c>[ { (</c> outside strings and comments. Run before parsing so that a hostile
    /// document is refused in linear time, whatever the parser does with deep nesting.
    /// </summary>
    internal static int MaxBracketDepth(string text) => MaxBracketDepth(text, int.MaxValue, out _);

    /// <summary>As <see cref="MaxBracketDepth(string)"/>, stopping at the first bracket deeper than <paramref name="limit"/>.</summary>
    internal static int MaxBracketDepth(string text, int limit, out int deepestAt)
    {
        var depth = 0;
        var max = 0;
        deepestAt = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                if (i + 2 < text.Length && text[i + 1] == '"' && text[i + 2] == '"')
                {
                    i += 3;
                    while (i < text.Length && !(text[i] == '"' && i + 2 < text.Length && text[i + 1] == '"' && text[i + 2] == '"'))
                    {
                        i += text[i] == '\\' && i + 3 < text.Length && text[i + 1] == '"' ? 4 : 1;
                    }

                    i += 3;
                    continue;
                }

                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\n')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i++;
                continue;
            }

            if (c is '[' or '{' or '(')
            {
                depth++;
                if (depth > max)
                {
                    max = depth;
                    deepestAt = i;
                    if (max > limit)
                    {
                        return max;
                    }
                }
            }
            else if (c is ']' or '}' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }

            i++;
        }

        return max;
    }

    private GraphQLSchemaDocument Read()
    {
        var text = _source.Content;
        if (MaxBracketDepth(text, _limits.MaxDepth, out var deepestAt) > _limits.MaxDepth)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), _limits.MaxDepth, "The nesting of brackets", At(deepestAt));
        }

        GraphQLDocument parsed;
        try
        {
            // The parser counts every AST level (document, definition, field, argument, type, ...), so it gets
            // room for the wrappers around the deepest bracket nesting that passed the check above.
            parsed = Parser.Parse(text, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = _limits.MaxDepth + 32 });
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), _limits.MaxDepth, "The nesting of the document",
                new SourceLocation(_source.DisplayName, ex.Location.Line, ex.Location.Column));
        }
        catch (GraphQLParserException ex)
        {
            throw new SchemaParseException("Invalid GraphQL SDL: " + ex.Description,
                new SourceLocation(_source.DisplayName, ex.Location.Line, ex.Location.Column), ex);
        }

        var extensions = new List<ASTNode>();
        foreach (var definition in parsed.Definitions)
        {
            switch (definition)
            {
                case GraphQLSchemaDefinition schema:
                    if (_document.QueryType is not null || _document.MutationType is not null || _document.SubscriptionType is not null || _document.Description is not null)
                    {
                        throw Error("The schema is defined twice", schema);
                    }

                    _document.Description = schema.Description?.Value.ToString();
                    ReadRootTypes(schema.OperationTypes);
                    break;
                case GraphQLSchemaExtension or GraphQLTypeExtension:
                    extensions.Add(definition);
                    break;
                case GraphQLDirectiveDefinition directive:
                    ReadDirective(directive);
                    break;
                case GraphQLTypeDefinition type:
                    ReadType(type);
                    break;
                default:
                    throw Error("Expected a type system definition (type, interface, input, enum, union, scalar, schema, directive); found an executable definition", definition);
            }
        }

        foreach (var name in GraphQLSchemaDocument.BuiltInScalars)
        {
            _document.Types.TryAdd(name, new GraphQLTypeDef { Name = name, Kind = GraphQLTypeKind.Scalar });
        }

        var explicitSchema = parsed.Definitions.Any(d => d is GraphQLSchemaDefinition);
        foreach (var extension in extensions)
        {
            ApplyExtension(extension);
        }

        if (!explicitSchema && !extensions.Any(e => e is GraphQLSchemaExtension))
        {
            _document.QueryType = _document.Types.ContainsKey("Query") ? "Query" : null;
            _document.MutationType = _document.Types.ContainsKey("Mutation") ? "Mutation" : null;
            _document.SubscriptionType = _document.Types.ContainsKey("Subscription") ? "Subscription" : null;
        }

        GraphQLSchemaValidator.Validate(_document, _source, _places);
        return _document;
    }

    private readonly Dictionary<string, SourceLocation> _places = new(StringComparer.Ordinal);

    private void ReadRootTypes(IEnumerable<GraphQLRootOperationTypeDefinition>? operations)
    {
        foreach (var operation in operations ?? [])
        {
            var name = operation.Type!.Name.StringValue;
            switch (operation.Operation)
            {
                case OperationType.Query when _document.QueryType is null:
                    _document.QueryType = name;
                    break;
                case OperationType.Mutation when _document.MutationType is null:
                    _document.MutationType = name;
                    break;
                case OperationType.Subscription when _document.SubscriptionType is null:
                    _document.SubscriptionType = name;
                    break;
                default:
                    throw Error($"The {operation.Operation.ToString().ToLowerInvariant()} root type is defined twice", operation);
            }

            _places.TryAdd("schema." + operation.Operation.ToString().ToLowerInvariant(), At(operation));
        }
    }

    private void ReadType(GraphQLTypeDefinition definition)
    {
        var name = definition.Name.StringValue;
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            throw Error($"The type name '{name}' is reserved (names starting with __ belong to introspection)", definition);
        }

        var kind = definition switch
        {
            GraphQLScalarTypeDefinition => GraphQLTypeKind.Scalar,
            GraphQLObjectTypeDefinition => GraphQLTypeKind.Object,
            GraphQLInterfaceTypeDefinition => GraphQLTypeKind.Interface,
            GraphQLUnionTypeDefinition => GraphQLTypeKind.Union,
            GraphQLEnumTypeDefinition => GraphQLTypeKind.Enum,
            GraphQLInputObjectTypeDefinition => GraphQLTypeKind.InputObject,
            _ => throw Error("Unsupported type definition", definition),
        };
        var type = new GraphQLTypeDef { Name = name, Kind = kind, Description = definition.Description?.Value.ToString() };
        if (!_document.Types.TryAdd(name, type))
        {
            throw Error($"The type '{name}' is defined twice", definition);
        }

        _places[name] = At(definition);
        switch (definition)
        {
            case GraphQLScalarTypeDefinition scalar:
                ReadTypeDirectives(type, scalar.Directives);
                break;
            case GraphQLObjectTypeDefinition obj:
                AddInterfaces(type, obj.Interfaces);
                AddFields(type, obj.Fields);
                ReadTypeDirectives(type, obj.Directives);
                break;
            case GraphQLInterfaceTypeDefinition iface:
                AddInterfaces(type, iface.Interfaces);
                AddFields(type, iface.Fields);
                ReadTypeDirectives(type, iface.Directives);
                break;
            case GraphQLUnionTypeDefinition union:
                AddMembers(type, union.Types);
                ReadTypeDirectives(type, union.Directives);
                break;
            case GraphQLEnumTypeDefinition enumType:
                AddEnumValues(type, enumType.Values);
                ReadTypeDirectives(type, enumType.Directives);
                break;
            case GraphQLInputObjectTypeDefinition input:
                AddInputFields(type, input.Fields);
                ReadTypeDirectives(type, input.Directives);
                break;
        }
    }

    private void ApplyExtension(ASTNode extension)
    {
        if (extension is GraphQLSchemaExtension schema)
        {
            ReadRootTypes(schema.OperationTypes);
            return;
        }

        var typeExtension = (GraphQLTypeExtension)extension;
        var name = typeExtension.Name.StringValue;
        var (kind, directives) = extension switch
        {
            GraphQLScalarTypeExtension e => (GraphQLTypeKind.Scalar, e.Directives),
            GraphQLObjectTypeExtension e => (GraphQLTypeKind.Object, e.Directives),
            GraphQLInterfaceTypeExtension e => (GraphQLTypeKind.Interface, e.Directives),
            GraphQLUnionTypeExtension e => (GraphQLTypeKind.Union, e.Directives),
            GraphQLEnumTypeExtension e => (GraphQLTypeKind.Enum, e.Directives),
            GraphQLInputObjectTypeExtension e => (GraphQLTypeKind.InputObject, e.Directives),
            _ => throw Error("Unsupported type extension", extension),
        };
        if (!_document.Types.TryGetValue(name, out var type))
        {
            throw Error($"Cannot extend the type '{name}': it is not defined", extension);
        }

        if (type.Kind != kind)
        {
            throw Error($"Cannot extend the {type.Kind.ToWire()} type '{name}' as {kind.ToWire()}", extension);
        }

        ReadTypeDirectives(type, directives);
        switch (extension)
        {
            case GraphQLObjectTypeExtension obj:
                AddInterfaces(type, obj.Interfaces);
                AddFields(type, obj.Fields);
                break;
            case GraphQLInterfaceTypeExtension iface:
                AddInterfaces(type, iface.Interfaces);
                AddFields(type, iface.Fields);
                break;
            case GraphQLUnionTypeExtension union:
                AddMembers(type, union.Types);
                break;
            case GraphQLEnumTypeExtension enumType:
                AddEnumValues(type, enumType.Values);
                break;
            case GraphQLInputObjectTypeExtension input:
                AddInputFields(type, input.Fields);
                break;
        }
    }

    private void AddInterfaces(GraphQLTypeDef type, GraphQLImplementsInterfaces? interfaces)
    {
        var names = type.Interfaces.ToHashSet(StringComparer.Ordinal);
        foreach (var item in interfaces?.Items ?? [])
        {
            var name = item.Name.StringValue;
            if (!names.Add(name))
            {
                throw Error($"The type '{type.Name}' implements '{name}' twice", item);
            }

            type.Interfaces.Add(name);
            _places.TryAdd($"{type.Name} implements {name}", At(item));
        }
    }

    private void AddMembers(GraphQLTypeDef type, GraphQLUnionMemberTypes? members)
    {
        var names = type.PossibleTypes.ToHashSet(StringComparer.Ordinal);
        foreach (var item in members?.Items ?? [])
        {
            var name = item.Name.StringValue;
            if (!names.Add(name))
            {
                throw Error($"The union '{type.Name}' lists '{name}' twice", item);
            }

            type.PossibleTypes.Add(name);
            _places.TryAdd($"{type.Name} member {name}", At(item));
        }
    }

    private void AddFields(GraphQLTypeDef type, GraphQLFieldsDefinition? fields)
    {
        var names = type.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var field in fields?.Items ?? [])
        {
            var name = field.Name.StringValue;
            if (!names.Add(name))
            {
                throw Error($"The field '{type.Name}.{name}' is defined twice", field);
            }

            var path = $"{type.Name}.{name}";
            _places[path] = At(field);
            type.Fields.Add(new GraphQLFieldDef
            {
                Name = name,
                Type = ReadTypeRef(field.Type),
                Description = field.Description?.Value.ToString(),
                Arguments = ReadInputValues(field.Arguments?.Items, path, isArgument: true),
                Deprecation = ReadDeprecation(field.Directives),
                Directives = ReadDirectiveUses(field.Directives),
            });
        }
    }

    private void AddInputFields(GraphQLTypeDef type, GraphQLInputFieldsDefinition? fields)
    {
        var values = ReadInputValues(fields?.Items, type.Name, isArgument: false);
        var names = type.InputFields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!names.Add(value.Name))
            {
                throw new SchemaParseException($"The input field '{type.Name}.{value.Name}' is defined twice", _places[$"{type.Name}.{value.Name}"]);
            }

            type.InputFields.Add(value);
        }
    }

    private void AddEnumValues(GraphQLTypeDef type, GraphQLEnumValuesDefinition? values)
    {
        var names = type.EnumValues.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var value in values?.Items ?? [])
        {
            var name = value.Name.StringValue;
            if (!names.Add(name))
            {
                throw Error($"The enum value '{type.Name}.{name}' is defined twice", value);
            }

            if (name is "true" or "false" or "null")
            {
                throw Error($"The enum value '{type.Name}.{name}' is not allowed", value);
            }

            type.EnumValues.Add(new GraphQLEnumValueDef
            {
                Name = name,
                Description = value.Description?.Value.ToString(),
                Deprecation = ReadDeprecation(value.Directives),
                Directives = ReadDirectiveUses(value.Directives),
            });
        }
    }

    private List<GraphQLInputValueDef> ReadInputValues(IEnumerable<GraphQLInputValueDefinition>? definitions, string owner, bool isArgument)
    {
        var result = new List<GraphQLInputValueDef>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in definitions ?? [])
        {
            var name = definition.Name.StringValue;
            var path = isArgument ? $"{owner}({name}:)" : $"{owner}.{name}";
            if (!names.Add(name) && isArgument)
            {
                throw Error($"The argument '{path}' is defined twice", definition);
            }

            _places.TryAdd(path, At(definition));
            string? canonical = null;
            System.Text.Json.Nodes.JsonNode? json = null;
            if (definition.DefaultValue is { } value)
            {
                canonical = GraphQLValues.Canonical(value, _limits.MaxDepth);
                json = GraphQLValues.ToJson(value, 0, _limits.MaxDepth);
            }

            result.Add(new GraphQLInputValueDef
            {
                Name = name,
                Type = ReadTypeRef(definition.Type),
                Description = definition.Description?.Value.ToString(),
                DefaultValue = canonical,
                DefaultJson = json,
                Deprecation = ReadDeprecation(definition.Directives),
                Directives = ReadDirectiveUses(definition.Directives),
            });
        }

        return result;
    }

    private void ReadDirective(GraphQLDirectiveDefinition definition)
    {
        var name = definition.Name.StringValue;
        var directive = new GraphQLDirectiveDef
        {
            Name = name,
            Description = definition.Description?.Value.ToString(),
            Arguments = ReadInputValues(definition.Arguments?.Items, "@" + name, isArgument: true),
            Locations = [.. (definition.Locations?.Items ?? []).Select(LocationName).Order(StringComparer.Ordinal)],
            IsRepeatable = definition.Repeatable,
        };
        _places["@" + name] = At(definition);
        if (GraphQLSchemaDocument.BuiltInDirectives.Contains(name))
        {
            return; // a redefinition of a built-in directive changes nothing we compare
        }

        if (!_document.Directives.TryAdd(name, directive))
        {
            throw Error($"The directive '@{name}' is defined twice", definition);
        }
    }

    internal static string LocationName(DirectiveLocation location) => location switch
    {
        DirectiveLocation.FragmentDefinition => "FRAGMENT_DEFINITION",
        DirectiveLocation.FragmentSpread => "FRAGMENT_SPREAD",
        DirectiveLocation.InlineFragment => "INLINE_FRAGMENT",
        DirectiveLocation.VariableDefinition => "VARIABLE_DEFINITION",
        DirectiveLocation.FieldDefinition => "FIELD_DEFINITION",
        DirectiveLocation.ArgumentDefinition => "ARGUMENT_DEFINITION",
        DirectiveLocation.EnumValue => "ENUM_VALUE",
        DirectiveLocation.InputObject => "INPUT_OBJECT",
        DirectiveLocation.InputFieldDefinition => "INPUT_FIELD_DEFINITION",
        _ => location.ToString().ToUpperInvariant(),
    };

    private void ReadTypeDirectives(GraphQLTypeDef type, GraphQLDirectives? directives)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            if (directive.Name.StringValue == "specifiedBy")
            {
                var url = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "url")?.Value as GraphQLStringValue;
                type.SpecifiedBy = url?.Value.ToString();
                continue;
            }

            type.Directives.Add(PrintDirective(directive));
        }
    }

    private List<string> ReadDirectiveUses(GraphQLDirectives? directives) =>
        [.. (directives?.Items ?? []).Where(d => d.Name.StringValue != "deprecated").Select(PrintDirective)];

    private string PrintDirective(GraphQLDirective directive)
    {
        var arguments = (directive.Arguments?.Items ?? [])
            .OrderBy(a => a.Name.StringValue, StringComparer.Ordinal)
            .Select(a => a.Name.StringValue + ": " + GraphQLValues.Canonical(a.Value, _limits.MaxDepth))
            .ToList();
        return "@" + directive.Name.StringValue + (arguments.Count > 0 ? "(" + string.Join(", ", arguments) + ")" : "");
    }

    private static GraphQLDeprecation? ReadDeprecation(GraphQLDirectives? directives)
    {
        var deprecated = directives?.Items.FirstOrDefault(d => d.Name.StringValue == "deprecated");
        if (deprecated is null)
        {
            return null;
        }

        var reason = deprecated.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "reason")?.Value;
        return new GraphQLDeprecation(reason is GraphQLStringValue s ? s.Value.ToString() : DefaultDeprecationReason);
    }

    private GraphQLTypeRef ReadTypeRef(GraphQLType type)
    {
        // Depth is bounded by the bracket pre-scan, so this recursion stays shallow.
        switch (type)
        {
            case GraphQLNamedType named:
                return GraphQLTypeRef.Named(named.Name.StringValue);
            case GraphQLListType list:
                return GraphQLTypeRef.ListOf(ReadTypeRef(list.Type));
            case GraphQLNonNullType nonNull:
                return GraphQLTypeRef.NonNullOf(ReadTypeRef(nonNull.Type));
            default:
                throw Error("Unsupported type reference", type);
        }
    }

    private SourceLocation At(ASTNode node) => At(node.Location.Start);

    private SourceLocation At(int offset)
    {
        if (_lineStarts is null)
        {
            _lineStarts = [0];
            var text = _source.Content;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return new SourceLocation(_source.DisplayName, line + 1, offset - _lineStarts[line] + 1);
    }

    private List<int>? _lineStarts;

    private SchemaParseException Error(string message, ASTNode node) => new(message, At(node));
}
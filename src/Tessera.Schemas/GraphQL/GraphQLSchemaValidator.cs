namespace Tessera.Schemas.GraphQL;

/// <summary>Checks that every type a schema refers to exists and has a kind that fits where it is used.</summary>
internal static class GraphQLSchemaValidator
{
    public static void Validate(GraphQLSchemaDocument document, SchemaSource source, IReadOnlyDictionary<string, SourceLocation> places)
    {
        SourceLocation Place(string key) => places.TryGetValue(key, out var location) ? location : new SourceLocation(source.DisplayName, Pointer: key);

        foreach (var (operation, name) in new[] { ("query", document.QueryType), ("mutation", document.MutationType), ("subscription", document.SubscriptionType) })
        {
            if (name is null)
            {
                continue;
            }

            var root = document.Find(name)
                ?? throw new SchemaParseException($"The {operation} root type '{name}' is not defined", Place("schema." + operation));
            if (root.Kind != GraphQLTypeKind.Object)
            {
                throw new SchemaParseException($"The {operation} root type '{name}' must be an object type, not {root.Kind.ToWire()}", Place("schema." + operation));
            }
        }

        foreach (var type in document.Types.Values)
        {
            foreach (var field in type.Fields)
            {
                var path = $"{type.Name}.{field.Name}";
                CheckReference(document, field.Type, output: true, $"the field '{path}'", Place(path));
                CheckArguments(document, field.Arguments, path, Place);
            }

            foreach (var field in type.InputFields)
            {
                var path = $"{type.Name}.{field.Name}";
                CheckReference(document, field.Type, output: false, $"the input field '{path}'", Place(path));
            }

            foreach (var name in type.Interfaces)
            {
                var target = document.Find(name)
                    ?? throw new SchemaParseException($"The type '{type.Name}' implements '{name}', which is not defined", Place($"{type.Name} implements {name}"));
                if (target.Kind != GraphQLTypeKind.Interface)
                {
                    throw new SchemaParseException($"The type '{type.Name}' implements '{name}', which is {target.Kind.ToWire()}, not an interface", Place($"{type.Name} implements {name}"));
                }
            }

            foreach (var name in type.PossibleTypes)
            {
                var target = document.Find(name)
                    ?? throw new SchemaParseException($"The union '{type.Name}' lists '{name}', which is not defined", Place($"{type.Name} member {name}"));
                if (target.Kind != GraphQLTypeKind.Object)
                {
                    throw new SchemaParseException($"The union '{type.Name}' lists '{name}', which is {target.Kind.ToWire()}, not an object type", Place($"{type.Name} member {name}"));
                }
            }
        }

        foreach (var directive in document.Directives.Values)
        {
            CheckArguments(document, directive.Arguments, "@" + directive.Name, Place);
        }
    }

    private static void CheckArguments(GraphQLSchemaDocument document, IEnumerable<GraphQLInputValueDef> arguments, string owner, Func<string, SourceLocation> place)
    {
        foreach (var argument in arguments)
        {
            var path = $"{owner}({argument.Name}:)";
            CheckReference(document, argument.Type, output: false, $"the argument '{path}'", place(path));
        }
    }

    private static void CheckReference(GraphQLSchemaDocument document, GraphQLTypeRef reference, bool output, string what, SourceLocation location)
    {
        var name = reference.NamedType;
        var target = document.Find(name) ?? throw new SchemaParseException($"The type '{name}' of {what} is not defined", location);
        var fits = output
            ? target.Kind != GraphQLTypeKind.InputObject
            : target.Kind is GraphQLTypeKind.Scalar or GraphQLTypeKind.Enum or GraphQLTypeKind.InputObject;
        if (!fits)
        {
            throw new SchemaParseException(
                $"The type '{name}' of {what} is {target.Kind.ToWire()}, which cannot be used as an {(output ? "output" : "input")} type", location);
        }
    }
}
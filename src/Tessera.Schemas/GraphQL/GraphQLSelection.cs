namespace Tessera.Schemas.GraphQL;

/// <summary>
/// Cuts one operation (a root field, named <c>Query.user</c>) out of a schema: its root type with only that field,
/// and every type the field reaches: its result (with union members, the interfaces objects implement, the
/// implementations of interfaces used as result types, and the fields' argument types) and its arguments (with input
/// fields). Directive definitions are schema-wide and stay.
/// </summary>
internal static class GraphQLSelection
{
    public static GraphQLSchemaDocument Select(GraphQLSchemaDocument document, string selector)
    {
        var dot = selector.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == selector.Length - 1)
        {
            throw new SchemaParseException($"'{selector}' does not name a GraphQL operation; expected '<root type>.<field>', e.g. 'Query.user'.");
        }

        var typeName = selector[..dot];
        var fieldName = selector[(dot + 1)..];
        var operation = new[] { "query", "mutation", "subscription" }.FirstOrDefault(o => document.RootType(o) == typeName)
            ?? throw new SchemaParseException($"'{typeName}' is not a root operation type of this schema.");
        var root = document.Find(typeName) ?? throw new SchemaParseException($"The schema has no type '{typeName}'.");
        var field = root.Fields.FirstOrDefault(f => f.Name == fieldName)
            ?? throw new SchemaParseException($"The type '{typeName}' has no field '{fieldName}'.");

        var scoped = new GraphQLSchemaDocument(document.Source, document.FromSdl) { Description = document.Description };
        switch (operation)
        {
            case "query":
                scoped.QueryType = typeName;
                break;
            case "mutation":
                scoped.MutationType = typeName;
                break;
            default:
                scoped.SubscriptionType = typeName;
                break;
        }

        var rootCopy = new GraphQLTypeDef { Name = root.Name, Kind = root.Kind, Description = root.Description, SpecifiedBy = root.SpecifiedBy };
        rootCopy.Fields.Add(field);
        rootCopy.Directives.AddRange(root.Directives);
        scoped.Types[root.Name] = rootCopy;
        foreach (var (name, directive) in document.Directives)
        {
            scoped.Directives[name] = directive;
        }

        var implementers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var type in document.Types.Values)
        {
            foreach (var iface in type.Interfaces)
            {
                if (!implementers.TryGetValue(iface, out var list))
                {
                    implementers[iface] = list = [];
                }

                list.Add(type.Name);
            }
        }

        // An interface reached as a result type can be any of its implementations; one reached because an object
        // implements it cannot (an Order that implements Node does not make User part of an order query).
        var queue = new Queue<(string Name, bool Implementations)>();
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        void Reach(string name, bool implementations = true)
        {
            if (name == root.Name || document.Find(name) is not { } type)
            {
                return;
            }

            var added = scoped.Types.TryAdd(name, type);
            var expand = implementations && type.Kind == GraphQLTypeKind.Interface && expanded.Add(name);
            if (added || expand)
            {
                queue.Enqueue((name, expand));
            }
        }

        Reach(field.Type.NamedType);
        foreach (var argument in field.Arguments)
        {
            Reach(argument.Type.NamedType);
        }

        foreach (var argument in document.Directives.Values.SelectMany(d => d.Arguments))
        {
            Reach(argument.Type.NamedType);
        }

        while (queue.TryDequeue(out var next))
        {
            var type = scoped.Types[next.Name];
            foreach (var member in type.Fields)
            {
                Reach(member.Type.NamedType);
                foreach (var argument in member.Arguments)
                {
                    Reach(argument.Type.NamedType);
                }
            }

            foreach (var input in type.InputFields)
            {
                Reach(input.Type.NamedType);
            }

            foreach (var member in type.PossibleTypes)
            {
                Reach(member);
            }

            foreach (var iface in type.Interfaces)
            {
                Reach(iface, implementations: false);
            }

            if (next.Implementations)
            {
                foreach (var implementer in implementers.GetValueOrDefault(next.Name) ?? [])
                {
                    Reach(implementer);
                }
            }
        }

        return scoped;
    }

    /// <summary>The selector of a root field: <c>&lt;root type&gt;.&lt;field&gt;</c>.</summary>
    public static string SelectorOf(GraphQLSchemaDocument document, GraphQLOperation operation) =>
        document.RootType(operation.OperationType) + "." + operation.Name;
}
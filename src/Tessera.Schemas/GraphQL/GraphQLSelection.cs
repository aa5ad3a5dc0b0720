namespace Tessera.Schemas.GraphQL;

/// <summary>
/// Cuts one operation (a root field, named <c>Query.user</c>) out of a schema: its root type with only that field,
/// and every type the field reaches: its result (with union members, interfaces and their implementers, and
/// the fields' argument types) and its arguments (with input fields). Directive definitions are schema-wide and stay.
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

        var queue = new Queue<string>();
        void Reach(string name)
        {
            if (name != root.Name && !scoped.Types.ContainsKey(name) && document.Find(name) is { } type)
            {
                scoped.Types[name] = type;
                queue.Enqueue(name);
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

        while (queue.TryDequeue(out var name))
        {
            var type = scoped.Types[name];
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

            foreach (var other in type.PossibleTypes.Concat(type.Interfaces).Concat(implementers.GetValueOrDefault(name) ?? []))
            {
                Reach(other);
            }
        }

        return scoped;
    }

    /// <summary>The selector of a root field: <c>&lt;root type&gt;.&lt;field&gt;</c>.</summary>
    public static string SelectorOf(GraphQLSchemaDocument document, GraphQLOperation operation) =>
        document.RootType(operation.OperationType) + "." + operation.Name;
}
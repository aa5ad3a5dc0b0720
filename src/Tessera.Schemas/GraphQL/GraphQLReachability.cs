namespace Tessera.Schemas.GraphQL;

/// <summary>
/// Which named types can be reached from the root operation types in input positions (arguments, input fields,
/// directive arguments) and in output positions (field results, union members, interface implementations).
/// </summary>
public sealed class GraphQLReachability
{
    private readonly HashSet<string> _input = new(StringComparer.Ordinal);
    private readonly HashSet<string> _output = new(StringComparer.Ordinal);

    public GraphQLReachability(GraphQLSchemaDocument document)
    {
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

        var outputQueue = new Queue<string>();
        var inputQueue = new Queue<string>();
        void ReachOutput(string name)
        {
            if (_output.Add(name))
            {
                outputQueue.Enqueue(name);
            }
        }

        void ReachInput(string name)
        {
            if (_input.Add(name))
            {
                inputQueue.Enqueue(name);
            }
        }

        foreach (var root in new[] { document.QueryType, document.MutationType, document.SubscriptionType })
        {
            if (root is not null)
            {
                ReachOutput(root);
            }
        }

        foreach (var directive in document.Directives.Values)
        {
            foreach (var argument in directive.Arguments)
            {
                ReachInput(argument.Type.NamedType);
            }
        }

        while (outputQueue.Count > 0 || inputQueue.Count > 0)
        {
            while (outputQueue.TryDequeue(out var name))
            {
                if (document.Find(name) is not { } type)
                {
                    continue;
                }

                foreach (var field in type.Fields)
                {
                    ReachOutput(field.Type.NamedType);
                    foreach (var argument in field.Arguments)
                    {
                        ReachInput(argument.Type.NamedType);
                    }
                }

                foreach (var member in type.PossibleTypes)
                {
                    ReachOutput(member);
                }

                foreach (var iface in type.Interfaces)
                {
                    ReachOutput(iface);
                }

                foreach (var implementer in implementers.GetValueOrDefault(name) ?? [])
                {
                    ReachOutput(implementer);
                }
            }

            while (inputQueue.TryDequeue(out var name))
            {
                foreach (var field in document.Find(name)?.InputFields ?? [])
                {
                    ReachInput(field.Type.NamedType);
                }
            }
        }
    }

    /// <summary>The type can be written by clients (arguments, input fields, directive arguments).</summary>
    public bool IsInput(string typeName) => _input.Contains(typeName);

    /// <summary>The type can be returned to clients.</summary>
    public bool IsOutput(string typeName) => _output.Contains(typeName);
}
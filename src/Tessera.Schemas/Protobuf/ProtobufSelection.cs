namespace Tessera.Schemas.Protobuf;

/// <summary>
/// Cuts one RPC (named <c>pkg.Service/Method</c>) out of a protobuf document: its service with only that method, the
/// messages and enums its request and response reach, and the extensions of those messages. A reached nested type
/// whose enclosing message is not reached is kept as if top-level, so its changes are reported on their own.
/// </summary>
internal static class ProtobufSelection
{
    public static ProtobufDocument Select(ProtobufDocument document, string selector)
    {
        var slash = selector.LastIndexOf('/');
        if (slash <= 0 || slash == selector.Length - 1)
        {
            throw new SchemaParseException($"'{selector}' does not name an RPC; expected '<package>.<Service>/<Method>', e.g. 'users.v1.UserService/GetUser'.");
        }

        var serviceName = selector[..slash];
        var methodName = selector[(slash + 1)..];
        var service = document.Services.GetValueOrDefault(serviceName)
            ?? throw new SchemaParseException($"The protobuf document has no service '{serviceName}'.");
        var method = service.Methods.FirstOrDefault(m => m.Name == methodName)
            ?? throw new SchemaParseException($"The service '{serviceName}' has no RPC '{methodName}'.");

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([method.InputType, method.OutputType]);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!reached.Add(name) || !document.Messages.TryGetValue(name, out var message))
            {
                continue;
            }

            foreach (var field in message.Fields.Values)
            {
                foreach (var type in new[] { field.TypeName, field.MapKey?.TypeName, field.MapValue?.TypeName })
                {
                    if (type is not null)
                    {
                        stack.Push(type);
                    }
                }
            }
        }

        var messages = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        foreach (var (name, message) in document.Messages)
        {
            if (reached.Contains(name))
            {
                messages[name] = message.Parent is null || reached.Contains(message.Parent) ? message : Detached(message);
            }
        }

        var enums = new Dictionary<string, ProtoEnum>(StringComparer.Ordinal);
        foreach (var (name, en) in document.Enums)
        {
            if (reached.Contains(name))
            {
                enums[name] = en.Parent is null || reached.Contains(en.Parent) ? en : Detached(en);
            }
        }

        var services = new Dictionary<string, ProtoService>(StringComparer.Ordinal)
        {
            [service.FullName] = new ProtoService
            {
                FullName = service.FullName,
                Name = service.Name,
                Package = service.Package,
                File = service.File,
                Methods = [method],
            },
        };
        var extensions = document.Extensions.Where(e => e.Extendee is not null && reached.Contains(e.Extendee)).ToList();
        return new ProtobufDocument(document.Source, document.MainFile, document.Package, document.Syntax, messages, enums, services, extensions);
    }

    private static ProtoMessage Detached(ProtoMessage m) => new()
    {
        FullName = m.FullName,
        Name = m.Name,
        Parent = null,
        File = m.File,
        Syntax = m.Syntax,
        IsMapEntry = m.IsMapEntry,
        IsLibrary = m.IsLibrary,
        Fields = m.Fields,
        Oneofs = m.Oneofs,
        ReservedRanges = m.ReservedRanges,
        ReservedNames = m.ReservedNames,
        ExtensionRanges = m.ExtensionRanges,
    };

    private static ProtoEnum Detached(ProtoEnum e) => new()
    {
        FullName = e.FullName,
        Parent = null,
        File = e.File,
        IsLibrary = e.IsLibrary,
        Closed = e.Closed,
        Values = e.Values,
        ReservedRanges = e.ReservedRanges,
        ReservedNames = e.ReservedNames,
    };
}
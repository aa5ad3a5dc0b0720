using System.Text.RegularExpressions;

namespace Tessera.Schemas.Protobuf;

/// <summary>
/// The asset FQN of one RPC: <c>grpc.&lt;package with dots as underscores&gt;.&lt;Service&gt;.&lt;Method&gt;</c>
/// (the package part is left out when the file has none). Case is kept.
/// </summary>
public static partial class GrpcFqn
{
    /// <summary>
    /// Builds the FQN. Every package segment, the service and the method must be a safe component (a letter or
    /// underscore, then letters, digits or underscores); anything else is rejected with "unsafe characters".
    /// </summary>
    public static string Create(string package, string service, string method)
    {
        var segments = string.IsNullOrEmpty(package) ? [] : package.Split('.');
        foreach (var segment in segments)
        {
            Check(segment, "package segment", package);
        }

        Check(service, "service name", service);
        Check(method, "method name", method);
        return segments.Length == 0
            ? $"grpc.{service}.{method}"
            : $"grpc.{string.Join('_', segments)}.{service}.{method}";
    }

    /// <summary>True when <paramref name="component"/> can be one part of an FQN.</summary>
    public static bool IsSafeComponent(string component) => SafeComponent().IsMatch(component);

    private static void Check(string component, string what, string whole)
    {
        if (!IsSafeComponent(component))
        {
            throw new SchemaParseException($"The {what} '{whole}' contains unsafe characters for an asset FQN.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeComponent();
}
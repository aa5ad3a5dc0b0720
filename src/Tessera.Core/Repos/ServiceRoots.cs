using System.Text;

using Tessera.Core.Services;

namespace Tessera.Core.Repos;

/// <summary>
/// Which service a spec file belongs to (api.md §3.11): the existing service whose <c>root_path</c> is the longest
/// prefix of the file's path (<c>/</c> matches everything, as a fallback); otherwise a new service named after the
/// nearest parent folder that is not generic (<c>api</c>, <c>proto</c>, <c>graphql</c>, <c>grpc</c>, <c>openapi</c>,
/// <c>specs</c>, <c>spec</c>, <c>schema</c>, <c>schemas</c>), rooted at that folder so its sibling spec folders join
/// it. With no such folder the file's stem names the service and the file itself is its root, so two files side by side
/// under <c>api/</c> become two services rather than one swallowing the other.
/// </summary>
public static class ServiceRoots
{
    private static readonly HashSet<string> GenericFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "apis", "proto", "protos", "graphql", "grpc", "openapi", "specs", "spec", "schema", "schemas",
    };

    /// <summary>The service with the longest root_path that contains <paramref name="specPath"/>, or null.</summary>
    public static Service? Match(IEnumerable<Service> services, string specPath)
    {
        Service? best = null;
        var bestLength = -1;
        foreach (var service in services)
        {
            var root = Normalize(service.RootPath);
            var contains = root.Length == 0 || specPath == root || specPath.StartsWith(root + "/", StringComparison.Ordinal);
            if (contains && root.Length > bestLength)
            {
                best = service;
                bestLength = root.Length;
            }
        }

        return best;
    }

    /// <summary>The name and root_path of the service to create for <paramref name="specPath"/>.</summary>
    public static (string Name, string RootPath) Infer(string specPath)
    {
        var parts = specPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            if (!GenericFolders.Contains(parts[i]))
            {
                return (Clean(parts[i]), "/" + string.Join('/', parts[..(i + 1)]));
            }
        }

        var stem = Path.GetFileNameWithoutExtension(parts[^1]);
        return (Clean(stem), "/" + specPath);
    }

    /// <summary><paramref name="name"/>, or <c>name_2</c>, <c>name_3</c>, ... when taken.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        if (!taken.Contains(name))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var candidate = $"{name}_{i}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>A root_path as a relative, '/'-separated prefix: <c>/</c> → "", <c>/svc/a/</c> → <c>svc/a</c>.</summary>
    public static string Normalize(string? rootPath) => string.Join('/', (rootPath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."));

    /// <summary>
    /// A folder or file name as a service name that is also a valid FQN segment: <c>-</c>, spaces and other characters
    /// become <c>_</c>, a leading digit gets a <c>_</c> in front.
    /// </summary>
    public static string Clean(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        var result = sb.ToString().Trim('_');
        if (result.Length == 0)
        {
            return "service";
        }

        result = char.IsAsciiDigit(result[0]) ? "_" + result : result;
        return result.Length > 100 ? result[..100] : result;
    }
}
using Tessera.Schemas;

namespace Tessera.Cli.Reports;

/// <summary>Findings that share a leading coordinate: one operation, message, type or model.</summary>
/// <param name="Key">The coordinate shown as the group's heading (<see cref="FindingGroups.Root"/> for the document itself).</param>
/// <param name="Findings">The group's findings, worst severity under the mode first, then in engine order.</param>
public sealed record FindingGroup(string Key, IReadOnlyList<Finding> Findings);

/// <summary>
/// Groups findings by the thing they are in, for human output. The key of a path is:
/// <list type="bullet">
/// <item>OpenAPI (<c>GET /users/{id} response 200 body.email</c>): the first two tokens, <c>GET /users/{id}</c>;</item>
/// <item>otherwise the coordinate before the first space, and of that:
///   a <c>Service/Method</c> coordinate gives the service (<c>grpc.users.UserService</c>);
///   a dotted coordinate gives its parent (<c>User.email</c> → <c>User</c>, <c>users.v1.User.id</c> → <c>users.v1.User</c>),
///   skipping a trailing container keyword (<c>properties</c>, <c>items</c>, <c>fields</c>, <c>columns</c>), so
///   <c>properties.address.properties.city</c> → <c>properties.address</c> and <c>properties.email</c> → the root;
///   a single segment (<c>User</c>, <c>required</c>) stands for itself, at the root for JSON Schema keywords.</item>
/// </list>
/// A finding whose whole coordinate is already another finding's group key joins that group, so a removed
/// message sits with the changes to its fields.
/// </summary>
public static class FindingGroups
{
    /// <summary>The key of findings about the document as a whole.</summary>
    public const string Root = "(root)";

    private static readonly HashSet<string> HttpMethods = new(StringComparer.Ordinal)
    {
        "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
    };

    private static readonly HashSet<string> ContainerKeywords = new(StringComparer.Ordinal)
    {
        "properties", "items", "fields", "columns", "patternProperties", "$defs", "definitions",
    };

    private static readonly HashSet<string> RootKeywords = new(StringComparer.Ordinal)
    {
        "required", "type", "enum", "additionalProperties", "nullable", "default", "format", "const", "items",
        "properties", "$ref", "oneOf", "anyOf", "allOf", "not", "minimum", "maximum", "minLength", "maxLength",
        "pattern", "minItems", "maxItems", "uniqueItems", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    };

    /// <summary>Groups <paramref name="findings"/> in key order (ordinal), the root first.</summary>
    public static IReadOnlyList<FindingGroup> Group(IEnumerable<Finding> findings, CompatibilityMode mode)
    {
        var list = findings.ToList();
        var parents = list.Select(f => ParentKey(f.Path)).ToList();
        var groupKeys = new HashSet<string>(parents, StringComparer.Ordinal);
        var byKey = new Dictionary<string, List<(int Index, Finding Finding)>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var coordinate = Coordinate(list[i].Path);
            var key = coordinate.Length > 0 && groupKeys.Contains(coordinate) && !IsHttpOperation(list[i].Path)
                ? coordinate
                : parents[i];
            if (!byKey.TryGetValue(key, out var members))
            {
                byKey[key] = members = [];
            }

            members.Add((i, list[i]));
        }

        return
        [
            .. byKey
                .OrderBy(g => g.Key == Root ? 0 : 1)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new FindingGroup(g.Key, [
                    .. g.Value
                        .OrderByDescending(m => m.Finding.SeverityFor(mode))
                        .ThenBy(m => m.Index)
                        .Select(m => m.Finding),
                ])),
        ];
    }

    /// <summary>The group key of one path (without looking at other findings).</summary>
    public static string KeyOf(string path) => ParentKey(path);

    /// <summary>What to show of <paramref name="path"/> under the heading <paramref name="key"/>.</summary>
    public static string Within(string path, string key)
    {
        if (key == Root || key.Length == 0)
        {
            return path.Length == 0 ? Root : path;
        }

        if (path == key)
        {
            return "";
        }

        if (path.StartsWith(key, StringComparison.Ordinal) && path.Length > key.Length && path[key.Length] is ' ' or '.' or '/')
        {
            return path[(key.Length + 1)..];
        }

        return path;
    }

    private static bool IsHttpOperation(string path)
    {
        var space = path.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && HttpMethods.Contains(path[..space]);
    }

    /// <summary>The coordinate: the path up to the first space (the whole path when it has none).</summary>
    private static string Coordinate(string path)
    {
        var space = path.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? path : path[..space];
    }

    private static string ParentKey(string path)
    {
        var trimmed = path.Trim();
        if (trimmed.Length == 0)
        {
            return Root;
        }

        if (IsHttpOperation(trimmed))
        {
            var tokens = trimmed.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            return tokens.Length >= 2 ? tokens[0] + " " + tokens[1] : tokens[0];
        }

        var coordinate = Coordinate(trimmed);
        var slash = coordinate.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return coordinate[..slash];
        }

        var segments = SplitDotted(coordinate);
        if (segments.Count == 1)
        {
            return RootKeywords.Contains(segments[0]) ? Root : segments[0];
        }

        var keep = segments.Count - 1;
        while (keep > 0 && ContainerKeywords.Contains(segments[keep - 1]))
        {
            keep--;
        }

        return keep == 0 ? Root : string.Join('.', segments.Take(keep));
    }

    /// <summary>Splits on dots that are not inside brackets, parentheses or quotes.</summary>
    private static List<string> SplitDotted(string coordinate)
    {
        var segments = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < coordinate.Length; i++)
        {
            var c = coordinate[i];
            if (c == '"' || c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '[' or '(' or '{')
            {
                depth++;
            }
            else if (!quoted && c is ']' or ')' or '}' && depth > 0)
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == '.')
            {
                segments.Add(coordinate[start..i]);
                start = i + 1;
            }
        }

        segments.Add(coordinate[start..]);
        return segments;
    }
}
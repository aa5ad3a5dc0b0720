using System.Text.RegularExpressions;

using Tessera.Core.Contracts;

namespace Tessera.Core.Repos;

/// <summary>
/// The files one .proto spec needs: itself and, transitively, every file it imports that the repository holds. An
/// import path is resolved against the repository's .proto files by exact path, else by the unique file whose path
/// ends with it (an include root such as <c>proto/</c>); each imported file enters the package under the import path
/// the importer will look for. Imports the repository does not hold (e.g. <c>google/protobuf/*.proto</c>) are left to
/// the parser. Only the spec's own closure is parsed, so a broken, unrelated .proto elsewhere in the repository does
/// not fail it.
/// </summary>
public static partial class ProtoImports
{
    public const int MaxFiles = 500;

    public static IReadOnlyList<SourceFile> Closure(SpecFile root, IReadOnlyList<SpecFile> library)
    {
        var files = new List<SourceFile> { new(root.Path, root.Content) };
        var included = new HashSet<string>(StringComparer.Ordinal) { root.Path };
        var packaged = new HashSet<string>(StringComparer.Ordinal) { root.Path };
        var pending = new Queue<string>();
        pending.Enqueue(root.Content);
        while (pending.TryDequeue(out var content) && files.Count < MaxFiles)
        {
            foreach (Match match in Import().Matches(content))
            {
                var importPath = match.Groups["path"].Value;
                if (packaged.Contains(importPath))
                {
                    continue;
                }

                var file = Resolve(importPath, library);
                if (file is null || !included.Add(file.Path))
                {
                    continue;
                }

                packaged.Add(importPath);
                files.Add(new SourceFile(importPath, file.Content));
                pending.Enqueue(file.Content);
            }
        }

        return files;
    }

    private static SpecFile? Resolve(string importPath, IReadOnlyList<SpecFile> library)
    {
        var exact = library.FirstOrDefault(f => f.Path == importPath);
        if (exact is not null)
        {
            return exact;
        }

        var suffix = library.Where(f => f.Path.EndsWith("/" + importPath, StringComparison.Ordinal)).ToList();
        return suffix.Count == 1 ? suffix[0] : null;
    }

    [GeneratedRegex(@"^\s*import\s+(?:public\s+|weak\s+)?""(?<path>[^""\r\n]+)""\s*;", RegexOptions.Multiline)]
    private static partial Regex Import();
}
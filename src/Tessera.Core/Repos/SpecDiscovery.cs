using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.Extensions.FileSystemGlobbing;

using Tessera.Schemas;
using Tessera.Schemas.Text;

namespace Tessera.Core.Repos;

/// <summary>What kind of contract a spec file holds (api.md §3.11, compatibility.md §4.6).</summary>
public enum SpecKind
{
    OpenApi,
    Grpc,
    GraphQL,
}

/// <summary>A spec file found in a clone: its repo-relative path ('/'-separated) and its text.</summary>
public sealed record SpecFile(string Path, SpecKind Kind, string Content);

/// <summary>What a scan found, and what it refused or could not read (per file).</summary>
/// <param name="ProtoLibrary">Every readable .proto file of the repository (for imports), found or not under spec_paths.</param>
/// <param name="SeenPaths">Every file under spec_paths with a spec extension, readable or not: a spec that failed to
/// parse is still there (its assets are not "removed").</param>
/// <param name="Truncated">The listing stopped at TESSERA_SYNC_MAX_FILES: files may be missing from the result.</param>
public sealed record DiscoveryResult(
    IReadOnlyList<SpecFile> Specs, IReadOnlyList<SpecFile> ProtoLibrary, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings,
    IReadOnlySet<string> SeenPaths, bool Truncated);

/// <summary>Bounds on a scan: TESSERA_SYNC_MAX_FILES entries listed, TESSERA_SYNC_MAX_SPEC_BYTES per spec file.</summary>
public sealed record DiscoveryLimits(int MaxFiles = 20_000, long MaxSpecBytes = 5_000_000);

/// <summary>
/// Finds spec files under a repo's <c>spec_paths</c> in a clone (api.md §3.11): a directory is scanned recursively, a
/// file is itself, anything else is a glob (Microsoft.Extensions.FileSystemGlobbing), tried again as <c>**/&lt;glob&gt;</c>
/// when it matches nothing. Hidden entries, <c>node_modules</c>, <c>vendor</c>, <c>__pycache__</c>, <c>.git</c>,
/// symbolic links and non-UTF-8 files are skipped; no path can leave the clone. <c>.proto</c> is gRPC,
/// <c>.graphql</c>/<c>.gql</c> is GraphQL SDL, <c>.yaml</c>/<c>.yml</c>/<c>.json</c> with a top-level <c>openapi</c>
/// (or <c>swagger</c>) key is OpenAPI.
/// </summary>
public static class SpecDiscovery
{
    private static readonly SchemaLimits SniffLimits = SchemaLimits.Default;

    /// <summary>Checks one spec path as written in the repo settings; returns it normalised ('/'-separated, relative) or throws.</summary>
    public static string NormalizeSpecPath(string? specPath)
    {
        var path = (specPath ?? "").Trim();
        if (path.Length == 0)
        {
            throw new RepoSyncException("A spec path is empty");
        }

        if (path.Contains('\0', StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            throw new RepoSyncException($"Spec path '{Printable(path)}' contains control characters");
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            throw new RepoSyncException($"Spec path '{path}' must use '/' as separator");
        }

        if (path.StartsWith('/') || path.StartsWith('~') || (path.Length > 1 && path[1] == ':'))
        {
            throw new RepoSyncException($"Spec path '{path}' is absolute; spec paths are relative to the repository root");
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
        {
            throw new RepoSyncException($"Spec path '{path}' contains '..'; spec paths must stay inside the repository");
        }

        return string.Join('/', parts);
    }

    public static DiscoveryResult Discover(string cloneRoot, IReadOnlyList<string> specPaths, DiscoveryLimits limits)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var tree = new CloneTree(cloneRoot, limits.MaxFiles);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in specPaths)
        {
            string specPath;
            try
            {
                specPath = NormalizeSpecPath(raw);
            }
            catch (RepoSyncException e)
            {
                errors.Add(e.Message);
                continue;
            }

            var (entry, reason) = specPath.Length == 0 ? (CloneTree.Entry.Directory, null) : tree.Resolve(specPath);
            switch (entry)
            {
                case CloneTree.Entry.Refused:
                    warnings.Add($"Spec path '{raw}' skipped: {reason}");
                    break;
                case CloneTree.Entry.File:
                    candidates.Add(specPath);
                    break;
                case CloneTree.Entry.Directory:
                    AddMatches(tree, specPath.Length == 0 ? "**/*" : specPath + "/**/*", candidates);
                    break;
                default:
                    if (AddMatches(tree, specPath, candidates) == 0 && AddMatches(tree, "**/" + specPath, candidates) == 0)
                    {
                        warnings.Add($"Spec path '{raw}' matched no files");
                    }

                    break;
            }
        }

        var specs = new List<SpecFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in candidates)
        {
            var kind = KindByExtension(path);
            if (kind is null)
            {
                continue;
            }

            seen.Add(path);
            var text = Read(tree, path, limits, errors, warnings);
            if (text is null)
            {
                continue;
            }

            if (kind == SpecKind.OpenApi)
            {
                try
                {
                    if (!IsOpenApi(text, path))
                    {
                        continue;
                    }
                }
                catch (SchemaParseException e)
                {
                    errors.Add($"{path}: {e.Message}");
                    continue;
                }
            }

            specs.Add(new SpecFile(path, kind.Value, text));
        }

        var library = new List<SpecFile>();
        if (specs.Any(s => s.Kind == SpecKind.Grpc))
        {
            // A second walk with its own budget: imports may live anywhere in the repository.
            var whole = new CloneTree(cloneRoot, limits.MaxFiles);
            var protos = new SortedSet<string>(StringComparer.Ordinal);
            AddMatches(whole, "**/*.proto", protos);
            foreach (var path in protos)
            {
                var text = specs.FirstOrDefault(s => s.Path == path)?.Content ?? Read(whole, path, limits, null, null);
                if (text is not null)
                {
                    library.Add(new SpecFile(path, SpecKind.Grpc, text));
                }
            }

            if (whole.Truncated)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Stopped looking for .proto imports after {limits.MaxFiles:N0} files and folders (TESSERA_SYNC_MAX_FILES)"));
            }
        }

        if (tree.Truncated)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"Stopped scanning after {limits.MaxFiles:N0} files and folders (TESSERA_SYNC_MAX_FILES); spec files beyond that were not examined"));
        }

        return new DiscoveryResult(specs, library, errors, warnings, seen, tree.Truncated);
    }

    /// <summary>The kind an extension promises (YAML and JSON only become OpenAPI once their content says so).</summary>
    public static SpecKind? KindByExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".proto" => SpecKind.Grpc,
        ".graphql" or ".gql" => SpecKind.GraphQL,
        ".yaml" or ".yml" or ".json" => SpecKind.OpenApi,
        _ => null,
    };

    /// <summary>True when the document's top level is a mapping with an <c>openapi</c> or <c>swagger</c> key.</summary>
    public static bool IsOpenApi(string text, string? sourceName = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return StructuredText.Parse(text, SniffLimits, sourceName) is JsonObject root && (root.ContainsKey("openapi") || root.ContainsKey("swagger"));
    }

    private static int AddMatches(CloneTree tree, string pattern, ISet<string> into)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var count = 0;
        foreach (var match in matcher.Execute(tree.Root).Files)
        {
            var path = match.Path.Replace('\\', '/');
            if (tree.Resolve(path).Kind == CloneTree.Entry.File)
            {
                into.Add(path);
                count++;
            }
        }

        return count;
    }

    private static string? Read(CloneTree tree, string path, DiscoveryLimits limits, List<string>? errors, List<string>? warnings)
    {
        var (entry, reason) = tree.Resolve(path);
        if (entry != CloneTree.Entry.File)
        {
            warnings?.Add($"{path}: skipped: {reason ?? "not a regular file"}");
            return null;
        }

        var full = Path.Combine(tree.RootPath, path);
        var length = new FileInfo(full).Length;
        if (length > limits.MaxSpecBytes)
        {
            errors?.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {length:N0} bytes is more than the {limits.MaxSpecBytes:N0}-byte limit for one spec file (TESSERA_SYNC_MAX_SPEC_BYTES); skipped"));
            return null;
        }

        var bytes = File.ReadAllBytes(full);
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            warnings?.Add($"{path}: skipped: not UTF-8 text");
            return null;
        }
    }

    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
}
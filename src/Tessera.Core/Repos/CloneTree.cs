using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Tessera.Core.Repos;

/// <summary>
/// The clone as the glob matcher sees it: symbolic links (files and directories), hidden entries and the skipped
/// folders (<c>node_modules</c>, <c>vendor</c>, <c>__pycache__</c>, <c>.git</c>) do not exist, nothing above the clone
/// root can be reached, and every entry listed counts against a budget (TESSERA_SYNC_MAX_FILES) so a repository
/// with millions of files cannot stall the scan.
/// </summary>
internal sealed class CloneTree
{
    private static readonly HashSet<string> SkippedNames = new(StringComparer.Ordinal) { "node_modules", "vendor", "__pycache__", ".git" };

    private readonly int _maxEntries;
    private int _entries;

    public CloneTree(string root, int maxEntries)
    {
        RootPath = Path.GetFullPath(root);
        _maxEntries = maxEntries;
        Root = new TreeDirectory(this, new DirectoryInfo(RootPath), null, blocked: false);
    }

    public string RootPath { get; }

    public DirectoryInfoBase Root { get; }

    /// <summary>True once the budget ran out: the listing stopped early.</summary>
    public bool Truncated { get; private set; }

    public static bool IsSkippedName(string name) => name.StartsWith('.') || SkippedNames.Contains(name);

    /// <summary>
    /// Follows <paramref name="relative"/> ('/'-separated, already free of <c>..</c>) from the root one component at a
    /// time and says what it names. Any symbolic link, hidden or skipped component on the way makes it
    /// <see cref="Entry.Refused"/>, so no path can lead out of the clone.
    /// </summary>
    public (Entry Kind, string? Reason) Resolve(string relative)
    {
        var current = RootPath;
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (IsSkippedName(part))
            {
                return (Entry.Refused, $"'{part}' is a hidden or skipped folder");
            }

            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists && info.LinkTarget is null)
            {
                return (Entry.Missing, null);
            }

            if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                return (Entry.Refused, $"'{string.Join('/', parts[..(i + 1)])}' is a symbolic link");
            }

            if (info is FileInfo)
            {
                return i == parts.Length - 1 ? (Entry.File, null) : (Entry.Missing, null);
            }
        }

        return (Entry.Directory, null);
    }

    private bool Spend()
    {
        if (_entries >= _maxEntries)
        {
            Truncated = true;
            return false;
        }

        _entries++;
        return true;
    }

    public enum Entry
    {
        Missing,
        File,
        Directory,
        Refused,
    }

    private sealed class TreeDirectory(CloneTree tree, DirectoryInfo info, TreeDirectory? parent, bool blocked) : DirectoryInfoBase
    {
        public override string Name => info.Name;

        public override string FullName => info.FullName;

        public override DirectoryInfoBase? ParentDirectory => parent;

        public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
        {
            if (blocked || !info.Exists)
            {
                yield break;
            }

            var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };
            foreach (var entry in info.EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (IsSkippedName(entry.Name) || entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    continue;
                }

                if (!tree.Spend())
                {
                    yield break;
                }

                yield return entry is DirectoryInfo directory
                    ? new TreeDirectory(tree, directory, this, blocked: false)
                    : new TreeFile((FileInfo)entry, this);
            }
        }

        public override DirectoryInfoBase? GetDirectory(string path)
        {
            if (path == "..")
            {
                // Never above the clone root.
                return parent ?? new TreeDirectory(tree, info, null, blocked: true);
            }

            var child = new DirectoryInfo(Path.Combine(info.FullName, path));
            var refused = blocked || path.Contains('/', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal) || path == "."
                || IsSkippedName(path) || child.LinkTarget is not null || !child.Exists;
            return new TreeDirectory(tree, child, this, refused);
        }

        public override FileInfoBase? GetFile(string path)
        {
            var file = new FileInfo(Path.Combine(info.FullName, path));
            return new TreeFile(file, this);
        }
    }

    private sealed class TreeFile(FileInfo info, TreeDirectory parent) : FileInfoBase
    {
        public override string Name => info.Name;

        public override string FullName => info.FullName;

        public override DirectoryInfoBase ParentDirectory => parent;
    }
}
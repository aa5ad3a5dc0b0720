namespace Tessera.Core.Repos;

/// <summary>File-system chores on a clone: its size and its removal. Symbolic links are never followed.</summary>
public static class CloneDirectory
{
    /// <summary>Total bytes of the regular files under <paramref name="directory"/> (git's own objects included).</summary>
    public static long SizeInBytes(string directory)
    {
        long total = 0;
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(directory));
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo child)
                {
                    pending.Push(child);
                }
                else if (entry is FileInfo file)
                {
                    total += file.Length;
                }
            }
        }

        return total;
    }

    /// <summary>Deletes <paramref name="directory"/> and everything in it, if it exists.</summary>
    public static void Delete(string directory)
    {
        if (!Directory.Exists(directory) && !File.Exists(directory))
        {
            return;
        }

        var info = new DirectoryInfo(directory);
        if (info.LinkTarget is not null)
        {
            info.Delete();
            return;
        }

        Directory.Delete(directory, recursive: true);
    }
}
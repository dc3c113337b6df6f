namespace Parley.Core.Hosting;

/// <summary>
/// The data directory holds the database, the key ring that decrypts every stored secret, and contacts' media: on
/// Unix it and its folders are made readable by Parley's user only (0700), its files 0600, whatever the umask says.
/// An existing folder or file open to others is tightened; where that is not allowed (a volume owned by someone else)
/// the caller is told, and starts anyway. On Windows the folder's inherited ACL applies.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersAndGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700, or tightens it; false when it stays open to others.</summary>
    public static bool EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return true;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, PrivateDirectoryMode);
            return true;
        }

        return Tighten(path, PrivateDirectoryMode);
    }

    /// <summary>Creates an empty <paramref name="path"/> as 0600 when missing, or tightens it; false when it stays open to others.</summary>
    public static bool EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            using (new FileStream(path, NewFile(FileMode.CreateNew)))
            {
                return true;
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            return Tighten(path, PrivateFileMode);
        }
    }

    /// <summary>Tightens an existing file to 0600 (no-op when it does not exist); false when it stays open to others.</summary>
    public static bool TightenFile(string path) => OperatingSystem.IsWindows() || !File.Exists(path) || Tighten(path, PrivateFileMode);

    /// <summary>Options for a new file readable by Parley's user only.</summary>
    public static FileStreamOptions NewFile(FileMode mode = FileMode.CreateNew, FileAccess access = FileAccess.ReadWrite) =>
        OperatingSystem.IsWindows()
            ? new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None }
            : new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, UnixCreateMode = PrivateFileMode };

    private static bool Tighten(string path, UnixFileMode wanted)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersAndGroup) == 0)
        {
            return true;
        }

        try
        {
            File.SetUnixFileMode(path, (mode & ~OthersAndGroup) | wanted);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}

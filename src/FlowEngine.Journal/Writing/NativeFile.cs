using System.Runtime.InteropServices;

namespace FlowEngine.Journal;

/// <summary>
/// Fsync of a directory, which .NET has no API for: after creating a segment file, the directory entry must
/// reach the disk too or a power loss can lose the whole (fsynced) file.
/// </summary>
internal static partial class NativeFile
{
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int fd, long offset, long nbytes, uint flags);

    /// <summary>
    /// Asks Linux to start writing back a byte range now without waiting for it (SYNC_FILE_RANGE_WRITE), so the
    /// periodic fsync of the batch policy finds most pages already clean and stalls the disk thread less.
    /// Best effort: elsewhere, or on failure, it does nothing (the fsync still makes the data durable).
    /// </summary>
    public static void StartWriteback(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            SyncFileRange((int)handle.DangerousGetHandle(), offset, length, 2);
        }
        catch (EntryPointNotFoundException)
        {
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>Fsyncs <paramref name="directory"/> on Linux and macOS; elsewhere does nothing.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        var fd = Open(directory, 0); // O_RDONLY
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            Close(fd);
        }
    }
}

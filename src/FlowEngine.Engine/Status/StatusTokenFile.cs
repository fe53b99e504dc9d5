namespace FlowEngine.Engine.Status;

/// <summary>
/// The file holding the status socket's token: <c>&lt;run dir&gt;/status.token</c>, readable by its owner
/// only (0600), so only the user who runs the engine can stop it through the socket.
/// </summary>
public static class StatusTokenFile
{
    /// <summary>File name inside the run directory.</summary>
    public const string FileName = "status.token";

    /// <summary>The token file's path for <paramref name="runDirectory"/>.</summary>
    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, FileName);

    /// <summary>
    /// Writes <paramref name="token"/> to <c>&lt;runDirectory&gt;/status.token</c>. The file is created with
    /// mode 0600 (never briefly world-readable) and the mode is set again in case the umask or an existing
    /// file interfered. Returns the path.
    /// </summary>
    public static string Write(string runDirectory, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Directory.CreateDirectory(runDirectory);
        var path = PathIn(runDirectory);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(token + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>Reads the token from <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No token file: the engine is not running, or runs without a status socket.</exception>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public static string Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} (the engine writes it to its run directory while the status socket is open)", path);
        var token = File.ReadAllText(path).Trim();
        if (token.Length == 0)
            throw new InvalidDataException($"token file {path} is empty");
        return token;
    }
}

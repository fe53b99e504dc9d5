namespace FlowEngine.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose; one per test or fixture.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flowengine-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a text file inside the directory and returns its path.</summary>
    public string File(string name, string contents)
    {
        var path = Combine(name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    /// <summary>Writes a binary file inside the directory and returns its path.</summary>
    public string File(string name, byte[] contents)
    {
        var path = Combine(name);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}

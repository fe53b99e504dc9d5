namespace FlowEngine.Tests;

/// <summary>Locates the repository root and the shared real-data folder beside it.</summary>
internal static class TestPaths
{
    /// <summary>The folder that holds FlowEngine.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// <c>../shared/data</c> relative to the repository root, or FLOWENGINE_SHARED_DATA when set.
    /// Tests that need real data fail (not skip) when it is missing: CI always has it.
    /// </summary>
    public static string SharedData { get; } =
        Environment.GetEnvironmentVariable("FLOWENGINE_SHARED_DATA") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>A file under the shared data folder; throws with the path when it is absent.</summary>
    public static string Data(params string[] parts)
    {
        var path = Path.Combine(SharedData, Path.Combine(parts));
        if (!File.Exists(path))
            throw new FileNotFoundException($"shared test data not found: {path} (set FLOWENGINE_SHARED_DATA)", path);
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowEngine.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("FlowEngine.sln not found above " + AppContext.BaseDirectory);
    }
}

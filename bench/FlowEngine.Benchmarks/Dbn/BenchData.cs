namespace FlowEngine.Benchmarks.Dbn;

/// <summary>Finds the shared real-data folder (../shared/data beside the repository, or FLOWENGINE_SHARED_DATA).</summary>
internal static class BenchData
{
    public static string Path(params string[] parts)
    {
        var root = Environment.GetEnvironmentVariable("FLOWENGINE_SHARED_DATA") is { Length: > 0 } env ? env : FindSharedData();
        var path = System.IO.Path.Combine(root, System.IO.Path.Combine(parts));
        if (!File.Exists(path))
            throw new FileNotFoundException($"benchmark data not found: {path} (set FLOWENGINE_SHARED_DATA)", path);
        return path;
    }

    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FlowEngine.sln")))
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
        }

        throw new InvalidOperationException("FlowEngine.sln not found above " + AppContext.BaseDirectory);
    }
}

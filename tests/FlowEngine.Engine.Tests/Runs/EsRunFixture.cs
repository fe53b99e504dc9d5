using FlowEngine.Engine.Runs;

namespace FlowEngine.Engine.Tests.Runs;

/// <summary>One journaled run of the two ES DBN files, shared by the tests that read it (they copy it before changing anything).</summary>
public sealed class EsRunFixture : IDisposable
{
    public EsRunFixture()
    {
        Root = new TempDir();
        Result = TestRuns.Execute(TestRuns.EsConfig(Root.Path), "es");
    }

    internal TempDir Root { get; }

    public RunResult Result { get; }

    public string RunDirectory => Result.Layout.Directory;

    /// <summary>A copy of the run directory under a new name, for tests that damage or tamper with it.</summary>
    public string Copy(string name)
    {
        var target = Path.Combine(Root.Path, name);
        foreach (var file in Directory.EnumerateFiles(RunDirectory, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(RunDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public void Dispose() => Root.Dispose();
}

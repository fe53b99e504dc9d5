namespace FlowEngine.Engine.Runs;

/// <summary>
/// The files of one run directory (<c>&lt;journal root&gt;/&lt;run id&gt;/</c>), named in one place:
/// <code>
/// inputs/          journal of every input (MBO events and timer ticks) with its ring sequence
/// outputs/         journal of every output with the input sequence that caused it
/// run.json         run id, source, effective configuration (secrets redacted), config hash, engine version
/// instruments.dbn  instrument definitions seen (DBN), so replays and IFD get them back
/// baseline.snapshot the IFD baseline the run scored against (a byte copy), so replays and parity use the same
/// baseline.updated.snapshot  that baseline with this run's session folded in (runs that end cleanly with IFD on):
///                   what the next run can start from
/// labels.csv       simulator ground truth (simulator runs only)
/// report.json      the run report
/// status.token     status socket token (0600), removed at exit
/// </code>
/// plus the log file named by <c>logging.file</c>.
/// </summary>
public sealed class RunLayout
{
    /// <summary>Folder of the input journal.</summary>
    public const string InputsName = "inputs";

    /// <summary>Folder of the output journal.</summary>
    public const string OutputsName = "outputs";

    /// <summary>The run manifest.</summary>
    public const string ManifestName = "run.json";

    /// <summary>Instrument definitions.</summary>
    public const string InstrumentsName = "instruments.dbn";

    /// <summary>The copy of the baseline snapshot the run loaded (only when it loaded one).</summary>
    public const string BaselineName = "baseline.snapshot";

    /// <summary>The baseline after the run's session was folded in (written when a run with IFD ends cleanly).</summary>
    public const string UpdatedBaselineName = "baseline.updated.snapshot";

    /// <summary>Simulator labels.</summary>
    public const string LabelsName = "labels.csv";

    /// <summary>The run report.</summary>
    public const string ReportName = "report.json";

    private RunLayout(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The run directory (absolute).</summary>
    public string Directory { get; }

    /// <summary>The run id: the directory's name.</summary>
    public string RunId => Path.GetFileName(Directory);

    /// <summary>The input journal folder.</summary>
    public string InputsDirectory => Path.Combine(Directory, InputsName);

    /// <summary>The output journal folder.</summary>
    public string OutputsDirectory => Path.Combine(Directory, OutputsName);

    /// <summary><c>run.json</c>.</summary>
    public string ManifestFile => Path.Combine(Directory, ManifestName);

    /// <summary><c>instruments.dbn</c>.</summary>
    public string InstrumentsFile => Path.Combine(Directory, InstrumentsName);

    /// <summary><c>baseline.snapshot</c>.</summary>
    public string BaselineFile => Path.Combine(Directory, BaselineName);

    /// <summary><c>baseline.updated.snapshot</c>.</summary>
    public string UpdatedBaselineFile => Path.Combine(Directory, UpdatedBaselineName);

    /// <summary><c>labels.csv</c>.</summary>
    public string LabelsFile => Path.Combine(Directory, LabelsName);

    /// <summary><c>report.json</c>.</summary>
    public string ReportFile => Path.Combine(Directory, ReportName);

    /// <summary>The layout of <paramref name="root"/>/<paramref name="runId"/> (nothing is created).</summary>
    public static RunLayout For(string root, string runId) => new(Path.Combine(root, runId));

    /// <summary>
    /// The layout of an existing run directory; throws <see cref="DirectoryNotFoundException"/> naming what is
    /// missing when <paramref name="directory"/> is not a run directory (no <c>inputs/</c> journal).
    /// </summary>
    public static RunLayout Existing(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var layout = new RunLayout(directory);
        if (!System.IO.Directory.Exists(layout.Directory))
            throw new DirectoryNotFoundException($"run directory not found: {layout.Directory}");
        if (!System.IO.Directory.Exists(layout.InputsDirectory))
            throw new DirectoryNotFoundException($"{layout.Directory} is not a run directory: it has no {InputsName}/ journal");
        return layout;
    }

    /// <summary>
    /// The journal folders under <paramref name="path"/>: a run directory gives its <c>inputs/</c> and
    /// <c>outputs/</c> (those that exist); any other folder is taken as a single journal. For tools that accept either.
    /// </summary>
    public static IReadOnlyList<string> JournalStreams(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var streams = new List<string>();
        foreach (var name in (string[])[InputsName, OutputsName])
        {
            var dir = Path.Combine(full, name);
            if (System.IO.Directory.Exists(dir))
                streams.Add(dir);
        }
        if (streams.Count == 0)
            streams.Add(full);
        return streams;
    }

    /// <summary>
    /// Creates the run directory, refusing one that already exists with anything in it: a run never writes
    /// over another.
    /// </summary>
    /// <exception cref="IOException">The directory exists and is not empty, or the path is a file.</exception>
    public void Create()
    {
        if (File.Exists(Directory))
            throw new IOException($"cannot create run directory {Directory}: a file with that name exists");
        if (System.IO.Directory.Exists(Directory) && System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            throw new IOException($"run directory {Directory} already exists and is not empty; a run never writes over another (choose another run id or journal root)");
        System.IO.Directory.CreateDirectory(Directory);
    }
}

using System.Globalization;
using System.Reflection;
using FlowEngine.Book;
using FlowEngine.Engine.Configuration;
using FlowEngine.Engine.Logging;
using FlowEngine.Engine.Metrics;
using FlowEngine.Engine.Outputs;
using FlowEngine.Engine.Pipeline;
using FlowEngine.Engine.Reporting;
using FlowEngine.Engine.Sources;
using FlowEngine.Engine.Status;
using FlowEngine.Journal;
using FlowEngine.Market.Dbn;
using FlowEngine.Market.Events;
using FlowEngine.Market.Instruments;
using FlowEngine.Ring;
using Serilog;
using Serilog.Core;

namespace FlowEngine.Engine.Runs;

/// <summary>
/// One run of the engine, start to finish: open the source, create the run directory, start the status socket,
/// the journals and the pipeline, publish until the source ends or a stop is requested, drain, close the
/// journals, and write the report. The product's <c>run</c> and <c>replay</c> are this with different sources.
/// </summary>
/// <remarks>
/// Bad input found before the run starts (a missing file, a port in use, an existing run directory) is thrown
/// and leaves nothing behind. Anything that goes wrong once events flow (damaged input, a failed stage, a
/// failed journal write) still ends the run cleanly — drained, journals closed, report written — and is
/// returned in the <see cref="RunResult"/>.
/// </remarks>
public static class EngineRun
{
    private static readonly TimeSpan HaltTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The engine version recorded in run.json and journal headers.</summary>
    public static string EngineVersion { get; } =
        typeof(EngineRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the engine; returns when the run has ended and its report is written.</summary>
    public static RunResult Execute(EngineRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.Config;
        var control = options.Control;
        var runId = RunIds.Validate(options.RunId ?? RunIds.New(options.RunIdPrefix));
        var layout = RunLayout.For(config.Journal.Root, runId);
        var configHash = ConfigHash.Compute(config);
        var journalHash = JournalConfigHash.Compute(ConfigJson.ToCanonicalJson(config));
        var metrics = new EngineMetrics(config.Ring.Size, options.WarmupEvents, options.WarmupTime);

        // A bad baseline snapshot is bad input found before the run starts: nothing is created.
        var baseline = config.Ifd.Enabled ? RunFlow.LoadFor(config) : null;
        var reader = options.Reader ?? EventReaders.Create(config.Source);
        var info = new RunInfo
        {
            RunId = runId,
            RunDirectory = layout.Directory,
            Profile = ConfigNames.NameOf(ConfigNames.Profiles, config.Profile),
            ConfigHash = configHash,
            Source = reader.Description,
            Baseline = baseline?.Report,
        };

        // The business thread moves the others off its CPU when it starts; disposing gives the process its mask back.
        using var pinning = config.Ring.PinThreads ? CpuPinning.Apply() : null;
        var provider = new MetricsStatusProvider(metrics, info, reason => control.RequestStop(reason));
        Logger? logger = null;
        StatusServer? status = null;
        JournalWriter? inputs = null, outputs = null;
        var created = false;
        try
        {
            layout.Create();
            created = true;
            logger = EngineLogging.Create(config.Logging with { Console = config.Logging.Console && options.ConsoleLogging }, layout.Directory);
            if (config.Status.Enabled)
            {
                status = new StatusServer(StatusServerOptions.FromConfig(config.Status), provider, logger);
                status.Start();
                status.WriteTokenFile(layout.Directory);
            }
            new RunManifest
            {
                RunId = runId,
                EngineVersion = EngineVersion,
                CreatedUtc = DateTimeOffset.UtcNow,
                Source = reader.Description,
                ReplayOf = options.ReplayOf,
                ConfigHash = configHash,
                JournalConfigHash = journalHash.ToString("x16", CultureInfo.InvariantCulture),
                ConfigJson = ConfigJson.ToDisplayJson(config),
            }.Write(layout.ManifestFile);
            if (config.Journal.Enabled)
            {
                var created_ns = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
                inputs = new JournalWriter(JournalOptionsFor(config, layout, RunLayout.InputsName, journalHash, created_ns));
                outputs = new JournalWriter(JournalOptionsFor(config, layout, RunLayout.OutputsName, journalHash, created_ns));
                if (inputs.CompressionWarning is { } warning)
                    logger.Warning("journal: {Warning}", warning);
            }
            if (reader.Definitions.Count > 0)
                WriteInstruments(layout.InstrumentsFile, reader.Definitions);
            if (baseline?.Bytes is { } snapshot)
                File.WriteAllBytes(layout.BaselineFile, snapshot);
        }
        catch
        {
            CloseQuietly(inputs);
            CloseQuietly(outputs);
            status?.Dispose();
            logger?.Dispose();
            reader.Dispose();
            if (created)
                TryDelete(layout.Directory);
            throw;
        }

        try
        {
            if (pinning is not null)
                logger.Information("cpu: {Pinning}", pinning.Describe());
            return RunPipeline(options, layout, info, metrics, reader, logger, inputs, outputs, status, provider, baseline, pinning);
        }
        finally
        {
            status?.Dispose();
            logger.Dispose();
            reader.Dispose();
        }
    }

    private static RunResult RunPipeline(EngineRunOptions options, RunLayout layout, RunInfo info, EngineMetrics metrics,
        IEventReader reader, Logger logger, JournalWriter? inputs, JournalWriter? outputs, StatusServer? status, IStatusProvider provider,
        RunFlow.Baseline? baseline, CpuPinning? pinning)
    {
        var config = options.Config;
        var control = options.Control;
        IOutputSink sink = outputs is null ? new CountingOutputSink() : new JournalOutputSink(outputs);
        if (options.OutputTap is { } tap)
            sink = new TeeOutputSink(sink, tap);
        var definitions = new DefinitionCatalog();
        var flow = baseline is null ? null : RunFlow.SetupFor(config, baseline, definitions);
        using var pipeline = new EnginePipeline(config.Ring, metrics, inputs, sink,
            (stage, sequence, ex) => logger.Error(ex, "stage {Stage} failed at sequence {Sequence}", stage, sequence), flow, pinning);
        var ring = pipeline.Start();
        using var monitor = new RunMonitor(pipeline, inputs, options.Progress, options.ProgressInterval,
            flow is { RecordsBaseline: true } ? flow.Baseline?.Reserve : null);
        monitor.Start();
        logger.Information("run {RunId} started: source {Source}, speed {Speed}, ring {RingSize} slots ({Layout}, {Wait}), journal {Journal}, directory {Directory}",
            info.RunId, info.Source, config.Source.Speed.ToString(), config.Ring.Size,
            ConfigNames.NameOf(ConfigNames.ThreadLayouts, config.Ring.ThreadLayout), ConfigNames.NameOf(ConfigNames.WaitStrategies, config.Ring.WaitStrategy),
            inputs is null ? "off" : $"{ConfigNames.NameOf(ConfigNames.Compressions, config.Journal.Compression)}, durability {ConfigNames.NameOf(ConfigNames.Durabilities, config.Journal.Durability)}",
            layout.Directory);
        if (info.Baseline is { } b)
            logger.Information("ifd: {Baseline}", b.Describe());
        else
            logger.Information("ifd: off (ifd.enabled is false)");
        options.OnStarted?.Invoke(new RunStarted(layout, status?.LocalEndPoint, info.Source) { Status = provider });

        metrics.MarkStarted();
        SourceEnd? end = null;
        Exception? sourceError = null;
        try
        {
            end = new SourcePump(ring, reader, config.Source.Speed, config.Timer.TickIntervalMs, control, metrics.Counters, pipeline.SourceMeter, definitions)
            {
                EndTickUnitNs = RunFlow.EndTickUnitNs(config),
            }.Run();
        }
        catch (RingHaltedException)
        {
            // A stage failed and halted the ring; the pipeline's fault says which.
        }
        catch (Exception ex)
        {
            sourceError = ex;
            logger.Error("source {Source} failed after {Events} events: {Message}", info.Source, metrics.Counters.EventsIn, ex.Message);
        }

        var drained = pipeline.Halt(HaltTimeout);
        metrics.MarkStopped();
        monitor.Stop();
        var fault = pipeline.Ring.Fault;
        if (!drained)
            logger.Error("the pipeline did not stop within {Timeout} s; the books are left out of the report", HaltTimeout.TotalSeconds);

        Exception? journalError = null;
        foreach (var writer in (JournalWriter?[])[inputs, outputs])
        {
            try
            {
                writer?.Close();
            }
            catch (IOException ex)
            {
                journalError ??= ex;
                logger.Error("journal: {Message}", ex.Message);
            }
        }
        if (inputs is not null)
            metrics.Journal.Update(inputs.WrittenSequence, inputs.DurableSequence);

        var seen = reader.Definitions;
        if (seen.Count > 0)
            WriteInstruments(layout.InstrumentsFile, seen);
        if (reader is SimulatorReader simulator)
            simulator.Simulator.WriteLabels(layout.LabelsFile);

        BaselineUpdateReport? baselineUpdate = null;
        Exception? baselineError = null;
        if (drained && baseline is not null && pipeline.Flow is { } flowStage)
        {
            var failure = sourceError?.Message ?? fault?.ToString() ?? journalError?.Message ?? (end is null ? "the source did not end" : null);
            (baselineUpdate, baselineError) = SessionBaseline.End(config, layout, baseline, flowStage.Recorder, failure, control, logger);
        }

        var report = RunReportBuilder.Build(metrics, info) with
        {
            Books = drained && fault is null ? BookReports(pipeline.Books, seen) : [],
        };
        if (report.Flow is { } flowReport)
        {
            report = report with
            {
                Flow = flowReport with
                {
                    BaselineUpdate = baselineUpdate ?? new BaselineUpdateReport
                    {
                        Outcome = BaselineUpdateReport.NotUpdated,
                        SessionsBefore = baseline?.Store.SessionsEnded ?? 0,
                        SessionsAfter = baseline?.Store.SessionsEnded ?? 0,
                        Reason = "the pipeline did not stop in time, so the session is not folded in",
                    },
                },
            };
        }
        RunReportJson.WriteFile(report, layout.ReportFile);
        if (control.Reason is { } reason)
            logger.Information("run {RunId} stopped on request ({Reason})", info.RunId, reason);
        logger.Information("run {RunId} ended: {Events} events, {Ticks} timer ticks, {Outputs} outputs in {Seconds:0.000} s",
            info.RunId, report.EventsIn, report.TimerTicks, report.OutputsTotal, report.ElapsedSeconds);

        return new RunResult
        {
            Layout = layout,
            Report = report,
            End = end,
            StopReason = control.Reason,
            SourceError = sourceError,
            Fault = fault,
            JournalError = journalError,
            BaselineError = baselineError,
        };
    }

    /// <summary>Journal options for one stream (<c>inputs</c> or <c>outputs</c>) of the run.</summary>
    public static JournalOptions JournalOptionsFor(EngineConfig config, RunLayout layout, string stream, ulong configHash, long? createdUnixNanos = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(layout);
        return new JournalOptions
        {
            Root = Path.GetDirectoryName(Path.GetFullPath(layout.Directory))!,
            RunId = layout.RunId,
            Stream = stream,
            ConfigHash = configHash,
            Compression = config.Journal.Compression == Configuration.JournalCompression.Lz4 ? FlowEngine.Journal.JournalCompression.Lz4 : FlowEngine.Journal.JournalCompression.None,
            Durability = config.Journal.Durability switch
            {
                JournalDurability.None => DurabilityPolicy.None,
                JournalDurability.Always => DurabilityPolicy.Always,
                _ => DurabilityPolicy.Batch,
            },
            BatchSyncInterval = TimeSpan.FromMilliseconds(config.Journal.BatchFsyncMs),
            SegmentSize = config.Journal.SegmentBytes,
            CreatedUnixNanos = createdUnixNanos,
        };
    }

    /// <summary>Writes the definitions as a DBN definition file (through a temporary file and a rename).</summary>
    public static void WriteInstruments(string path, IEnumerable<InstrumentDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var temp = path + ".tmp";
        using (var writer = DbnWriter.Create(temp, new DbnMetadata { Dataset = "FLOWENGINE", Schema = DbnSchema.Definition }))
        {
            foreach (var definition in definitions)
                writer.WriteDefinition(definition);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One <see cref="BookReport"/> per book, by instrument id.</summary>
    public static IReadOnlyList<BookReport> BookReports(BookSet books, IReadOnlyCollection<InstrumentDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(books);
        ArgumentNullException.ThrowIfNull(definitions);
        var symbols = new Dictionary<uint, string>();
        foreach (var d in definitions)
            symbols[d.InstrumentId] = d.RawSymbol;
        var result = new List<BookReport>(books.Count);
        foreach (var book in books.Books)
        {
            var s = book.Summary();
            result.Add(new BookReport
            {
                InstrumentId = s.InstrumentId,
                Symbol = symbols.GetValueOrDefault(s.InstrumentId),
                BidLevels = s.BidLevels,
                AskLevels = s.AskLevels,
                BidOrders = s.BidOrders,
                AskOrders = s.AskOrders,
                BestBid = s.Top.HasBid ? PriceFormat.ToDecimal(s.Top.BidPrice) : null,
                BestAsk = s.Top.HasAsk ? PriceFormat.ToDecimal(s.Top.AskPrice) : null,
                Events = s.EventsApplied,
                LastTsRecv = s.LastTsRecv,
            });
        }
        return result;
    }

    private static void CloseQuietly(JournalWriter? writer)
    {
        try
        {
            writer?.Close();
        }
        catch (IOException)
        {
            // Already failing to start; the first error is the one reported.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the start failed and that error is what the user needs to see.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

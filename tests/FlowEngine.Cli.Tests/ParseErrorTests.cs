namespace FlowEngine.Cli.Tests;

/// <summary>Wrong flags are user errors: one clear line naming the flag, a pointer to --help, exit code 2.</summary>
public sealed class ParseErrorTests
{
    [Fact]
    public void Unknown_option_names_the_option_and_exits_2()
    {
        var result = CliProcess.Run("run", "--no-such-flag");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("error:", result.Err);
        Assert.Contains("--no-such-flag", result.Err);
        Assert.Contains("see 'flowengine run --help'", result.Err);
        Assert.DoesNotContain("   at ", result.Err); // no stack trace
    }

    [Fact]
    public void Unknown_command_exits_2()
    {
        var result = CliProcess.Run("frobnicate");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("frobnicate", result.Err);
    }

    [Fact]
    public void Help_still_works_and_lists_the_commands()
    {
        var result = CliProcess.Run("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var command in new[] { "run", "replay", "parity", "journal", "dbn", "book", "eval" })
            Assert.Contains(command, result.Out);
    }
}

namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>What one command (helm, promtool) printed and how it ended.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command's own message unless it succeeded, so a failure explains itself.</summary>
    public CommandResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"`{Command}` exited with {ExitCode}:\n{Stderr}\n{Stdout}");
}

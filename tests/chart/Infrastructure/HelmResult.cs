namespace BudgetBuddy.ChartTests.Infrastructure;

/// <summary>What one helm command printed and how it ended.</summary>
internal sealed record HelmResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with helm's own message unless the command succeeded, so a failed render explains itself.</summary>
    public HelmResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"`{Command}` exited with {ExitCode}:\n{Stderr}\n{Stdout}");
}

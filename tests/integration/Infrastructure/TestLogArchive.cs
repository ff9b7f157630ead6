using System.Collections.Concurrent;
using System.Globalization;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps every log line the test run's hosts wrote (the APIs' and operators' captured logs, stdout with their JSON
/// console output, the operator processes' output) in files under <c>BUDGETBUDDY_TEST_LOG_DIR</c>, one per source and
/// test process, for <c>tests/logscan</c> to check once the whole suite has run. Off when the variable is unset.
/// </summary>
public static class TestLogArchive
{
    public const string DirectoryVariable = "BUDGETBUDDY_TEST_LOG_DIR";

    private static readonly string? Folder = Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : null;
    private static readonly ConcurrentDictionary<string, StreamWriter> Writers = new(StringComparer.Ordinal);

    public static bool IsEnabled => Folder is not null;

    /// <summary>Appends the lines to this process's file for <paramref name="source"/> (e.g. <c>api-capture</c>).</summary>
    public static void Append(string source, IEnumerable<string> lines)
    {
        if (Folder is null)
        {
            return;
        }
        var writer = Writers.GetOrAdd(source, Open);
        lock (writer)
        {
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }
            writer.Flush();
        }
    }

    public static void Append(string source, string line) => Append(source, [line]);

    private static StreamWriter Open(string source)
    {
        Directory.CreateDirectory(Folder!);
        var path = Path.Combine(Folder!, string.Create(CultureInfo.InvariantCulture, $"{source}.{Environment.ProcessId}.log"));
        return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
    }
}

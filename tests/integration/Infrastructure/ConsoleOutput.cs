using System.Collections.Concurrent;
using System.Text;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>
/// A tee on this test process's stdout, installed before any host is built (the console logger keeps the writer it
/// finds then): what the hosts' JSON console loggers write passes on unchanged, and each line also goes to the
/// <see cref="TestLogArchive"/> and to tests waiting for it.
/// </summary>
public static class ConsoleOutput
{
    private static readonly Lazy<Tee> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Installs the tee once per process; call before building a host.</summary>
    public static void EnsureInstalled() => _ = Installed.Value;

    /// <summary>Waits until a stdout line containing <paramref name="marker"/> is written, and returns it.</summary>
    public static async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tee = Installed.Value;
        tee.Waiters[waiter] = marker;
        try
        {
            return await waiter.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No line with {marker} reached stdout within {timeout}.");
        }
        finally
        {
            tee.Waiters.TryRemove(waiter, out _);
        }
    }

    private static Tee Install()
    {
        var tee = new Tee(Console.Out);
        Console.SetOut(TextWriter.Synchronized(tee));
        return tee;
    }

    /// <summary>Passes everything on; splits what passes into lines for the archive and the waiters.</summary>
    private sealed class Tee(TextWriter original) : TextWriter
    {
        private readonly StringBuilder line = new();

        public ConcurrentDictionary<TaskCompletionSource<string>, string> Waiters { get; } = new();

        public override Encoding Encoding => original.Encoding;

        // TextWriter.Synchronized serialises the calls, so the line buffer needs no lock of its own.
        public override void Write(char value)
        {
            original.Write(value);
            if (value == '\n')
            {
                Complete();
            }
            else if (value != '\r')
            {
                line.Append(value);
            }
        }

        public override void Write(string? value)
        {
            original.Write(value);
            foreach (var c in value ?? "")
            {
                if (c == '\n')
                {
                    Complete();
                }
                else if (c != '\r')
                {
                    line.Append(c);
                }
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Flush() => original.Flush();

        private void Complete()
        {
            var text = line.ToString();
            line.Clear();
            TestLogArchive.Append("stdout", text);
            foreach (var (waiter, marker) in Waiters)
            {
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    waiter.TrySetResult(text);
                }
            }
        }
    }
}

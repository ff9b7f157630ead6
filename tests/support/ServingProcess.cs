using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace BudgetBuddy.TestSupport;

/// <summary>
/// A server binary (the API, the operator) run as a child process, as a pod runs it: its output kept, a wait until
/// it answers a health path, and a kill when disposed. A child process can be killed or frozen as a node failure
/// would, and its memory and exit are its own, which an in-process host would hide.
/// </summary>
public sealed class ServingProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    private readonly ConcurrentQueue<string> recent = new();
    private readonly ConcurrentQueue<string> all = new();

    private ServingProcess(Process process, Uri baseAddress, string name)
    {
        Process = process;
        BaseAddress = baseAddress;
        Name = name;
    }

    /// <summary>The process itself, for what this class does not wrap (signals, /proc, CPU time, waiting for exit).</summary>
    public Process Process { get; }

    /// <summary>Where it serves HTTP.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The caller's name for this process, for messages.</summary>
    public string Name { get; }

    public bool HasExited => Process.HasExited;

    /// <summary>Its recent output lines (stdout and stderr), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, recent);

    /// <summary>Every output line so far, e.g. for a log archive or a test that counts what it logged.</summary>
    public IReadOnlyCollection<string> AllOutput => all;

    /// <summary>The last <paramref name="lines"/> lines of output, for short failure messages.</summary>
    public string Tail(int lines) => recent.IsEmpty ? "(no output)" : string.Join(Environment.NewLine, recent.TakeLast(lines));

    /// <summary>Starts <paramref name="start"/> with its output redirected and kept; it should serve HTTP at <paramref name="baseAddress"/>.</summary>
    public static ServingProcess Start(ProcessStartInfo start, Uri baseAddress, string name)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var serving = new ServingProcess(process, baseAddress, name);
        process.OutputDataReceived += (_, e) => serving.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => serving.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serving;
    }

    /// <summary>
    /// Waits until GET <paramref name="healthPath"/> answers 200; throws <see cref="InvalidOperationException"/> as
    /// soon as the process exits, and <see cref="TimeoutException"/> when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task WaitUntilServingAsync(string healthPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} at {BaseAddress} exited with {Process.ExitCode}.{Environment.NewLine}{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(healthPath, UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or a process starting on a busy machine slower than one probe's timeout: ask again.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"{Name} at {BaseAddress} did not answer {healthPath} within {timeout}.{Environment.NewLine}{Output}");
    }

    /// <summary>SIGKILL, unless it has exited already: the process ends at once, mid-whatever, as on a node failure or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        recent.Enqueue(line);
        all.Enqueue(line);
        while (recent.Count > KeptLines && recent.TryDequeue(out _))
        {
        }
    }
}

using System.Diagnostics;
using System.Text;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// Sends one request of a run and records it: builds it with the step's think data, has a sender send it (which
/// stamps when it went out), stamps when the whole answer was in, and hands all three times (due, sent, done) to the
/// recorder. Shared by the open and the closed model, which differ only in when they call it and through which
/// sender, and by the HTTP and the storage path, which differ only in the sender.
/// </summary>
internal sealed class RequestRunner(Scenario scenario, LoadData data, LoadRecorder recorder, int runSeed, long t0)
{
    private readonly StepPicker picker = scenario.Picker();
    private Exception? fault;

    /// <summary>Ticks of <see cref="Stopwatch"/> since t0.</summary>
    public long Now => Stopwatch.GetTimestamp() - t0;

    public long T0 => t0;

    public LoadRecorder Recorder => recorder;

    /// <summary>The first exception a request raised that the runner did not expect: a bug of the harness, which voids the run.</summary>
    public Exception? Fault => fault;

    /// <summary>The step of request <paramref name="index"/> and the random choices it will make: the same for the same run seed.</summary>
    public (int Step, Think Think) Choose(long index)
    {
        var think = Think.ForRequest(runSeed, index);
        return (picker.Pick(think.NextUInt64()), think);
    }

    /// <summary>Sends and records the request; a stopped run ends quietly, anything unforeseen is kept in <see cref="Fault"/>.</summary>
    public async Task SendAsync(IRequestSender sender, long index, int step, Think think, long dueTicks, CancellationToken ct)
    {
        try
        {
            await SendAndRecordAsync(sender, index, step, think, dueTicks, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run was stopped.
        }
#pragma warning disable CA1031 // Whatever it is, the run must go on to report it rather than lose it on the thread pool.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref fault, e, null);
        }
    }

    private async Task SendAndRecordAsync(IRequestSender sender, long index, int step, Think think, long dueTicks, CancellationToken ct)
    {
        LoadRequest request;
        try
        {
            request = scenario.Steps[step].Build(data, think);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            var now = Now;
            recorder.RecordSent(index, step, dueTicks, now, now, 0, () => $"the step could not build its request: {e.Message}");
            return;
        }

        var answer = await sender.SendAsync(request, ct);
        var done = Now;

        recorder.RecordSent(index, step, dueTicks, answer.SentAt - t0, done, answer.Status, () => answer.Failure ?? Encoding.UTF8.GetString(answer.Body));
        if (answer.Status is >= 200 and < 300)
        {
            request.OnSuccess?.Invoke(request.User, answer.Body);
        }
    }
}

namespace BudgetBuddy.Operator.Runtime.Queue;

/// <summary>
/// <see cref="IWorkQueue"/> under one lock: a FIFO of ready keys, a "dirty" set (keys that need processing), a
/// "processing" set, and one timer for delayed adds driven by <see cref="TimeProvider"/> so tests control time.
/// </summary>
internal sealed class RateLimitingWorkQueue : IWorkQueue, IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<string> ready = new();
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> processing = new(StringComparer.Ordinal);
    private readonly LinkedList<TaskCompletionSource<string?>> getters = new();
    private readonly Dictionary<string, DateTimeOffset> waitingUntil = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> waiting = new();
    private readonly Dictionary<string, int> failures = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BackoffPolicy backoff;
    private readonly TimeProvider time;
    private readonly ControllerMetrics? metrics;
    private readonly ITimer timer;
    private DateTimeOffset? timerDue;
    private bool shuttingDown;

    public RateLimitingWorkQueue(BackoffPolicy backoff, TimeProvider time, ControllerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(time);
        backoff.DelayFor(0); // fails fast on a nonsensical policy rather than at the first failure
        this.backoff = backoff;
        this.time = time;
        this.metrics = metrics;
        timer = time.CreateTimer(_ => PromoteDueKeys(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Length
    {
        get
        {
            lock (gate)
            {
                return ready.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    public void Add(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (gate)
        {
            AddLocked(key);
        }
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }
            if (delay <= TimeSpan.Zero)
            {
                AddLocked(key);
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (waitingUntil.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }
            // An earlier due time supersedes the old entry, which stays in the heap and is skipped when it surfaces.
            waitingUntil[key] = due;
            waiting.Enqueue(key, due);
            ArmTimerLocked();
        }
    }

    public void AddRateLimited(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        TimeSpan delay;
        lock (gate)
        {
            var attempt = failures.GetValueOrDefault(key);
            failures[key] = attempt + 1;
            delay = backoff.DelayFor(attempt);
        }
        AddAfter(key, delay);
    }

    public void Forget(string key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    public int NumRequeues(string key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<string?> getter;
        LinkedListNode<TaskCompletionSource<string?>> node;
        lock (gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (shuttingDown)
            {
                return null;
            }
            if (ready.Count > 0)
            {
                return HandOutLocked();
            }
            getter = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = getters.AddLast(getter);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (gate)
            {
                // Removed under the lock so a key is never handed to a getter that has stopped listening.
                if (node.List is not null && getter.TrySetCanceled(cancellationToken))
                {
                    getters.Remove(node);
                }
            }
        });
        return await getter.Task.ConfigureAwait(false);
    }

    public void Done(string key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (shuttingDown)
            {
                if (processing.Count == 0)
                {
                    drained.TrySetResult();
                }
                return;
            }
            if (dirty.Contains(key))
            {
                ready.Enqueue(key);
                DispatchLocked();
            }
        }
    }

    public void ShutDown()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }
            shuttingDown = true;
            ready.Clear();
            dirty.Clear();
            waiting.Clear();
            waitingUntil.Clear();
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            foreach (var getter in getters)
            {
                getter.TrySetResult(null);
            }
            getters.Clear();
            if (processing.Count == 0)
            {
                drained.TrySetResult();
            }
            metrics?.SetQueueDepth(0);
        }
    }

    public async Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        ShutDown();
        await drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        ShutDown();
        timer.Dispose();
    }

    private void AddLocked(string key)
    {
        if (shuttingDown || !dirty.Add(key))
        {
            return;
        }
        // A key being processed stays only in "dirty"; Done queues it again, so one key never runs twice at once.
        if (processing.Contains(key))
        {
            return;
        }
        ready.Enqueue(key);
        DispatchLocked();
    }

    private void DispatchLocked()
    {
        while (ready.Count > 0 && getters.First is { } first)
        {
            getters.RemoveFirst();
            // Completes asynchronously (RunContinuationsAsynchronously), so no caller code runs under the lock.
            if (first.Value.TrySetResult(ready.Peek()))
            {
                HandOutLocked();
            }
        }
        metrics?.SetQueueDepth(ready.Count);
    }

    private string HandOutLocked()
    {
        var key = ready.Dequeue();
        dirty.Remove(key);
        processing.Add(key);
        metrics?.SetQueueDepth(ready.Count);
        return key;
    }

    private void PromoteDueKeys()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }
            timerDue = null;
            var now = time.GetUtcNow();
            while (waiting.TryPeek(out var key, out var due) && due <= now)
            {
                waiting.Dequeue();
                if (waitingUntil.TryGetValue(key, out var current) && current == due)
                {
                    waitingUntil.Remove(key);
                    AddLocked(key);
                }
            }
            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        // Drop superseded heap entries so the timer is armed for a key that is really due then.
        while (waiting.TryPeek(out var key, out var due) && (!waitingUntil.TryGetValue(key, out var current) || current != due))
        {
            waiting.Dequeue();
        }
        if (!waiting.TryPeek(out _, out var next))
        {
            return;
        }
        if (timerDue is { } armed && armed <= next)
        {
            return;
        }
        timerDue = next;
        var dueIn = next - time.GetUtcNow();
        timer.Change(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}

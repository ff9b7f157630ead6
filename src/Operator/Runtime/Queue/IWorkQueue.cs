using System.Diagnostics.CodeAnalysis;

namespace BudgetBuddy.Operator.Runtime.Queue;

/// <summary>
/// A rate-limited work queue of keys with client-go's semantics: a key waiting is queued once however often it is
/// added; a key being processed is never handed out again until <see cref="Done"/>, and if it was added meanwhile it
/// is queued again then; per-key exponential backoff for failures.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A work queue is what it is (client-go's name), though not a System.Collections.Queue.")]
public interface IWorkQueue
{
    /// <summary>Keys ready to be handed out (not counting keys being processed or waiting for a delay).</summary>
    int Length { get; }

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    bool IsShuttingDown { get; }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting; ignored after shutdown.</summary>
    void Add(string key);

    /// <summary>Adds <paramref name="key"/> once <paramref name="delay"/> has passed (the earliest of several wins).</summary>
    void AddAfter(string key, TimeSpan delay);

    /// <summary>Adds <paramref name="key"/> after its backoff, which grows with each call until <see cref="Forget"/>.</summary>
    void AddRateLimited(string key);

    /// <summary>Resets the backoff of <paramref name="key"/> (after a success).</summary>
    void Forget(string key);

    /// <summary>How many times <paramref name="key"/> was added rate-limited since it was last forgotten.</summary>
    int NumRequeues(string key);

    /// <summary>
    /// Waits for a key and marks it as being processed; null once the queue is shut down. Every key handed out must be
    /// given back with <see cref="Done"/>.
    /// </summary>
    Task<string?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Ends processing of <paramref name="key"/>; queues it again if it was added meanwhile.</summary>
    void Done(string key);

    /// <summary>
    /// Stops the queue: adds are ignored, waiting keys are dropped (a level-based controller lists everything again
    /// when it starts), and <see cref="GetAsync"/> returns null. Keys being processed may still be given back.
    /// </summary>
    void ShutDown();

    /// <summary>Shuts down, then waits until every key handed out has been given back with <see cref="Done"/>.</summary>
    Task ShutDownWithDrainAsync(CancellationToken cancellationToken);
}

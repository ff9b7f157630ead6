using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Fencing;
using BudgetBuddy.Operator.Runtime.LeaderElection;
using BudgetBuddy.TestSupport;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>
/// The lease fence on the fake clock: held for the renew deadline from the start of the last successful acquire or
/// renewal by this identity, fallen after it, never reopened within a term.
/// </summary>
public sealed class LeaseFenceTests
{
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new();
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly LeaseFence fence;

    public LeaseFenceTests() => fence = Fence(enabled: true);

    private LeaseFence Fence(bool enabled) => new(
        new LeaderElectionOptions
        {
            Enabled = enabled,
            LeaseName = "operator",
            LeaseNamespace = "ns",
            LeaseDuration = TimeSpan.FromSeconds(15),
            RenewDeadline = RenewDeadline,
            RetryPeriod = TimeSpan.FromSeconds(2),
        },
        time,
        new ControllerMetrics(registry),
        NullLogger.Instance);

    [Fact]
    public void A_replica_that_has_not_acquired_the_lease_holds_no_fence()
    {
        fence.BeginTerm();

        Assert.False(fence.IsHeld);
        Assert.Equal(TimeSpan.Zero, fence.Remaining);
    }

    [Fact]
    public void The_fence_holds_for_the_renew_deadline_after_a_renewal_and_falls_without_another()
    {
        var term = fence.BeginTerm();
        fence.Renewed(term, time.GetTimestamp());

        time.Advance(RenewDeadline - TimeSpan.FromMilliseconds(1));
        Assert.True(fence.IsHeld);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(fence.IsHeld);
    }

    [Fact]
    public void Each_renewal_moves_the_deadline_on()
    {
        var term = fence.BeginTerm();
        fence.Renewed(term, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(8));
        fence.Renewed(term, time.GetTimestamp());

        time.Advance(TimeSpan.FromSeconds(8));

        Assert.True(fence.IsHeld);
        Assert.Equal(TimeSpan.FromSeconds(2), fence.Remaining);
    }

    [Fact]
    public async Task A_renewal_counts_from_when_it_was_sent_not_from_when_its_answer_came()
    {
        var term = fence.BeginTerm();
        // The API server answers after 4 s: the Lease it stores may run from any moment after the request left.
        var inner = new ScriptedLock("me", time, answerAfter: TimeSpan.FromSeconds(4));
        var leaseLock = new FencedLeaseLock(inner, fence, term, time);

        Assert.True(await leaseLock.UpdateAsync(Record("me")));

        Assert.Equal(TimeSpan.FromSeconds(6), fence.Remaining);
    }

    [Fact]
    public async Task A_write_of_the_lease_for_another_holder_or_a_failed_one_does_not_hold_the_fence()
    {
        var term = fence.BeginTerm();
        var leaseLock = new FencedLeaseLock(new ScriptedLock("me", time), fence, term, time);

        await leaseLock.UpdateAsync(Record("someone-else"));
        await leaseLock.CreateAsync(Record("someone-else"));
        Assert.False(fence.IsHeld);

        var failing = new FencedLeaseLock(new ScriptedLock("me", time, succeeds: false), fence, term, time);
        await failing.UpdateAsync(Record("me"));
        await failing.CreateAsync(Record("me"));
        Assert.False(fence.IsHeld);

        await leaseLock.CreateAsync(Record("me"));
        Assert.True(fence.IsHeld);
    }

    [Fact]
    public void Once_fallen_the_fence_stays_down_for_the_term_even_if_a_late_renewal_succeeds()
    {
        var term = fence.BeginTerm();
        fence.Renewed(term, time.GetTimestamp());
        time.Advance(RenewDeadline - TimeSpan.FromSeconds(1));
        var lateRenewalStarted = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(2));

        // The renewal left before the deadline but answered after it: writes were refused meanwhile, and stay so.
        fence.Renewed(term, lateRenewalStarted);
        Assert.False(fence.IsHeld);

        var next = fence.BeginTerm();
        fence.Renewed(next, time.GetTimestamp());
        Assert.True(fence.IsHeld);
    }

    [Fact]
    public void A_renewal_that_returns_after_its_term_ended_counts_for_nothing()
    {
        var term = fence.BeginTerm();
        var started = time.GetTimestamp();
        fence.EndTerm(term);

        fence.Renewed(term, started);

        Assert.False(fence.IsHeld);
    }

    [Fact]
    public async Task Waiting_for_the_fall_ends_exactly_at_the_renew_deadline()
    {
        var term = fence.BeginTerm();
        fence.Renewed(term, time.GetTimestamp());
        var fallen = fence.WaitUntilFallenAsync(TestTimeout.Token);

        time.Advance(RenewDeadline - TimeSpan.FromMilliseconds(1));
        Assert.False(fallen.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await fallen.WaitAsync(TestTimeout.Token);
    }

    [Fact]
    public async Task A_refused_write_throws_and_is_counted_by_target()
    {
        fence.BeginTerm();

        var refused = Assert.Throws<FencedWriteException>(() => fence.ThrowIfNotHeld(ControllerMetrics.DynamoDbTarget, "PutItem"));
        Assert.Throws<FencedWriteException>(() => fence.ThrowIfNotHeld(ControllerMetrics.DynamoDbTarget, "CreateTable"));

        Assert.Equal("PutItem", refused.Operation);
        Assert.Equal(2, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_fenced_writes_total", "target=\"dynamodb\""));
        Assert.Equal(0, await MetricValues.ReadAsync(registry, "budgetbuddy_operator_fenced_writes_total", "target=\"kubernetes\""));
    }

    [Fact]
    public void Refusals_are_logged_once_per_term_at_warning()
    {
        var logger = new CountingLogger();
        var logged = new LeaseFence(new LeaderElectionOptions { LeaseName = "operator", LeaseNamespace = "ns" }, time, new ControllerMetrics(registry), logger);
        logged.BeginTerm();

        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<FencedWriteException>(() => logged.ThrowIfNotHeld(ControllerMetrics.KubernetesTarget, "POST /api/v1/namespaces/ns/events"));
        }
        Assert.Equal(1, logger.Warnings);

        logged.BeginTerm();
        Assert.Throws<FencedWriteException>(() => logged.ThrowIfNotHeld(ControllerMetrics.DynamoDbTarget, "PutItem"));
        Assert.Equal(2, logger.Warnings);
    }

    [Fact]
    public void With_leader_election_off_nothing_is_fenced()
    {
        var unfenced = Fence(enabled: false);

        time.Advance(TimeSpan.FromHours(1));

        Assert.True(unfenced.IsHeld);
        unfenced.ThrowIfNotHeld(ControllerMetrics.KubernetesTarget, "POST /api/v1/namespaces/ns/events");
    }

    private static LeaderElectionRecord Record(string holder) => new()
    {
        HolderIdentity = holder,
        LeaseDurationSeconds = 15,
        AcquireTime = DateTime.UtcNow,
        RenewTime = DateTime.UtcNow,
    };

    private sealed class CountingLogger : Microsoft.Extensions.Logging.ILogger
    {
        private int warnings;

        public int Warnings => Volatile.Read(ref warnings);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning)
            {
                Interlocked.Increment(ref warnings);
            }
        }
    }

    /// <summary>A lock whose writes answer as told, after a time on the fake clock.</summary>
    private sealed class ScriptedLock(string identity, FakeTimeProvider time, TimeSpan answerAfter = default, bool succeeds = true) : ILock
    {
        public string Identity => identity;

        public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(new LeaderElectionRecord());

        public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => Answer();

        public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => Answer();

        public string Describe() => "ns/operator";

        private Task<bool> Answer()
        {
            time.Advance(answerAfter);
            return Task.FromResult(succeeds);
        }
    }
}

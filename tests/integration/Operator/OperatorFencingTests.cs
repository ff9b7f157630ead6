using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// Fencing, seen from outside the processes: a leader frozen (SIGSTOP) until the standby has taken its Lease wakes
/// believing it still leads. Whatever it had queued or in hand, it must not write to Kubernetes or DynamoDB again.
/// Its Kubernetes writes are told apart by its User-Agent; its DynamoDB calls go through a recording proxy.
/// </summary>
public sealed class OperatorFencingTests(OperatorFencingTests.ProcessFixture op) : IClassFixture<OperatorFencingTests.ProcessFixture>
{
    /// <summary>The fake API server and DynamoDB Local, with no operator: each test starts the processes it needs.</summary>
    public sealed class ProcessFixture : OperatorFixture
    {
        protected override bool StartsOperator => false;
    }

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longer than anything the woken leader could still do in its old belief: the elector of KubernetesClient goes on
    /// for a whole renew deadline after its first failed renewal, and a requeue of a CREATING table comes after 5 s.
    /// </summary>
    private static readonly TimeSpan AfterWaking = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_leader_frozen_past_its_lease_makes_no_write_after_it_wakes()
    {
        var lease = $"frozen-{Guid.NewGuid():N}"[..20];
        await using var proxy = await RecordingDynamoDbProxy.StartAsync(op.DynamoDbLocal.ServiceUrl);
        await using var frozen = OperatorProcess.Start(op, "frozen-leader", Lease, lease, proxy.Url);
        await frozen.WaitUntilServingAsync(Startup);
        await WaitForHolderAsync(lease, frozen.Identity, frozen);
        await using var standby = OperatorProcess.Start(op, "standby", Lease, lease);
        await standby.WaitUntilServingAsync(Startup);
        await op.ApplyAsync("fenced-one", new { displayName = "Before the freeze" });
        await op.WaitForConditionAsync("fenced-one", TenantConditionTypes.Ready, "True", Startup);
        // The way out is watched: the leader's writes of both kinds were seen while it legitimately led.
        Assert.NotEmpty(KubernetesWritesBy(frozen, from: 0));
        Assert.NotEmpty(proxy.Writes);

        await frozen.PauseAsync();
        await WaitForHolderAsync(lease, standby.Identity, standby);
        var kubeMark = op.Kube.Requests.Count;
        var dynamoMark = proxy.Operations.Count;
        // Work for the woken leader to race the new one to: new tenants and a changed one reach its watch as soon as it
        // runs again, before the new leader can have finished them.
        await op.ApplyAsync("fenced-two", new { displayName = "While frozen" });
        await op.ApplyAsync("fenced-three", new { displayName = "While frozen too" });
        await op.ApplyAsync("fenced-one", new { displayName = "Changed while frozen" });
        await frozen.ResumeAsync();
        await Task.Delay(AfterWaking);

        AssertWokeAndWroteNothing(frozen, proxy, kubeMark, dynamoMark);
        Assert.Equal(standby.Identity, Holder(lease));
        await op.WaitForConditionAsync("fenced-two", TenantConditionTypes.Ready, "True", Startup);
        await op.WaitForConditionAsync("fenced-three", TenantConditionTypes.Ready, "True", Startup);
        await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "fenced-one", o => o?["status"]?["observedGeneration"]?.GetValue<long>() == 2, Startup);
    }

    [Fact]
    public async Task A_leader_frozen_in_the_middle_of_a_reconcile_makes_no_write_after_it_wakes()
    {
        const string tenant = "fenced-midway";
        var lease = $"midway-{Guid.NewGuid():N}"[..20];
        await using var proxy = await RecordingDynamoDbProxy.StartAsync(op.DynamoDbLocal.ServiceUrl);
        await using var frozen = OperatorProcess.Start(op, "frozen-midway", Lease, lease, proxy.Url);
        await frozen.WaitUntilServingAsync(Startup);
        await WaitForHolderAsync(lease, frozen.Identity, frozen);
        await using var standby = OperatorProcess.Start(op, "standby-midway", Lease, lease);
        await standby.WaitUntilServingAsync(Startup);

        // The leader is caught with its reconcile in hand: its CreateTable is on the wire when it freezes, and goes
        // through meanwhile, so on waking it holds the answer and the rest of the reconcile still to do.
        proxy.Hold("CreateTable");
        await op.ApplyAsync(tenant, new { displayName = "Frozen midway" });
        await proxy.WaitUntilHoldingAsync(Startup);
        await frozen.PauseAsync();
        proxy.Release();
        await WaitForHolderAsync(lease, standby.Identity, standby);
        await op.WaitForConditionAsync(tenant, TenantConditionTypes.Ready, "True", Startup);

        var kubeMark = op.Kube.Requests.Count;
        var dynamoMark = proxy.Operations.Count;
        await frozen.ResumeAsync();
        await Task.Delay(AfterWaking);

        AssertWokeAndWroteNothing(frozen, proxy, kubeMark, dynamoMark);
        Assert.Equal(standby.Identity, Holder(lease));
    }

    private void AssertWokeAndWroteNothing(OperatorProcess frozen, RecordingDynamoDbProxy proxy, int kubeMark, int dynamoMark)
    {
        // It did wake: it went on talking to the API server (its Lease, its watch), so silence below is not a dead process.
        Assert.Contains(op.Kube.Requests.Skip(kubeMark), r => By(r, frozen));
        Assert.False(frozen.HasExited, frozen.Output);
        var kubernetesWrites = KubernetesWritesBy(frozen, kubeMark);
        var dynamoWrites = proxy.Operations.Skip(dynamoMark).Where(RecordingDynamoDbProxy.IsWrite).ToList();
        Assert.True(
            kubernetesWrites.Count == 0 && dynamoWrites.Count == 0,
            $"After waking, {frozen.Identity} made {kubernetesWrites.Count} Kubernetes writes [{string.Join(", ", kubernetesWrites)}] " +
            $"and {dynamoWrites.Count} DynamoDB writes [{string.Join(", ", dynamoWrites)}].{Environment.NewLine}{frozen.Output}");
    }

    private List<string> KubernetesWritesBy(OperatorProcess replica, int from) =>
        [.. op.Kube.Requests.Skip(from)
            .Where(r => By(r, replica) && r.IsWrite && !r.Path.StartsWith("/apis/coordination.k8s.io/", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Path}")];

    private static bool By(RecordedRequest request, OperatorProcess replica) =>
        request.UserAgent?.Contains($"({replica.Identity})", StringComparison.Ordinal) ?? false;

    private string? Holder(string lease) =>
        op.Kube.Get(ApiResources.Leases, OperatorFixture.Namespace, lease)?["spec"]?["holderIdentity"]?.GetValue<string>();

    private async Task WaitForHolderAsync(string lease, string identity, OperatorProcess diagnostics)
    {
        try
        {
            await op.Kube.WaitForAsync(() => Holder(lease) == identity, Startup);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{identity} did not come to hold Lease {lease}.{Environment.NewLine}{diagnostics.Output}", e);
        }
    }
}

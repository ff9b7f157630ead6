using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>The operator binary run as real processes: two replicas behind one Lease, kills and restarts.</summary>
public sealed class OperatorFailoverTests(OperatorFailoverTests.ProcessFixture op) : IClassFixture<OperatorFailoverTests.ProcessFixture>
{
    /// <summary>The fake API server and DynamoDB Local, with no operator: each test starts the processes it needs.</summary>
    public sealed class ProcessFixture : OperatorFixture
    {
        protected override bool StartsOperator => false;
    }

    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_replicas_elect_one_reconciler_and_the_standby_takes_over_when_the_leader_is_killed()
    {
        var lease = $"failover-{Guid.NewGuid():N}"[..20];
        await using var first = OperatorProcess.Start(op, "replica-a", ShortLease, lease);
        await first.WaitUntilServingAsync(Startup);
        await WaitForHolderAsync(lease, "replica-a", Startup, first);
        await using var second = OperatorProcess.Start(op, "replica-b", ShortLease, lease);
        await second.WaitUntilServingAsync(Startup);

        await op.ApplyAsync("failover-one", new { displayName = "One" });
        await op.ApplyAsync("failover-two", new { displayName = "Two" });
        await op.WaitForConditionAsync("failover-one", TenantConditionTypes.Ready, "True", Startup);
        await op.WaitForConditionAsync("failover-two", TenantConditionTypes.Ready, "True", Startup);

        // The counter only grows, so zero now means the standby has not reconciled once while the leader lived.
        Assert.True(await first.ReconcileCountAsync() > 0, first.Output);
        Assert.Equal(0, await second.ReconcileCountAsync());
        Assert.Equal(HttpStatusCode.OK, await second.ReadyzAsync());
        var metrics = await first.MetricsAsync();
        Assert.Contains("budgetbuddy_operator_reconcile_duration_seconds_bucket{result=\"success\"", metrics, StringComparison.Ordinal);
        Assert.Contains("budgetbuddy_operator_queue_depth ", metrics, StringComparison.Ordinal);
        Assert.Contains("budgetbuddy_operator_watch_restarts_total{reason=\"expired\"}", metrics, StringComparison.Ordinal);

        // A kill releases nothing: the standby waits out the Lease, then reconciles what came in meanwhile.
        await first.KillAsync();
        await op.ApplyAsync("failover-three", new { displayName = "Three" });
        await WaitForHolderAsync(lease, "replica-b", TimeSpan.FromSeconds(30), second);
        await op.WaitForConditionAsync("failover-three", TenantConditionTypes.Ready, "True", Startup);
        Assert.True(await second.ReconcileCountAsync() > 0, second.Output);
    }

    [Fact]
    public async Task A_leader_stopped_with_sigterm_hands_its_lease_over_without_waiting_for_it_to_expire()
    {
        var lease = $"handover-{Guid.NewGuid():N}"[..20];
        // A Lease far longer than the wait below: only an explicit release lets the standby in that soon.
        var longLease = TimeSpan.FromSeconds(120);
        await using var first = OperatorProcess.Start(op, "replica-a", longLease, lease);
        await first.WaitUntilServingAsync(Startup);
        await WaitForHolderAsync(lease, "replica-a", Startup, first);
        await using var second = OperatorProcess.Start(op, "replica-b", longLease, lease);
        await second.WaitUntilServingAsync(Startup);

        await first.TerminateAsync(TimeSpan.FromSeconds(30));

        await WaitForHolderAsync(lease, "replica-b", TimeSpan.FromSeconds(40), second);
        await op.ApplyAsync("handover-one", new { displayName = "After the handover" });
        await op.WaitForConditionAsync("handover-one", TenantConditionTypes.Ready, "True", Startup);
    }

    [Fact]
    public async Task An_operator_killed_mid_reconcile_and_restarted_converges_without_duplicate_resources()
    {
        const string tenant = "killed-midway";
        var lease = $"midway-{Guid.NewGuid():N}"[..20];
        // Status writes fail: the first process provisions tables, Secret and registry item but cannot record it, and
        // is killed while it backs off and retries. Its successor finds everything made and nothing written down.
        op.Kube.FailNext(10_000, 500, pathContains: $"/budgetbuddytenants/{tenant}/status", method: "PUT");
        await using (var first = OperatorProcess.Start(op, "before-kill", ShortLease, lease))
        {
            await first.WaitUntilServingAsync(Startup);
            await op.ApplyAsync(tenant, new { displayName = "Killed midway" });
            var secretName = TenantSecretLayout.SecretName(tenant);
            await op.Kube.WaitForAsync(() => op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, secretName) is not null, Startup);
            await WaitForRegistryAsync(tenant);
            await first.KillAsync();
        }
        var secretBefore = op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, TenantSecretLayout.SecretName(tenant))!;
        var ledgerBefore = (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger(tenant))).Table;
        Assert.Null(op.Kube.Get(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, tenant)!["status"]?["activeKeyId"]);

        op.Kube.ClearFaults();
        await using var second = OperatorProcess.Start(op, "after-kill", ShortLease, lease);
        await second.WaitUntilServingAsync(Startup);
        var ready = await op.WaitForConditionAsync(tenant, TenantConditionTypes.Ready, "True", Startup);

        // One Secret, the same object, still holding the key the first process made: nothing was minted twice.
        var secrets = op.Kube.List(ApiResources.Secrets, OperatorFixture.Namespace)
            .Where(s => s["metadata"]!["ownerReferences"]?[0]?["name"]?.GetValue<string>() == tenant).ToList();
        var secret = Assert.Single(secrets);
        Assert.Equal(Uid(secretBefore), Uid(secret));
        var keyId = Decode(secret, TenantSecretLayout.SigningKeyId);
        Assert.Equal(Decode(secretBefore, TenantSecretLayout.SigningKeyId), keyId);
        Assert.Null(secret["data"]![TenantSecretLayout.PreviousSigningKeyId]);
        Assert.Equal(keyId, ready["status"]!["activeKeyId"]!.GetValue<string>());

        // The same tables (not deleted and recreated) and one registry item naming that one key.
        var ledgerAfter = (await op.Dynamo.DescribeTableAsync(op.Tables.Ledger(tenant))).Table;
        Assert.Equal(ledgerBefore.CreationDateTime, ledgerAfter.CreationDateTime);
        var record = await WaitForRegistryAsync(tenant);
        Assert.Equal(TenantStatus.Active, record.Status);
        Assert.Contains(keyId, record.SigningKeys, StringComparison.Ordinal);

        // The finalizer once, whichever process added it.
        Assert.Single(ready["metadata"]!["finalizers"]!.AsArray(), f => f!.GetValue<string>() == TenantResource.Finalizer);
    }

    private async Task WaitForHolderAsync(string lease, string identity, TimeSpan timeout, OperatorProcess diagnostics)
    {
        try
        {
            await op.Kube.WaitForAsync(
                () => op.Kube.Get(ApiResources.Leases, OperatorFixture.Namespace, lease)?["spec"]?["holderIdentity"]?.GetValue<string>() == identity,
                timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{identity} did not come to hold Lease {lease}.{Environment.NewLine}{diagnostics.Output}", e);
        }
    }

    private async Task<TenantRecord> WaitForRegistryAsync(string tenant)
    {
        var deadline = DateTime.UtcNow + Startup;
        while (DateTime.UtcNow < deadline)
        {
            var response = await op.Dynamo.GetItemAsync(new GetItemRequest { TableName = op.Tables.Registry, Key = TenantRecordItem.Key(tenant), ConsistentRead = true });
            if (response.IsItemSet && TenantRecordItem.TryFromItem(response.Item) is { } record)
            {
                return record;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No registry item for {tenant} within {Startup}.");
    }

    private static string Uid(JsonObject obj) => obj["metadata"]!["uid"]!.GetValue<string>();

    private static string Decode(JsonObject secret, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.GetValue<string>()));
}

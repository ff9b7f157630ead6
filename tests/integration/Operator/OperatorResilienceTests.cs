using System.Net;
using System.Text;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Tenants;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TestSupport.FakeKubernetes;

namespace BudgetBuddy.IntegrationTests.Operator;

public sealed class OperatorResilienceTests(OperatorFixture op) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task Dropped_watches_and_an_expired_resource_version_mid_run_still_converge()
    {
        await op.ApplyAsync("steady", new { });
        await op.WaitForConditionAsync("steady", TenantConditionTypes.Ready, "True");

        op.Kube.ExpireHistory();
        op.Kube.DropWatches();
        await op.ApplyAsync("late-comer", new { displayName = "Applied while the watch was down" });

        await op.WaitForConditionAsync("late-comer", TenantConditionTypes.Ready, "True");
        await op.Kube.WaitForAsync(() => op.Kube.OpenWatches > 0, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Server_errors_from_the_api_server_back_off_and_recover()
    {
        op.Kube.FailNext(6, 500, pathContains: "budgetbuddytenants/flaky");
        await op.ApplyAsync("flaky", new { });

        await op.WaitForConditionAsync("flaky", TenantConditionTypes.Ready, "True", TimeSpan.FromSeconds(60));
        Assert.True(op.Kube.Requests.Count(r => r.Path.Contains("budgetbuddytenants/flaky", StringComparison.Ordinal)) > 6);
    }

    [Fact]
    public async Task Suspending_a_tenant_makes_the_api_answer_403_and_resuming_serves_it_again()
    {
        await op.ApplyAsync("pausable", new { });
        await op.WaitForConditionAsync("pausable", TenantConditionTypes.Ready, "True");
        var secret = op.Kube.Get(ApiResources.Secrets, OperatorFixture.Namespace, "pausable-budgetbuddy")!;
        var pem = Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![TenantSecretLayout.SigningKeyPem]!.GetValue<string>()));
        using var key = SigningKey.FromPem(pem);
        await using var api = new ApiFactory(op.DynamoDbLocal.ServiceUrl, op.TablePrefix, new Dictionary<string, string?> { ["Registry:CacheTtl"] = "00:00:00.200" });
        api.StartServer();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Sign(new TokenSpec("pausable", "alice"), key));
        await (await client.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        await op.ApplyAsync("pausable", new { suspended = true });
        await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "pausable",
            o => o?["status"]?["phase"]?.GetValue<string>() == TenantPhases.Suspended, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await (await client.GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        await op.ApplyAsync("pausable", new { suspended = false });
        await op.Kube.WaitForAsync(ApiResources.BudgetBuddyTenants, OperatorFixture.Namespace, "pausable",
            o => o?["status"]?["phase"]?.GetValue<string>() == TenantPhases.Ready, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await (await client.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }
}

using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Reconciliation;
using k8s.Models;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

public sealed class ResourceKeyTests
{
    [Fact]
    public void A_namespaced_object_is_keyed_namespace_slash_name_and_parses_back()
    {
        var key = ResourceKey.For(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "tenants" } });

        Assert.Equal("tenants/acme", key);
        Assert.Equal(("tenants", "acme"), ResourceKey.Parse(key));
    }

    [Fact]
    public void A_cluster_scoped_object_is_keyed_by_its_name_alone()
    {
        Assert.Equal("acme", ResourceKey.For(null, "acme"));
        Assert.Equal((null, "acme"), ResourceKey.Parse("acme"));
    }

    [Theory]
    [InlineData("/acme")]
    [InlineData("tenants/")]
    [InlineData("a/b/c")]
    public void A_malformed_key_is_rejected(string key)
    {
        Assert.Throws<FormatException>(() => ResourceKey.Parse(key));
    }

    [Fact]
    public void Results_say_what_the_workers_should_do()
    {
        Assert.Equal(ReconcileOutcome.Done, default(ReconcileResult).Outcome);
        Assert.Equal(ReconcileOutcome.Done, ReconcileResult.Done.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5)).RequeueDelay);
        Assert.Equal("conflict", ReconcileResult.Failed("conflict").FailureReason);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(-1)));
    }
}

using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBuddy.IntegrationTests.Audit;

/// <summary>
/// A commit that is not a request's (a background job's) hands the committer its own record, or none: the record it
/// builds rides in the change's transaction, and it hears which tenant the commit went to.
/// </summary>
public sealed class CommitAuditTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_commit_carries_the_record_its_caller_hands_it_in_the_same_transaction()
    {
        var (caller, settings) = await ArrangeAsync("jobaudit");
        var audit = new MarkerAudit();

        await settings.SetHomeCurrencyAsync(caller, audit, "EUR", CancellationToken.None);

        Assert.Equal(["settings/settings"], audit.DescribedResources);
        Assert.Same(caller.Tenant, audit.CommittedTo);
        var marker = await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = caller.Tenant.LedgerTable,
            Key = MarkerAudit.Key,
            ConsistentRead = true,
        });
        Assert.True(marker.IsItemSet);
        Assert.Equal("EUR", await settings.StoredHomeCurrencyAsync(caller, CancellationToken.None));
    }

    [Fact]
    public async Task A_commit_without_a_record_still_commits()
    {
        var (caller, settings) = await ArrangeAsync("noaudit");

        await settings.SetHomeCurrencyAsync(caller, null, "JPY", CancellationToken.None);

        Assert.Equal("JPY", await settings.StoredHomeCurrencyAsync(caller, CancellationToken.None));
    }

    private async Task<(Caller Caller, SettingsStore Settings)> ArrangeAsync(string tenantId)
    {
        await api.ProvisionAsync(tenantId);
        var services = api.Factory.Services;
        var tenant = (await services.GetRequiredService<TenantRegistry>().GetAsync(tenantId, CancellationToken.None)).Record!;
        return (new Caller("worker", tenant), services.GetRequiredService<SettingsStore>());
    }

    /// <summary>Writes a marker item as its "record", so the test can see that it committed with the change.</summary>
    private sealed class MarkerAudit : ICommitAudit
    {
        public static readonly Dictionary<string, AttributeValue> Key = new()
        {
            [LedgerTable.PartitionKey] = new AttributeValue("JOB#audit"),
            [LedgerTable.SortKey] = new AttributeValue("RECORD"),
        };

        public IReadOnlyList<string> DescribedResources { get; private set; } = [];

        public TenantRecord? CommittedTo { get; private set; }

        public TransactWriteItem RecordFor(Caller caller, string actor, IReadOnlyList<ChangedEntity> changes, DateTimeOffset now)
        {
            DescribedResources = [.. changes.Select(c => $"{c.Type}/{c.Id}")];
            return new TransactWriteItem { Put = new Put { TableName = caller.Tenant.LedgerTable, Item = new(Key) } };
        }

        public void Committed(TenantRecord tenant) => CommittedTo = tenant;
    }
}

using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Provisioning;

/// <summary>
/// On its own DynamoDB Local: under the table churn of the parallel test classes, DynamoDB Local 3.3.1 now and then
/// leaves a newly added index in CREATING for good, which real DynamoDB does not do.
/// </summary>
public sealed class TableUpgradeTests(PrivateDynamoApiFixture api) : IClassFixture<PrivateDynamoApiFixture>
{
    [Fact]
    public async Task A_missing_index_is_added_to_an_existing_ledger_table()
    {
        var table = api.Tables.Ledger("legacy");
        await api.DynamoClient.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("PK", ScalarAttributeType.S), new AttributeDefinition("SK", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("PK", KeyType.HASH), new KeySchemaElement("SK", KeyType.RANGE)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        var report = await api.ProvisionAsync("legacy");

        Assert.Contains(report.Changes, c => c.Resource == table && c.Action.Contains(LedgerTable.Gsi1, StringComparison.Ordinal));
        await ProvisioningTests.AssertMatches(api, table, LedgerTable.Definition);
    }
}

using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Provisioning;

public sealed class ProvisioningTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Provisioning_twice_changes_nothing_the_second_time()
    {
        var first = await api.ProvisionAsync("twice");
        Assert.Contains(first.Changes, c => c.Resource == api.Tables.Ledger("twice") && c.Action == "created");
        var registryBefore = await RegistryItem("twice");
        var secretBefore = await api.Secrets.ReadAsync("twice", CancellationToken.None);

        var second = await api.ProvisionAsync("twice");

        Assert.Empty(second.Changes);
        Assert.Equal(first.SigningKeyId, second.SigningKeyId);
        Assert.Equal(registryBefore, await RegistryItem("twice"));
        var secretAfter = await api.Secrets.ReadAsync("twice", CancellationToken.None);
        Assert.Equal(secretBefore!.Keys.Order(), secretAfter!.Keys.Order());
        foreach (var key in secretBefore.Keys)
        {
            Assert.Equal(secretBefore[key], secretAfter[key]);
        }
    }

    [Fact]
    public async Task Provisioned_tables_match_the_contracts_definitions()
    {
        await api.ProvisionAsync("shape");

        await AssertMatches(api, api.Tables.Ledger("shape"), LedgerTable.Definition);
        await AssertMatches(api, api.Tables.Audit("shape"), AuditTable.Definition);
        await AssertMatches(api, api.Tables.Registry, RegistryTable.Definition);
    }

    [Fact]
    public async Task The_registry_item_is_active_names_the_tables_and_publishes_only_the_public_key()
    {
        var report = await api.ProvisionAsync("published");

        var record = TenantRecordItem.FromItem((await api.DynamoClient.GetItemAsync(api.Tables.Registry, TenantRecordItem.Key("published"))).Item);

        Assert.Equal(TenantStatus.Active, record.Status);
        Assert.Equal(api.Tables.Ledger("published"), record.LedgerTable);
        Assert.Equal(api.Tables.Audit("published"), record.AuditTable);
        Assert.Equal(TenantPlan.Default, record.Plan);
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(record.SigningKeys).Keys;
        var key = Assert.Single(keys);
        Assert.Equal(report.SigningKeyId, key.KeyId);
        Assert.Equal("ES256", key.Alg);
        Assert.Equal("P-256", key.Crv);
        Assert.Null(key.D);
    }

    [Fact]
    public async Task A_table_with_a_foreign_key_schema_is_refused_with_an_explanation()
    {
        var table = api.Tables.Ledger("foreign");
        await api.DynamoClient.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            api.Provisioner.ProvisionAsync(new TenantRequest("foreign"), CancellationToken.None));
        Assert.Contains("key schema", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UPPER")]
    [InlineData("-leading")]
    [InlineData("has_underscore")]
    public async Task An_invalid_tenant_id_is_refused_before_anything_is_created(string tenant)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => api.Provisioner.ProvisionAsync(new TenantRequest(tenant), CancellationToken.None));
    }

    private async Task<string> RegistryItem(string tenant)
    {
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Registry, Key = TenantRecordItem.Key(tenant), ConsistentRead = true })).Item;
        return string.Join(";", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.S}{a.Value.N}"));
    }

    internal static async Task AssertMatches(ApiFixture api, string tableName, TableDefinition definition)
    {
        var table = (await api.DynamoClient.DescribeTableAsync(tableName)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(
            definition.KeySchema().Select(k => (k.AttributeName, k.KeyType.Value)),
            table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        var indexes = (table.GlobalSecondaryIndexes ?? []).ToDictionary(i => i.IndexName);
        Assert.Equal(definition.GlobalSecondaryIndexes.Select(i => i.Name).Order(), indexes.Keys.Order());
        foreach (var index in definition.GlobalSecondaryIndexes)
        {
            Assert.Equal(
                TableDefinition.IndexKeySchema(index).Select(k => (k.AttributeName, k.KeyType.Value)),
                indexes[index.Name].KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
            Assert.Equal(ProjectionType.ALL, indexes[index.Name].Projection.ProjectionType);
        }
        var ttl = (await api.DynamoClient.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName })).TimeToLiveDescription;
        if (definition.TimeToLiveAttribute is { } attribute)
        {
            Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
            Assert.Equal(attribute, ttl.AttributeName);
        }
        else
        {
            Assert.NotEqual(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
        }
    }
}

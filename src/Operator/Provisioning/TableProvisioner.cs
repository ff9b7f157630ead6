using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Brings one table to its <see cref="TableDefinition"/>: creates it, adds missing indexes one at a time (DynamoDB
/// accepts one index creation per UpdateTable), and enables TTL. Never blocks on a table that is still changing.
/// </summary>
internal sealed class TableProvisioner(IAmazonDynamoDB dynamo)
{
    /// <returns>True when the table is ACTIVE and matches the definition.</returns>
    public async Task<bool> EnsureAsync(string tableName, TableDefinition definition, ProvisioningReport report, CancellationToken ct)
    {
        var table = await DescribeAsync(tableName, ct);
        if (table is null)
        {
            await CreateAsync(tableName, definition, ct);
            report.Changed(tableName, "created");
            table = await DescribeAsync(tableName, ct);
        }

        RequireSameKeys(tableName, definition, table!);
        if (!IsActive(table!))
        {
            report.Wait($"table {tableName} is {table!.TableStatus}");
            return false;
        }

        var missingIndex = definition.GlobalSecondaryIndexes
            .FirstOrDefault(wanted => table!.GlobalSecondaryIndexes?.Any(i => i.IndexName == wanted.Name) != true);
        if (missingIndex is not null)
        {
            await AddIndexAsync(tableName, definition, missingIndex, ct);
            report.Changed(tableName, $"index {missingIndex.Name} added");
            report.Wait($"index {missingIndex.Name} of {tableName} is being created");
            return false;
        }

        if (definition.TimeToLiveAttribute is { } ttlAttribute)
        {
            await EnsureTimeToLiveAsync(tableName, ttlAttribute, report, ct);
        }
        return true;
    }

    private async Task<TableDescription?> DescribeAsync(string tableName, CancellationToken ct)
    {
        try
        {
            return (await dynamo.DescribeTableAsync(tableName, ct)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task CreateAsync(string tableName, TableDefinition definition, CancellationToken ct)
    {
        var request = new CreateTableRequest
        {
            TableName = tableName,
            AttributeDefinitions = definition.AttributeDefinitions(),
            KeySchema = definition.KeySchema(),
            BillingMode = BillingMode.PAY_PER_REQUEST,
        };
        if (definition.GlobalSecondaryIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = definition.GlobalSecondaryIndexes
                .Select(i => new GlobalSecondaryIndex
                {
                    IndexName = i.Name,
                    KeySchema = TableDefinition.IndexKeySchema(i),
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                })
                .ToList();
        }
        try
        {
            await dynamo.CreateTableAsync(request, ct);
        }
        catch (ResourceInUseException)
        {
            // Another provisioner created it between our describe and create; the next describe sees it.
        }
    }

    private async Task AddIndexAsync(string tableName, TableDefinition definition, IndexDefinition index, CancellationToken ct)
    {
        await dynamo.UpdateTableAsync(new UpdateTableRequest
        {
            TableName = tableName,
            AttributeDefinitions = definition.AttributeDefinitions(),
            GlobalSecondaryIndexUpdates =
            [
                new GlobalSecondaryIndexUpdate
                {
                    Create = new CreateGlobalSecondaryIndexAction
                    {
                        IndexName = index.Name,
                        KeySchema = TableDefinition.IndexKeySchema(index),
                        Projection = new Projection { ProjectionType = ProjectionType.ALL },
                    },
                },
            ],
        }, ct);
    }

    private async Task EnsureTimeToLiveAsync(string tableName, string attribute, ProvisioningReport report, CancellationToken ct)
    {
        var ttl = (await dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, ct))
            .TimeToLiveDescription;
        var enabled = ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLED || ttl?.TimeToLiveStatus == TimeToLiveStatus.ENABLING;
        if (enabled && ttl!.AttributeName == attribute)
        {
            return;
        }
        await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = tableName,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
        }, ct);
        report.Changed(tableName, $"time to live on {attribute} enabled");
    }

    private static bool IsActive(TableDescription table) =>
        table.TableStatus == TableStatus.ACTIVE
        && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);

    // A key schema cannot be changed in place; a table that disagrees with the contracts would corrupt data silently.
    private static void RequireSameKeys(string tableName, TableDefinition definition, TableDescription table)
    {
        static string Describe(IEnumerable<KeySchemaElement> keys) =>
            string.Join(", ", keys.Select(k => $"{k.AttributeName} {k.KeyType}"));

        var expected = Describe(definition.KeySchema());
        var actual = Describe(table.KeySchema ?? []);
        if (expected != actual)
        {
            throw new InvalidOperationException(
                $"Table {tableName} exists with key schema ({actual}) but BudgetBuddy needs ({expected}). Move its data and delete it, or choose another table prefix.");
        }
    }
}

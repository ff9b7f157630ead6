using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Brings one table to its <see cref="TableDefinition"/> and <see cref="TableSettings"/>: creates it, adds missing
/// indexes one at a time (DynamoDB accepts one index creation per UpdateTable), applies billing, capacity, deletion
/// protection and table class, enables TTL, point-in-time recovery and tags. Never blocks on a table that is still
/// changing: it reports what it waits for and the caller comes back.
/// </summary>
internal sealed class TableProvisioner(IAmazonDynamoDB dynamo)
{
    /// <returns>True when the table is ACTIVE and matches the definition and settings.</returns>
    public async Task<bool> EnsureAsync(
        string tableName, TableDefinition definition, TableSettings settings, ProvisioningReport report, CancellationToken ct, bool createIfMissing = true)
    {
        var table = await DescribeAsync(tableName, ct);
        if (table is null && !createIfMissing)
        {
            report.Missing(tableName);
            report.Wait($"table {tableName} is missing");
            return false;
        }
        if (table is null)
        {
            await CreateAsync(tableName, definition, settings, ct);
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
            await AddIndexAsync(tableName, definition, missingIndex, settings, ct);
            report.Changed(tableName, $"index {missingIndex.Name} added");
            report.Wait($"index {missingIndex.Name} of {tableName} is being created");
            return false;
        }

        if (await ApplySettingsAsync(table!, settings, report, ct))
        {
            report.Wait($"table {tableName} is being updated");
            return false;
        }
        if (definition.TimeToLiveAttribute is { } ttlAttribute)
        {
            await EnsureTimeToLiveAsync(tableName, ttlAttribute, report, ct);
        }
        await EnsurePointInTimeRecoveryAsync(tableName, settings.PointInTimeRecovery, report, ct);
        await EnsureTagsAsync(table!.TableArn, tableName, settings.Tags, report, ct);
        return true;
    }

    public async Task<TableDeletion> DeleteAsync(string tableName, CancellationToken ct)
    {
        try
        {
            await dynamo.DeleteTableAsync(tableName, ct);
            return TableDeletion.Deleted;
        }
        catch (ResourceNotFoundException)
        {
            return TableDeletion.Absent;
        }
        catch (ResourceInUseException)
        {
            // CREATING, UPDATING or already DELETING: the caller comes back.
            return TableDeletion.Busy;
        }
    }

    public async Task LiftDeletionProtectionAsync(string tableName, CancellationToken ct) =>
        await dynamo.UpdateTableAsync(new UpdateTableRequest { TableName = tableName, DeletionProtectionEnabled = false }, ct);

    public async Task<TableDescription?> DescribeAsync(string tableName, CancellationToken ct)
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

    private async Task CreateAsync(string tableName, TableDefinition definition, TableSettings settings, CancellationToken ct)
    {
        var request = new CreateTableRequest
        {
            TableName = tableName,
            AttributeDefinitions = definition.AttributeDefinitions(),
            KeySchema = definition.KeySchema(),
            BillingMode = new BillingMode(settings.BillingMode),
            ProvisionedThroughput = Throughput(settings),
            DeletionProtectionEnabled = settings.DeletionProtection,
            TableClass = new TableClass(settings.TableClass),
        };
        if (settings.Tags.Count > 0)
        {
            request.Tags = settings.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
        }
        if (definition.GlobalSecondaryIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = definition.GlobalSecondaryIndexes
                .Select(i => new GlobalSecondaryIndex
                {
                    IndexName = i.Name,
                    KeySchema = TableDefinition.IndexKeySchema(i),
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                    ProvisionedThroughput = Throughput(settings),
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

    private async Task AddIndexAsync(string tableName, TableDefinition definition, IndexDefinition index, TableSettings settings, CancellationToken ct)
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
                        ProvisionedThroughput = Throughput(settings),
                    },
                },
            ],
        }, ct);
    }

    /// <returns>True when an update was started (the table is now UPDATING).</returns>
    private async Task<bool> ApplySettingsAsync(TableDescription table, TableSettings settings, ProvisioningReport report, CancellationToken ct)
    {
        var update = new UpdateTableRequest { TableName = table.TableName };
        var changes = new List<string>();
        var billing = table.BillingModeSummary?.BillingMode?.Value ?? TableSettings.Provisioned;
        var capacity = table.ProvisionedThroughput;
        if (billing != settings.BillingMode
            || settings.IsProvisioned && (capacity?.ReadCapacityUnits != settings.ReadCapacity || capacity?.WriteCapacityUnits != settings.WriteCapacity))
        {
            update.BillingMode = new BillingMode(settings.BillingMode);
            update.ProvisionedThroughput = Throughput(settings);
            if (settings.IsProvisioned && table.GlobalSecondaryIndexes is { Count: > 0 } indexes)
            {
                update.GlobalSecondaryIndexUpdates = indexes
                    .Select(i => new GlobalSecondaryIndexUpdate
                    {
                        Update = new UpdateGlobalSecondaryIndexAction { IndexName = i.IndexName, ProvisionedThroughput = Throughput(settings) },
                    })
                    .ToList();
            }
            changes.Add(settings.IsProvisioned ? $"billing {settings.BillingMode} {settings.ReadCapacity}/{settings.WriteCapacity}" : $"billing {settings.BillingMode}");
        }
        if ((table.DeletionProtectionEnabled ?? false) != settings.DeletionProtection)
        {
            update.DeletionProtectionEnabled = settings.DeletionProtection;
            changes.Add($"deletion protection {(settings.DeletionProtection ? "on" : "off")}");
        }
        // An endpoint that does not report the class (DynamoDB Local) cannot be compared, so it is only set at creation.
        if (table.TableClassSummary?.TableClass is { } tableClass && tableClass.Value != settings.TableClass)
        {
            update.TableClass = new TableClass(settings.TableClass);
            changes.Add($"table class {settings.TableClass}");
        }
        else if (table.TableClassSummary is null && settings.TableClass != TableSettings.StandardClass)
        {
            report.Capability(TableCapabilities.TableClass, new CapabilityState(CapabilityStatus.Unsupported, "The endpoint does not report table classes."));
        }
        if (changes.Count == 0)
        {
            return false;
        }
        await dynamo.UpdateTableAsync(update, ct);
        report.Changed(table.TableName, string.Join(", ", changes));
        return true;
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

    // Against real DynamoDB this is applied; an endpoint without the operation (DynamoDB Local) is reported, not fatal.
    private async Task EnsurePointInTimeRecoveryAsync(string tableName, bool wanted, ProvisioningReport report, CancellationToken ct)
    {
        try
        {
            var backups = (await dynamo.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = tableName }, ct))
                .ContinuousBackupsDescription;
            var enabled = backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus == PointInTimeRecoveryStatus.ENABLED;
            if (enabled != wanted)
            {
                await dynamo.UpdateContinuousBackupsAsync(new UpdateContinuousBackupsRequest
                {
                    TableName = tableName,
                    PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = wanted },
                }, ct);
                report.Changed(tableName, $"point-in-time recovery {(wanted ? "enabled" : "disabled")}");
            }
            report.Capability(TableCapabilities.PointInTimeRecovery, new CapabilityState(CapabilityStatus.Applied, wanted ? "enabled" : "disabled by spec"));
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "UnknownOperationException")
        {
            report.Capability(TableCapabilities.PointInTimeRecovery, new CapabilityState(CapabilityStatus.Unsupported, e.Message));
        }
    }

    private async Task EnsureTagsAsync(string tableArn, string tableName, IReadOnlyDictionary<string, string> wanted, ProvisioningReport report, CancellationToken ct)
    {
        try
        {
            var current = new Dictionary<string, string>(StringComparer.Ordinal);
            string? next = null;
            do
            {
                var page = await dynamo.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = tableArn, NextToken = next }, ct);
                foreach (var tag in page.Tags ?? [])
                {
                    current[tag.Key] = tag.Value;
                }
                next = page.NextToken;
            }
            while (next is not null);

            var missing = wanted.Where(t => !current.TryGetValue(t.Key, out var v) || v != t.Value).ToList();
            var extra = current.Keys.Where(k => !wanted.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                await dynamo.TagResourceAsync(new TagResourceRequest { ResourceArn = tableArn, Tags = missing.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList() }, ct);
            }
            if (extra.Count > 0)
            {
                await dynamo.UntagResourceAsync(new UntagResourceRequest { ResourceArn = tableArn, TagKeys = extra }, ct);
            }
            if (missing.Count + extra.Count > 0)
            {
                report.Changed(tableName, $"tags set ({missing.Count} added or changed, {extra.Count} removed)");
            }
            report.Capability(TableCapabilities.Tags, new CapabilityState(CapabilityStatus.Applied, $"{wanted.Count} tags"));
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "UnknownOperationException")
        {
            report.Capability(TableCapabilities.Tags, new CapabilityState(CapabilityStatus.Unsupported, e.Message));
        }
    }

    private static ProvisionedThroughput? Throughput(TableSettings settings) =>
        settings.IsProvisioned ? new ProvisionedThroughput(settings.ReadCapacity ?? 1, settings.WriteCapacity ?? 1) : null;

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

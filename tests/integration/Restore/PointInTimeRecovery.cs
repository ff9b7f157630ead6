using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Operator;
using Microsoft.AspNetCore.Http;

namespace BudgetBuddy.IntegrationTests.Restore;

/// <summary>
/// DynamoDB's point-in-time recovery, which DynamoDB Local lacks, spoken on the SDK's own wire protocol in front of
/// it (<see cref="RecordingDynamoDbProxy.Intercept"/>): <c>DescribeContinuousBackups</c> and
/// <c>UpdateContinuousBackups</c> report it on, and <c>RestoreTableToPointInTime</c> creates the target table with
/// the source's keys and indexes, holding the items of the latest snapshot taken at or before the requested time
/// (<see cref="SnapshotAsync"/>), as the real service restores a table's state at that second.
/// </summary>
public sealed class PointInTimeRecovery(IAmazonDynamoDB local)
{
    private readonly ConcurrentDictionary<string, List<(DateTimeOffset At, List<Dictionary<string, AttributeValue>> Items)>> snapshots = new();

    /// <summary>The restores asked for, as (source, target, time).</summary>
    public ConcurrentQueue<(string Source, string Target, DateTimeOffset To)> Restores { get; } = new();

    /// <summary>Keeps the tables' items as of now, the state a restore to this time or later (until the next snapshot) gives.</summary>
    public async Task<DateTimeOffset> SnapshotAsync(params string[] tables)
    {
        var at = DateTimeOffset.UtcNow;
        foreach (var table in tables)
        {
            snapshots.GetOrAdd(table, _ => []).Add((at, await TableItems.AllAsync(local, table)));
        }
        await Task.Delay(TimeSpan.FromMilliseconds(1100)); // restore times have one-second precision
        return at;
    }

    public async Task<bool> AnswerAsync(string operation, byte[] body, HttpContext context)
    {
        switch (operation)
        {
            case "DescribeContinuousBackups":
            case "UpdateContinuousBackups":
                await WriteAsync(context, 200, new JsonObject
                {
                    ["ContinuousBackupsDescription"] = new JsonObject
                    {
                        ["ContinuousBackupsStatus"] = "ENABLED",
                        ["PointInTimeRecoveryDescription"] = new JsonObject { ["PointInTimeRecoveryStatus"] = "ENABLED" },
                    },
                });
                return true;
            case "RestoreTableToPointInTime":
                await RestoreAsync(JsonNode.Parse(body)!, context);
                return true;
            default:
                return false;
        }
    }

    private async Task RestoreAsync(JsonNode request, HttpContext context)
    {
        var source = (string)request["SourceTableName"]!;
        var target = (string)request["TargetTableName"]!;
        var to = DateTimeOffset.FromUnixTimeMilliseconds((long)(request["RestoreDateTime"]!.GetValue<double>() * 1000));
        Restores.Enqueue((source, target, to));
        var snapshot = snapshots.GetValueOrDefault(source)?.LastOrDefault(s => WholeSeconds(s.At) <= WholeSeconds(to));
        if (snapshot is not { Items: { } items })
        {
            await WriteAsync(context, 400, new JsonObject
            {
                ["__type"] = "com.amazonaws.dynamodb.v20120810#InvalidRestoreTimeException",
                ["message"] = $"{to:O} is outside the restorable window of {source}.",
            });
            return;
        }

        var described = (await local.DescribeTableAsync(source)).Table;
        await local.CreateTableAsync(new CreateTableRequest
        {
            TableName = target,
            KeySchema = described.KeySchema,
            AttributeDefinitions = described.AttributeDefinitions,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            GlobalSecondaryIndexes = described.GlobalSecondaryIndexes?.Select(i => new GlobalSecondaryIndex
            {
                IndexName = i.IndexName, KeySchema = i.KeySchema, Projection = i.Projection,
            }).ToList() is { Count: > 0 } indexes ? indexes : null,
        });
        foreach (var chunk in items.Chunk(25))
        {
            var pending = chunk.Select(i => new WriteRequest(new PutRequest(i))).ToList();
            while (pending.Count > 0)
            {
                var response = await local.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [target] = pending } });
                pending = response.UnprocessedItems?.GetValueOrDefault(target) ?? [];
            }
        }
        await WriteAsync(context, 200, new JsonObject
        {
            ["TableDescription"] = new JsonObject
            {
                ["TableName"] = target,
                ["TableStatus"] = "ACTIVE",
                ["TableArn"] = $"arn:aws:dynamodb:local:000000000000:table/{target}",
                ["RestoreSummary"] = new JsonObject
                {
                    ["SourceTableArn"] = $"arn:aws:dynamodb:local:000000000000:table/{source}",
                    ["RestoreDateTime"] = to.ToUnixTimeSeconds(),
                    ["RestoreInProgress"] = false,
                },
            },
        });
    }

    // Point-in-time recovery restores to the second.
    private static long WholeSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default));
    }
}

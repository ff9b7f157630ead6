using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Load.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.DynamoCosts;

/// <summary>
/// A ledger table and an audit table of a tenant's shape (the contracts' definitions, both indexes), under a scratch
/// name, with users holding transactions shaped as the API stores them; deleted again at dispose.
/// </summary>
internal sealed class ScratchLedger : IAsyncDisposable
{
    public const int Users = 20;
    public const int TransactionsPerUser = 200;
    public const string Currency = "USD";

    private readonly IAmazonDynamoDB dynamo;

    private ScratchLedger(IAmazonDynamoDB dynamo, string name)
    {
        this.dynamo = dynamo;
        LedgerTable = name + "-ledger";
        AuditTable = name + "-audit";
    }

    public string LedgerTable { get; }

    public string AuditTable { get; }

    public static string AccountId(int user) => $"acct{user:D4}";

    public static string CategoryId(int user) => $"cat{user:D4}";

    public LedgerUser User(int index) => new("costs", $"user{index:D4}", LedgerTable, AuditTable);

    /// <summary>The user's transaction number <paramref name="index"/>, all in one account and one month.</summary>
    public static TransactionFacts Transaction(int user, int index)
    {
        var at = LedgerItems.Time(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero)).S;
        var date = new DateOnly(2026, 10, 1).AddDays(index % 28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new TransactionFacts($"txn{index:D8}", AccountId(user), date, -1_234 - index, Currency, "Corner Grocer", CategoryId(user), "weekly shop",
            "uncleared", null, null, null, Sensitive: false, at, at, Version: 1);
    }

    public static async Task<ScratchLedger> CreateAsync(IAmazonDynamoDB dynamo, CancellationToken ct)
    {
        var ledger = new ScratchLedger(dynamo, $"budgetbuddy-costs-{Guid.NewGuid():N}"[..32]);
        await ledger.CreateTableAsync(ledger.LedgerTable, BudgetBuddy.TenantContracts.LedgerTable.Definition, ct);
        await ledger.CreateTableAsync(ledger.AuditTable, BudgetBuddy.TenantContracts.AuditTable.Definition, ct);
        var now = DateTimeOffset.UtcNow;
        for (var u = 0; u < Users; u++)
        {
            var user = ledger.User(u);
            var items = Enumerable.Range(0, TransactionsPerUser).Select(i => Transaction(u, i).ToItem(user)).ToList();
            items.Add(LedgerItems.Category(user, CategoryId(u), "Groceries", "Everyday", hidden: false, now));
            items.Add(Account(user, AccountId(u)));
            foreach (var chunk in items.Chunk(25))
            {
                await ledger.WriteAllAsync(chunk, ct);
            }
        }
        return ledger;
    }

    private static Dictionary<string, AttributeValue> Account(LedgerUser user, string id)
    {
        var item = user.Key(LedgerItems.AccountPrefix + id);
        item["entity"] = LedgerItems.S("account");
        item["id"] = LedgerItems.S(id);
        item["name"] = LedgerItems.S("Everyday");
        item["currency"] = LedgerItems.S(Currency);
        item["balance"] = LedgerItems.N(0);
        item["transactionCount"] = LedgerItems.N(0);
        item["closed"] = LedgerItems.Bool(false);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in new[] { LedgerTable, AuditTable })
        {
            try
            {
                await dynamo.DeleteTableAsync(table);
            }
            catch (ResourceNotFoundException)
            {
                // Never created: creation failed half way.
            }
        }
    }

    private async Task CreateTableAsync(string name, TableDefinition definition, CancellationToken ct)
    {
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = definition.AttributeDefinitions(),
            KeySchema = definition.KeySchema(),
        };
        if (definition.GlobalSecondaryIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = [.. definition.GlobalSecondaryIndexes.Select(i => new GlobalSecondaryIndex
            {
                IndexName = i.Name,
                KeySchema = TableDefinition.IndexKeySchema(i),
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            })];
        }
        await dynamo.CreateTableAsync(request, ct);
    }

    private async Task WriteAllAsync(IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken ct)
    {
        Dictionary<string, List<WriteRequest>> pending = new() { [LedgerTable] = [.. items.Select(i => new WriteRequest(new PutRequest(i)))] };
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Backoff.Jittered(attempt), ct);
            }
            pending = (await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct)).UnprocessedItems ?? [];
        }
    }
}

using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Load.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Load.Storage;

/// <summary>
/// The DynamoDB calls each step's plan makes, in order, against a recording client: the calls the API makes for the
/// same request (see src/Api), which is what makes the storage path a baseline for it.
/// </summary>
public sealed class StoragePlanTests : IAsyncDisposable
{
    private static readonly LedgerUser User = RecordingDynamoDb.User;
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly RecordingDynamoDb dynamo = new();
    private readonly StorageSession session;
    private readonly StorageSender sender;

    public StoragePlanTests()
    {
        session = new StorageSession(dynamo, TimeProvider.System);
        sender = new StorageSender(session, new TenantTables("bb-test-"), TimeSpan.FromSeconds(5));
        foreach (var account in new[] { StorageTestData.Checking, StorageTestData.Savings, StorageTestData.Card })
        {
            var item = User.Key(LedgerItems.AccountPrefix + account);
            item["id"] = LedgerItems.S(account);
            item["currency"] = LedgerItems.S("USD");
            item["closed"] = LedgerItems.Bool(false);
            dynamo.Items[LedgerItems.AccountPrefix + account] = item;
        }
        foreach (var category in new[] { StorageTestData.Groceries, StorageTestData.Rent })
        {
            dynamo.Items[LedgerItems.CategoryPrefix + category] = LedgerItems.Category(User, category, "Groceries", "Everyday", false, DateTimeOffset.UtcNow);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync();
        dynamo.Dispose();
    }

    [Fact]
    public async Task Posting_a_spending_reads_the_account_and_the_category_in_one_batch_then_commits_it_all_in_one_transaction()
    {
        var answer = await sender.RunAsync(User, Spending(), CancellationToken.None);

        Assert.Equal(201, answer.Status);
        // No read of the key's stored answer: the stored answer's put is conditional, as the API's.
        Assert.Equal(["BatchGetItem", "Query", "TransactWriteItems"], dynamo.Operations);
        Assert.Equal([LedgerItems.AccountPrefix, LedgerItems.CategoryPrefix], BatchKeys().Select(Kind));
        Assert.Equal(
            ["Put TXN#", "Update ACCOUNT#", "Update BUDGET#", "ConditionCheck CATEGORY#", "Put IDEMP#", "Put CHANGE#", "Put audit"],
            Items(dynamo.Transactions[0]));
    }

    [Fact]
    public async Task A_users_next_write_takes_the_next_sequence_without_reading_the_head_again()
    {
        dynamo.OnQuery = HeadAt(41);

        await sender.RunAsync(User, Spending(), CancellationToken.None);
        await sender.RunAsync(User, Spending(), CancellationToken.None);

        Assert.Single(dynamo.Operations, "Query");
        Assert.Equal([LedgerItems.ChangeSortKey(42), LedgerItems.ChangeSortKey(43)], dynamo.Transactions.Select(ChangeKey));
    }

    [Fact]
    public async Task A_commit_whose_sequence_was_taken_reads_the_head_again_and_takes_the_next_one()
    {
        var head = 41;
        dynamo.OnQuery = request => HeadAt(head)(request);
        var attempts = 0;
        dynamo.OnTransact = request =>
        {
            if (attempts++ > 0)
            {
                return new TransactWriteItemsResponse();
            }
            // Another writer committed 42 meanwhile: the change entry's condition fails, nothing of the caller's.
            head = 42;
            var reasons = request.TransactItems.Select(i => new CancellationReason { Code = "None" }).ToList();
            reasons[^2] = new CancellationReason { Code = "ConditionalCheckFailed" };
            throw new TransactionCanceledException("Transaction cancelled") { CancellationReasons = reasons };
        };

        var answer = await sender.RunAsync(User, Spending(), CancellationToken.None);

        Assert.Equal(201, answer.Status);
        Assert.Equal(["BatchGetItem", "Query", "TransactWriteItems", "Query", "TransactWriteItems"], dynamo.Operations);
        Assert.Equal([LedgerItems.ChangeSortKey(42), LedgerItems.ChangeSortKey(43)], dynamo.Transactions.Select(ChangeKey));
    }

    [Fact]
    public async Task A_transfer_reads_both_accounts_and_moves_both_balances_without_a_bucket()
    {
        var call = new TransactionPost(StorageTestData.Checking, Today, -5000, "Transfer", null, null, StorageTestData.Savings);

        await sender.RunAsync(User, call, CancellationToken.None);

        Assert.Equal(["BatchGetItem", "Query", "TransactWriteItems"], dynamo.Operations);
        Assert.Equal([LedgerItems.AccountPrefix, LedgerItems.AccountPrefix], BatchKeys().Select(Kind));
        Assert.Equal(["Put TXN#", "Put TXN#", "Update ACCOUNT#", "Update ACCOUNT#", "Put IDEMP#", "Put CHANGE#", "Put audit"], Items(dynamo.Transactions[0]));
    }

    [Fact]
    public async Task A_memo_on_a_categorised_transaction_reads_it_checks_its_category_and_rewrites_it_at_its_version()
    {
        Store(Transaction() with { CategoryId = StorageTestData.Groceries });

        var answer = await sender.RunAsync(User, new TransactionPatch(StorageTestData.Known, null, null, "with Sam #3"), CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal(["GetItem", "BatchGetItem", "Query", "TransactWriteItems"], dynamo.Operations);
        var write = dynamo.Transactions[0];
        Assert.Equal(["Put TXN#", "ConditionCheck CATEGORY#", "Put CHANGE#", "Put audit"], Items(write));
        Assert.Equal("1", write.TransactItems[0].Put.ExpressionAttributeValues[":v"].N);
        Assert.Equal("2", write.TransactItems[0].Put.Item[LedgerItems.Version].N);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_commits_nothing_and_leaves_a_lone_audit_record()
    {
        Store(Transaction());

        var answer = await sender.RunAsync(User, new TransactionPatch(StorageTestData.Known, null, "cleared", null), CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal(["GetItem", "PutItem"], dynamo.Operations);
        Assert.Equal(RecordingDynamoDb.Audit, dynamo.LedgerCalls.OfType<PutItemRequest>().Single().TableName);
    }

    [Fact]
    public async Task A_budget_month_is_the_profile_and_one_key_range_from_the_first_account_to_the_last_category()
    {
        await sender.RunAsync(User, new BudgetMonthRead("2026-11"), CancellationToken.None);

        Assert.Equal(["GetItem", "Query"], dynamo.Operations.Order(StringComparer.Ordinal));
        Assert.Equal(LedgerItems.Profile, Gets().Single()[LedgerTable.SortKey].S);
        var range = dynamo.LedgerCalls.OfType<QueryRequest>().Single();
        Assert.Equal((BudgetInputsReader.From, BudgetInputsReader.To), (range.ExpressionAttributeValues[":lo"].S, range.ExpressionAttributeValues[":hi"].S));
        Assert.True(range.ConsistentRead);
    }

    [Theory]
    [InlineData("SpendingByCategory")]
    [InlineData("SpendingByMonth")]
    [InlineData("IncomeExpense")]
    [InlineData("NetWorth")]
    public async Task A_report_is_the_profile_and_the_budget_months_key_range_whichever_report_it_is(string kind)
    {
        await sender.RunAsync(User, new ReportRead(Enum.Parse<ReportKind>(kind), "2026-09", "2026-11"), CancellationToken.None);

        Assert.Equal(["GetItem", "Query"], dynamo.Operations.Order(StringComparer.Ordinal));
        Assert.Equal(LedgerItems.Profile, Gets().Single()[LedgerTable.SortKey].S);
        var range = dynamo.LedgerCalls.OfType<QueryRequest>().Single();
        Assert.Equal((BudgetInputsReader.From, BudgetInputsReader.To), (range.ExpressionAttributeValues[":lo"].S, range.ExpressionAttributeValues[":hi"].S));
    }

    [Fact]
    public async Task A_delta_sync_with_nothing_new_is_one_query_and_keeps_the_cursor()
    {
        var answer = await sender.RunAsync(User, new ChangesRead(5, 100), CancellationToken.None);

        Assert.Equal(["Query"], dynamo.Operations);
        Assert.Contains(ChangeCursor.Encode(5), System.Text.Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delta_sync_reads_every_changed_entity_once_in_one_batch_and_moves_the_cursor_on()
    {
        dynamo.OnQuery = _ => new QueryResponse
        {
            Items =
            [
                LedgerItems.Change(User, 6, [new ChangedEntity("transaction", "a", "TXN#a"), new ChangedEntity("account", "c", "ACCOUNT#c")], DateTimeOffset.UtcNow),
                LedgerItems.Change(User, 7, [new ChangedEntity("transaction", "a", "TXN#a")], DateTimeOffset.UtcNow),
            ],
        };

        var answer = await sender.RunAsync(User, new ChangesRead(5, 100), CancellationToken.None);

        Assert.Equal(["Query", "BatchGetItem"], dynamo.Operations);
        Assert.Equal(2, dynamo.LedgerCalls.OfType<BatchGetItemRequest>().Single().RequestItems[User.LedgerTable].Keys.Count);
        Assert.Contains(ChangeCursor.Encode(7), System.Text.Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_reads_the_category_and_currency_commits_the_bucket_and_reads_the_month_again()
    {
        await sender.RunAsync(User, new BudgetAssign("2026-11", StorageTestData.Groceries, 40_000), CancellationToken.None);

        var operations = dynamo.Operations;
        Assert.Equal(["GetItem", "GetItem", "Query", "Query", "TransactWriteItems"], operations.Take(5));
        Assert.Equal(["GetItem", "Query"], operations.Skip(5).Order(StringComparer.Ordinal));
        Assert.Equal(["Update BUDGET#", "Put CHANGE#", "Put audit"], Items(dynamo.Transactions[0]));
    }

    [Fact]
    public async Task Posting_a_category_commits_the_category_with_its_stored_answer()
    {
        await sender.RunAsync(User, new CategoryPost("Load 0123", "Everyday", false), CancellationToken.None);

        Assert.Equal(["Query", "TransactWriteItems"], dynamo.Operations);
        Assert.Equal(["Put CATEGORY#", "Put IDEMP#", "Put CHANGE#", "Put audit"], Items(dynamo.Transactions[0]));
    }

    private static TransactionPost Spending() =>
        new(StorageTestData.Checking, Today, -1234, "Corner Grocer", StorageTestData.Groceries, null, null);

    private static TransactionFacts Transaction() => new(
        StorageTestData.Known, StorageTestData.Checking, "2026-11-03", -4200, "USD", "Corner Grocer", null, null, "cleared",
        "import-1", null, null, false, "2026-11-03T00:00:00.0000000Z", "2026-11-03T00:00:00.0000000Z", 1);

    private void Store(TransactionFacts t) => dynamo.Items[t.SortKey] = t.ToItem(User);

    private static Func<QueryRequest, QueryResponse> HeadAt(long sequence) => request =>
        request.ScanIndexForward == false && request.Limit == 1
            ? new QueryResponse { Items = [User.Key(LedgerItems.ChangeSortKey(sequence))] }
            : new QueryResponse { Items = [] };

    private IEnumerable<Dictionary<string, AttributeValue>> Gets() => dynamo.LedgerCalls.OfType<GetItemRequest>().Select(g => g.Key);

    private IEnumerable<Dictionary<string, AttributeValue>> BatchKeys() =>
        dynamo.LedgerCalls.OfType<BatchGetItemRequest>().SelectMany(b => b.RequestItems[User.LedgerTable].Keys);

    private static string Kind(Dictionary<string, AttributeValue> key) => key[LedgerTable.SortKey].S[..(key[LedgerTable.SortKey].S.IndexOf('#', StringComparison.Ordinal) + 1)];

    private static string ChangeKey(TransactWriteItemsRequest write) =>
        write.TransactItems.Single(i => i.Put?.Item[LedgerTable.SortKey].S.StartsWith(LedgerItems.ChangePrefix, StringComparison.Ordinal) == true)
            .Put.Item[LedgerTable.SortKey].S;

    // Each item as "<kind> <sort-key prefix>", or "Put audit" for the audit record.
    private static IEnumerable<string> Items(TransactWriteItemsRequest write) => write.TransactItems.Select(i =>
    {
        var (kind, table, key) = i switch
        {
            { Put: { } put } => ("Put", put.TableName, put.Item),
            { Update: { } update } => ("Update", update.TableName, update.Key),
            { ConditionCheck: { } check } => ("ConditionCheck", check.TableName, check.Key),
            { Delete: { } delete } => ("Delete", delete.TableName, delete.Key),
            _ => ("?", "", new Dictionary<string, AttributeValue>()),
        };
        if (table == RecordingDynamoDb.Audit)
        {
            return $"{kind} audit";
        }
        var sortKey = key[LedgerTable.SortKey].S;
        return $"{kind} {sortKey[..(sortKey.IndexOf('#', StringComparison.Ordinal) + 1)]}";
    });
}

using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.Load.Storage;
using BudgetBuddy.TenantContracts;
using ApiChangedEntity = BudgetBuddy.Api.Storage.ChangedEntity;
using ApiTransaction = BudgetBuddy.Api.Transactions.Transaction;
using StorageBucketKey = BudgetBuddy.Load.Storage.BucketKey;
using StorageChangedEntity = BudgetBuddy.Load.Storage.ChangedEntity;

namespace BudgetBuddy.UnitTests.Load.Storage;

/// <summary>
/// The storage path builds its items by hand, without the API's code; these tests hold it to the API's mappers, so
/// DynamoDB stores, indexes and compares the same keys, attributes and update expressions on both paths.
/// </summary>
public sealed class StorageItemShapeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 15, 123, TimeSpan.Zero);
    private static readonly LedgerUser User = RecordingDynamoDb.User;
    private static readonly Caller Caller = new(User.Id, new TenantRecord(
        User.Tenant, TenantStatus.Active, "Test", User.LedgerTable, User.AuditTable, "{\"keys\":[]}", TenantPlan.Default, Now, Now, 1));

    [Fact]
    public void A_transaction_item_has_the_api_items_keys_index_keys_and_attributes()
    {
        var api = new ApiTransaction("01a0000000000000000000000000f001", StorageTestData.Checking, new DateOnly(2026, 11, 24), -1234, "USD",
            "Corner Grocer", StorageTestData.Groceries, "weekly shop", ClearedState.Uncleared, null, null, null, null, false, Now, Now, 1);

        var mine = Facts(api.Id, api.AccountId, api.Amount, api.CategoryId, api.Memo).ToItem(User);

        AssertSameItem(TransactionItem.ToItem(User.Id, api), mine);
    }

    [Fact]
    public void A_transfer_side_has_the_api_items_attributes_too()
    {
        var api = new ApiTransaction("01a0000000000000000000000000f002", StorageTestData.Savings, new DateOnly(2026, 11, 24), 5000, "USD",
            "Transfer", null, null, ClearedState.Uncleared, null, null, StorageTestData.Checking, "01a0000000000000000000000000f001", false, Now, Now, 1);

        var mine = Facts(api.Id, api.AccountId, api.Amount, null, null) with
        {
            Payee = "Transfer",
            TransferAccountId = StorageTestData.Checking,
            TransferTransactionId = "01a0000000000000000000000000f001",
        };

        AssertSameItem(TransactionItem.ToItem(User.Id, api), mine.ToItem(User));
        Assert.Equal(mine, TransactionFacts.FromItem(mine.ToItem(User)));
    }

    [Fact]
    public void A_change_entry_is_the_api_change_log_item()
    {
        var api = ChangeLogItem.ToItem(User.Id, 17, [new ApiChangedEntity("transaction", "t1", ChangeOp.Upsert, "TXN#t1"), new ApiChangedEntity("budget", "b", ChangeOp.Upsert, "BUDGET#b")], Now);
        var mine = LedgerItems.Change(User, 17, [new StorageChangedEntity("transaction", "t1", "TXN#t1"), new StorageChangedEntity("budget", "b", "BUDGET#b")], Now);

        AssertSameItem(api, mine);
        Assert.Equal(ChangeLogItem.SortKey(17), LedgerItems.ChangeSortKey(17));
    }

    [Fact]
    public void Bucket_updates_are_the_api_bucket_updates()
    {
        var api = new Api.Budgets.BucketKey("2026-11", "USD", StorageTestData.Groceries);
        var mine = new StorageBucketKey("2026-11", "USD", StorageTestData.Groceries);

        AssertSameUpdate(BudgetBucketItem.AddActivity(User.LedgerTable, User.Id, api, -1234), mine.AddActivity(User, -1234));
        AssertSameUpdate(BudgetBucketItem.SetAssigned(User.LedgerTable, User.Id, api, 50_000), mine.SetAssigned(User, 50_000));
        Assert.Equal(api.Id, mine.Id);
    }

    [Fact]
    public void A_spendings_effect_is_the_api_ledger_delta_balance_and_bucket_adds_and_category_check()
    {
        var api = new ApiTransaction("01a0000000000000000000000000f001", StorageTestData.Checking, new DateOnly(2026, 11, 24), -1234, "USD",
            "Corner Grocer", StorageTestData.Groceries, null, ClearedState.Uncleared, null, null, null, null, false, Now, Now, 1);
        var delta = new LedgerDelta();
        delta.Apply(api, +1);
        var mine = new MoneyEffect();
        var facts = Facts(api.Id, api.AccountId, api.Amount, api.CategoryId, null);
        mine.Apply(facts, +1);
        var open = new HashSet<string>(StringComparer.Ordinal) { StorageTestData.Checking };

        var apiWrites = delta.Writes(Caller, open).Concat(CategoryGuards.StillNotSensitive(Caller, [api])).ToList();
        var myWrites = mine.Writes(User, open).Concat(MoneyEffect.CategoriesStillNotSensitive(User, [facts])).ToList();

        Assert.Equal(apiWrites.Count, myWrites.Count);
        foreach (var (a, m) in apiWrites.Zip(myWrites))
        {
            if (a.Update is not null)
            {
                AssertSameUpdate(a.Update, m.Update);
            }
            else
            {
                Assert.Equal(a.ConditionCheck.ConditionExpression, m.ConditionCheck.ConditionExpression);
                Assert.Equal(Keys(a.ConditionCheck.Key), Keys(m.ConditionCheck.Key));
            }
        }
        Assert.Equal(delta.Changes().Select(c => c.SortKey), mine.Changes().Select(c => c.SortKey));
    }

    [Fact]
    public void A_transfer_in_one_currency_moves_both_balances_and_leaves_its_bucket_alone()
    {
        var effect = new MoneyEffect();
        effect.Apply(Facts("a", StorageTestData.Checking, -5000, null, null) with { TransferAccountId = StorageTestData.Savings }, +1);
        effect.Apply(Facts("b", StorageTestData.Savings, 5000, null, null) with { TransferAccountId = StorageTestData.Checking }, +1);

        var writes = effect.Writes(User, new HashSet<string>(StringComparer.Ordinal)).ToList();

        Assert.Equal(2, writes.Count);
        Assert.All(writes, w => Assert.StartsWith(LedgerItems.AccountPrefix, w.Update.Key[LedgerTable.SortKey].S, StringComparison.Ordinal));
    }

    private static TransactionFacts Facts(string id, string accountId, long amount, string? categoryId, string? memo)
    {
        var at = LedgerItems.Time(Now).S;
        return new TransactionFacts(id, accountId, "2026-11-24", amount, "USD", "Corner Grocer", categoryId, memo, "uncleared",
            null, null, null, false, at, at, 1);
    }

    private static void AssertSameItem(Dictionary<string, AttributeValue> expected, Dictionary<string, AttributeValue> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            Assert.Equal(Text(value), Text(actual[name]));
        }
    }

    private static void AssertSameUpdate(Update expected, Update actual)
    {
        Assert.Equal(expected.TableName, actual.TableName);
        Assert.Equal(Keys(expected.Key), Keys(actual.Key));
        Assert.Equal(expected.UpdateExpression, actual.UpdateExpression);
        Assert.Equal(expected.ConditionExpression, actual.ConditionExpression);
        Assert.Equal(expected.ExpressionAttributeNames, actual.ExpressionAttributeNames);
        Assert.Equal(expected.ExpressionAttributeValues.ToDictionary(v => v.Key, v => Text(v.Value)), actual.ExpressionAttributeValues.ToDictionary(v => v.Key, v => Text(v.Value)));
    }

    private static string Keys(Dictionary<string, AttributeValue> key) => string.Join("|", key.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value.S}"));

    // Enough of an attribute value to compare: strings, numbers, booleans, lists and maps.
    private static string Text(AttributeValue value) =>
        value.S ?? value.N ?? (value.BOOL is { } b ? b.ToString() : null)
        ?? (value.L is { Count: > 0 } list ? "[" + string.Join(",", list.Select(Text)) + "]" : null)
        ?? (value.M is { Count: > 0 } map ? "{" + string.Join(",", map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}:{Text(m.Value)}")) + "}" : "?");
}

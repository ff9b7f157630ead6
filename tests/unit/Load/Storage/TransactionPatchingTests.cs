using BudgetBuddy.Load.Storage;

namespace BudgetBuddy.UnitTests.Load.Storage;

public sealed class TransactionPatchingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly TransactionFacts Imported = new(
        StorageTestData.Known, StorageTestData.Checking, "2026-11-03", -4200, "USD", "Corner Grocer", null, null, "cleared",
        "import-1", null, null, false, "2026-11-03T00:00:00.0000000Z", "2026-11-03T00:00:00.0000000Z", 1);

    [Fact]
    public void A_new_memo_rewrites_the_transaction_at_the_next_version()
    {
        var plan = TransactionPatching.Plan(Imported, new TransactionPatch(Imported.Id, null, null, " weekly shop #12 "), Now);

        Assert.Equal("weekly shop #12", plan.Updated!.Memo);
        Assert.Equal(2, plan.Updated.Version);
        Assert.NotEqual(Imported.UpdatedAt, plan.Updated.UpdatedAt);
        Assert.False(plan.NamesCategory);
        Assert.Empty(plan.CategoriesToCheck);
    }

    [Fact]
    public void Clearing_a_cleared_transaction_changes_nothing_so_nothing_is_committed()
    {
        var plan = TransactionPatching.Plan(Imported, new TransactionPatch(Imported.Id, null, "cleared", null), Now);
        Assert.Null(plan.Updated);
        Assert.Null(plan.Refusal);
    }

    [Fact]
    public void A_recategorisation_reads_the_category_named_and_checks_it_is_not_sensitive()
    {
        var plan = TransactionPatching.Plan(Imported, new TransactionPatch(Imported.Id, StorageTestData.Rent, null, null), Now);

        Assert.True(plan.NamesCategory);
        Assert.Equal([StorageTestData.Rent], plan.CategoriesToCheck);
        Assert.Equal(StorageTestData.Rent, plan.Updated!.CategoryId);
    }

    [Fact]
    public void A_memo_on_a_categorised_transaction_checks_its_category_again()
    {
        var categorised = Imported with { CategoryId = StorageTestData.Groceries };
        var plan = TransactionPatching.Plan(categorised, new TransactionPatch(Imported.Id, null, null, "split later"), Now);
        Assert.Equal([StorageTestData.Groceries], plan.CategoriesToCheck);
    }

    [Fact]
    public void A_transfer_cannot_be_recategorised()
    {
        var transfer = Imported with { TransferAccountId = StorageTestData.Savings, TransferTransactionId = "01a0000000000000000000000000f002" };
        var plan = TransactionPatching.Plan(transfer, new TransactionPatch(Imported.Id, StorageTestData.Rent, null, null), Now);

        Assert.NotNull(plan.Refusal);
        Assert.True(plan.NamesCategory);
        Assert.Empty(plan.CategoriesToCheck);
    }

    [Fact]
    public void A_recategorisation_moves_the_amount_from_the_old_bucket_to_the_new_and_leaves_the_balance()
    {
        var plan = TransactionPatching.Plan(Imported, new TransactionPatch(Imported.Id, StorageTestData.Rent, null, null), Now);
        var effect = new MoneyEffect();
        effect.Apply(Imported, -1);
        effect.Apply(plan.Updated!, +1);

        Assert.Equal(
            [new BucketKey("2026-11", "USD", BucketKey.Uncategorized).Id, new BucketKey("2026-11", "USD", StorageTestData.Rent).Id],
            effect.Changes().Select(c => c.Id));
    }
}

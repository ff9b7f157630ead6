namespace BudgetBuddy.Load.Storage;

/// <summary>
/// What a merge patch of a transaction comes to, decided as the API decides it on the item it read: which reads it
/// needs (the category it names; the categories the result is in, to see whether they are sensitive now), whether it
/// is refused, and the transaction as it will be stored, or none when the patch changes nothing.
/// </summary>
internal static class TransactionPatching
{
    public static PatchPlan Plan(TransactionFacts current, TransactionPatch patch, DateTimeOffset now)
    {
        var namesCategory = patch.CategoryId is { Length: > 0 };
        var refusal = current.TransferAccountId is not null && namesCategory
            ? "A transfer's accounts, category and splits cannot be changed; delete the transfer and create a new one."
            : null;
        var categoryId = patch.CategoryId is null ? current.CategoryId : patch.CategoryId.Length == 0 ? null : patch.CategoryId;
        IReadOnlyList<string> toCheck = !current.Sensitive && categoryId is not null && refusal is null ? [categoryId] : [];
        var updated = current with
        {
            Memo = patch.Memo is null ? current.Memo : Clean(patch.Memo),
            Cleared = patch.Cleared ?? current.Cleared,
            CategoryId = categoryId,
        };
        return new PatchPlan(
            namesCategory,
            refusal,
            toCheck,
            updated == current ? null : updated with { UpdatedAt = LedgerItems.Time(now).S, Version = current.Version + 1 });
    }

    private static string? Clean(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <param name="NamesCategory">The patch names a category, which the API reads (and a missing one refuses the patch).</param>
/// <param name="Refusal">Why the patch is refused (422), or null.</param>
/// <param name="CategoriesToCheck">The categories the patched transaction is in, read together to see whether any is sensitive now.</param>
/// <param name="Updated">The transaction as it will be stored; null when the patch changes nothing.</param>
internal sealed record PatchPlan(bool NamesCategory, string? Refusal, IReadOnlyList<string> CategoriesToCheck, TransactionFacts? Updated);

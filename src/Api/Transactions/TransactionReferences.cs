using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Resolves the accounts and categories a transaction request names, all within the caller's own data, reporting
/// each that does not exist as a field error (never revealing whether it exists for someone else).
/// </summary>
internal sealed class TransactionReferences(UserItems items, AccountStore accounts, CategoryStore categories)
{
    /// <summary>
    /// The account, the transfer account and the categories a new transaction names, read in one strongly consistent
    /// batch: a write's reads are on its latency path and each is a call for the store to serve.
    /// </summary>
    public async Task<(Account? Account, Account? Other, bool InSensitiveCategory)> ReadForCreateAsync(
        Caller caller, CreateTransactionRequest request, ValidationErrors errors, CancellationToken ct)
    {
        var wanted = CategoriesNamed(request.CategoryId, request.Splits);
        var keys = new List<string> { accounts.Collection.SortKey(request.AccountId!) };
        if (request.TransferAccountId is { } otherId)
        {
            keys.Add(accounts.Collection.SortKey(otherId));
        }
        keys.AddRange(wanted.Select(w => categories.Collection.SortKey(w.Id)));
        var found = await items.BatchGetAsync(caller.Tenant.LedgerTable, caller.UserId, keys, ct);

        Account? Read(string id) => found.TryGetValue(accounts.Collection.SortKey(id), out var item) ? AccountItem.FromItem(item) : null;
        var account = Existing(Read(request.AccountId!), "accountId", request.AccountId!, errors);
        var other = request.TransferAccountId is { } transferId ? Existing(Read(transferId), "transferAccountId", transferId, errors) : null;
        var inSensitiveCategory = CheckCategories(wanted, id => found.TryGetValue(categories.Collection.SortKey(id), out var item) ? CategoryItem.FromItem(item) : null, errors);
        return (account, other, inSensitiveCategory);
    }

    public async Task<Account?> AccountAsync(Caller caller, string field, string id, ValidationErrors errors, CancellationToken ct) =>
        Existing(await accounts.Collection.GetAsync(caller, id, ct), field, id, errors);

    /// <returns>Whether a category named (on the transaction or a split line) is sensitive, which makes the transaction so.</returns>
    public async Task<bool> CheckCategoriesAsync(Caller caller, string? categoryId, IReadOnlyList<SplitLineRequest>? splits, ValidationErrors errors, CancellationToken ct)
    {
        var wanted = CategoriesNamed(categoryId, splits);
        var found = (await Task.WhenAll(wanted.Select(w => w.Id).Distinct(StringComparer.Ordinal)
            .Select(async id => (id, category: await categories.Collection.GetAsync(caller, id, ct)))))
            .ToDictionary(f => f.id, f => f.category, StringComparer.Ordinal);
        return CheckCategories(wanted, id => found[id], errors);
    }

    /// <summary>Which of these categories are sensitive now (for a transaction's categories that the request did not name).</summary>
    public Task<IReadOnlyList<string>> SensitiveCategoriesAsync(Caller caller, IEnumerable<string> categoryIds, CancellationToken ct) =>
        categories.SensitiveAmongAsync(caller, categoryIds, ct);

    private static List<(string Field, string Id)> CategoriesNamed(string? categoryId, IReadOnlyList<SplitLineRequest>? splits)
    {
        var wanted = new List<(string Field, string Id)>();
        if (categoryId is { Length: > 0 })
        {
            wanted.Add(("categoryId", categoryId));
        }
        for (var i = 0; i < (splits?.Count ?? 0); i++)
        {
            if (splits![i].CategoryId is { } id)
            {
                wanted.Add(($"splits[{i}].categoryId", id));
            }
        }
        return wanted;
    }

    private static Account? Existing(Account? account, string field, string id, ValidationErrors errors)
    {
        if (account is null)
        {
            errors.Add(field, $"No account with id '{id}' exists.");
        }
        return account;
    }

    private static bool CheckCategories(List<(string Field, string Id)> wanted, Func<string, Category?> lookup, ValidationErrors errors)
    {
        var sensitive = false;
        foreach (var (field, id) in wanted)
        {
            var category = lookup(id);
            if (category is null)
            {
                errors.Add(field, $"No category with id '{id}' exists.");
            }
            sensitive |= category?.Sensitive == true;
        }
        return sensitive;
    }
}

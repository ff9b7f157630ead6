using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// Resolves the accounts and categories a transaction request names, all within the caller's own data, reporting
/// each that does not exist as a field error (never revealing whether it exists for someone else).
/// </summary>
internal sealed class TransactionReferences(AccountStore accounts, CategoryStore categories)
{
    public async Task<Account?> AccountAsync(Caller caller, string field, string id, ValidationErrors errors, CancellationToken ct)
    {
        var account = await accounts.Collection.GetAsync(caller, id, ct);
        if (account is null)
        {
            errors.Add(field, $"No account with id '{id}' exists.");
        }
        return account;
    }

    /// <returns>Whether a category named (on the transaction or a split line) is sensitive, which makes the transaction so.</returns>
    public async Task<bool> CheckCategoriesAsync(Caller caller, string? categoryId, IReadOnlyList<SplitLineRequest>? splits, ValidationErrors errors, CancellationToken ct)
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
        var found = await Task.WhenAll(wanted.Select(w => w.Id).Distinct(StringComparer.Ordinal)
            .Select(async id => (id, category: await categories.Collection.GetAsync(caller, id, ct))));
        var missing = found.Where(f => f.category is null).Select(f => f.id).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, id) in wanted.Where(w => missing.Contains(w.Id)))
        {
            errors.Add(field, $"No category with id '{id}' exists.");
        }
        return found.Any(f => f.category?.Sensitive == true);
    }

    /// <summary>Which of these categories are sensitive now (for a transaction's categories that the request did not name).</summary>
    public Task<IReadOnlyList<string>> SensitiveCategoriesAsync(Caller caller, IEnumerable<string> categoryIds, CancellationToken ct) =>
        categories.SensitiveAmongAsync(caller, categoryIds, ct);
}

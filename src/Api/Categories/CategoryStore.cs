using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Categories;

/// <summary>The caller's categories in the tenant's ledger table, and how a request becomes one or changes one.</summary>
internal sealed class CategoryStore(UserItems items, VersionedItems versioned, TimeProvider time)
{
    public UserCollection<Category> Collection { get; } =
        new(items, versioned, "categories", "category", CategoryItem.SortKeyPrefix, CategoryItem.FromItem);

    /// <summary>Which of these categories of the caller are sensitive now (one strongly consistent read; missing ones are not).</summary>
    public async Task<IReadOnlyList<string>> SensitiveAmongAsync(Auth.Caller caller, IEnumerable<string> ids, CancellationToken ct)
    {
        var keys = ids.Select(CategoryItem.SortKey).ToList();
        if (keys.Count == 0)
        {
            return [];
        }
        var found = await items.BatchGetAsync(caller.Tenant.LedgerTable, caller.UserId, keys, ct);
        return [.. found.Values.Where(item => item.GetBool(CategoryItem.Sensitive)).Select(item => item.GetS("id"))];
    }

    public Category New(CreateCategoryRequest request)
    {
        var now = time.GetUtcNow();
        return new Category(ResourceId.New(now), request.Name!.Trim(), request.Group!.Trim(), request.Hidden ?? false, request.Sensitive ?? false, now, now, Version: 1);
    }

    public static ItemChanges Plan(Category category, UpdateCategoryRequest patch)
    {
        var changes = new ItemChanges();
        if (patch.Name is { } name && name.Trim() != category.Name)
        {
            changes.Set["name"] = AttributeValues.S(name.Trim());
        }
        if (patch.Group is { } group && group.Trim() != category.Group)
        {
            changes.Set["group"] = AttributeValues.S(group.Trim());
        }
        if (patch.Hidden is { } hidden && hidden != category.Hidden)
        {
            changes.Set["hidden"] = AttributeValues.Bool(hidden);
        }
        if (patch.Sensitive is { } sensitive && sensitive != category.Sensitive)
        {
            changes.Set[CategoryItem.Sensitive] = AttributeValues.Bool(sensitive);
        }
        return changes;
    }
}

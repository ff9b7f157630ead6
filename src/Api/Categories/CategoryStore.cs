using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Categories;

/// <summary>The caller's categories in the tenant's ledger table, and how a request becomes one or changes one.</summary>
internal sealed class CategoryStore(UserItems items, VersionedItems versioned, TimeProvider time)
{
    public UserCollection<Category> Collection { get; } =
        new(items, versioned, "categories", "category", CategoryItem.SortKeyPrefix, CategoryItem.FromItem);

    /// <summary>All of the caller's categories (a user has tens, not thousands).</summary>
    public async Task<List<Category>> AllAsync(Auth.Caller caller, CancellationToken ct)
    {
        var all = new List<Category>();
        PageRequest? page = new(PageRequest.MaxLimit, null);
        while (page is not null)
        {
            var result = await Collection.ListAsync(caller, page, ct);
            all.AddRange(result.Items);
            page = result.NextCursor is null ? null : Collection.ParsePage(PageRequest.MaxLimit, result.NextCursor, new ValidationErrors());
        }
        return all;
    }

    public Category New(CreateCategoryRequest request)
    {
        var now = time.GetUtcNow();
        return new Category(ResourceId.New(now), request.Name!.Trim(), request.Group!.Trim(), request.Hidden ?? false, now, now, Version: 1);
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
        return changes;
    }
}

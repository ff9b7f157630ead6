using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Categories;

/// <summary>Reads and writes of the caller's categories in the tenant's ledger table.</summary>
internal sealed class CategoryStore(UserItems items, VersionedItems versioned, TimeProvider time)
{
    public const string Collection = "categories";

    public Category New(CreateCategoryRequest request)
    {
        var now = time.GetUtcNow();
        return new Category(ResourceId.New(now), request.Name!.Trim(), request.Group!.Trim(), request.Hidden ?? false, now, now, Version: 1);
    }

    public static TransactWriteItem PutNew(Caller caller, Category category) => new()
    {
        Put = new Put
        {
            TableName = caller.Tenant.LedgerTable,
            Item = CategoryItem.ToItem(caller.UserId, category),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey },
        },
    };

    public async Task<Category?> GetAsync(Caller caller, string id, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, CategoryItem.SortKey(id), ct);
        return item is null ? null : CategoryItem.FromItem(item);
    }

    public async Task<ListResponse<Category>> ListAsync(Caller caller, PageRequest page, CancellationToken ct)
    {
        var result = await items.QueryPageAsync(caller.Tenant.LedgerTable, caller.UserId, CategoryItem.SortKeyPrefix, page.Limit, page.After, ct);
        return new ListResponse<Category>(
            result.Items.Select(CategoryItem.FromItem).ToList(),
            result.ContinueAfter is null ? null : PageCursor.Encode(Collection, result.ContinueAfter));
    }

    public async Task<(WriteStatus Status, Category? Category)> UpdateAsync(
        Caller caller, string id, UpdateCategoryRequest patch, long? requiredVersion, CancellationToken ct)
    {
        var outcome = await versioned.UpdateAsync(caller.Tenant.LedgerTable, caller.UserId, CategoryItem.SortKey(id), requiredVersion, current =>
        {
            var category = CategoryItem.FromItem(current);
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
        }, ct);
        return (outcome.Status, outcome.Item is null ? null : CategoryItem.FromItem(outcome.Item));
    }

    public async Task<WriteStatus> DeleteAsync(Caller caller, string id, long? requiredVersion, CancellationToken ct) =>
        (await versioned.DeleteAsync(caller.Tenant.LedgerTable, caller.UserId, CategoryItem.SortKey(id), requiredVersion, ct)).Status;
}

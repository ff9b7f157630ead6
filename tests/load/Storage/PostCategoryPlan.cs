using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>POST /v1/categories</c>: one transaction of the new category, the stored answer, the change entry and the audit
/// record.
/// </summary>
internal sealed class PostCategoryPlan(StorageSession session, IdempotentCreates idempotency)
{
    private const string Action = "POST /v1/categories";

    public async Task<StorageAnswer> RunAsync(LedgerUser user, CategoryPost call, CancellationToken ct)
    {
        var key = IdempotentCreates.NewKey();
        var now = session.Time.GetUtcNow();
        var id = LedgerItems.NewId(now);
        var (name, group) = (call.Name.Trim(), call.Group.Trim());
        TransactWriteItem[] writes =
        [
            new() { Put = Inserts.Put(user, LedgerItems.Category(user, id, name, group, call.Hidden, now)) },
            idempotency.RecordWrite(user, key, $"/v1/categories/{id}", CreatedAnswers.Category(id, name, group, call.Hidden, LedgerItems.Time(now).S)),
        ];
        await session.Committer.CommitAsync(user, Action, writes, [new ChangedEntity("category", id, LedgerItems.CategoryPrefix + id)], ct);
        return StorageAnswer.Created(CreatedAnswers.Remembered(("id", id)));
    }
}

using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>PUT /v1/budgets/{month}/categories/{id}</c>: the category, the home currency (profile, then first account),
/// one transaction of the bucket's assignment, the change entry and the audit record, then the month's budget read
/// again for the answer (<see cref="LedgerReads.BudgetInputsAsync"/>).
/// </summary>
internal sealed class AssignBudgetPlan(StorageSession session)
{
    private const string Action = "PUT /v1/budgets/{month}/categories/{categoryId}";

    public async Task<StorageAnswer> RunAsync(LedgerUser user, BudgetAssign call, CancellationToken ct)
    {
        if (await session.Reads.GetAsync(user, LedgerItems.CategoryPrefix + call.CategoryId, ct) is null)
        {
            return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(404, $"No category with id '{call.CategoryId}' exists."), ct);
        }
        if (await session.Reads.HomeCurrencyAsync(user, ct) is not { } currency)
        {
            return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(409, "There is no home currency yet."), ct);
        }
        var bucket = new BucketKey(call.Month, currency, call.CategoryId);
        await session.Committer.CommitAsync(user, Action, [new TransactWriteItem { Update = bucket.SetAssigned(user, call.Assigned) }], [bucket.Change], ct);
        await session.Reads.BudgetInputsAsync(user, ct);
        return StorageAnswer.Ok();
    }
}

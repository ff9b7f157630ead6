using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// <c>PATCH /v1/transactions/{id}</c> without <c>If-Match</c>, in the user's write turn as the API holds it: the
/// transaction (and a transfer's other side), the category a recategorisation names, one batch get of the categories
/// the result is in (are they sensitive now?), then, unless the patch changes nothing, one transaction of the
/// rewritten item (only if still at the version read), the bucket ADDs its move nets to, the category's condition
/// check, the change entry and the audit record. A patch that changes nothing or is refused commits nothing and
/// leaves a lone audit record; one that lost a race to another write is planned again on the fresh item.
/// </summary>
internal sealed class PatchTransactionPlan(StorageSession session)
{
    private const string Action = "PATCH /v1/transactions/{id}";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public async Task<StorageAnswer> RunAsync(LedgerUser user, TransactionPatch call, CancellationToken ct)
    {
        using var turn = await session.Gates.EnterAsync(user, ct);
        var deadline = session.Time.GetUtcNow() + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var stored = await session.Reads.GetAsync(user, LedgerItems.TransactionPrefix + call.Id, ct);
            if (stored is null)
            {
                return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(404, $"No transaction with id '{call.Id}' exists."), ct);
            }
            var current = TransactionFacts.FromItem(stored);
            if (current.TransferTransactionId is { } pairId)
            {
                await session.Reads.GetAsync(user, LedgerItems.TransactionPrefix + pairId, ct);
            }

            var plan = TransactionPatching.Plan(current, call, session.Time.GetUtcNow());
            if (plan.NamesCategory && await session.Reads.GetAsync(user, LedgerItems.CategoryPrefix + call.CategoryId, ct) is null)
            {
                return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(422, $"No category with id '{call.CategoryId}' exists."), ct);
            }
            if (plan.Refusal is { } refusal)
            {
                return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(422, refusal), ct);
            }
            if (plan.CategoriesToCheck.Count > 0)
            {
                await session.Reads.BatchGetAsync(user, plan.CategoriesToCheck.Select(c => LedgerItems.CategoryPrefix + c), ct);
            }
            if (plan.Updated is not { } updated)
            {
                return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Ok(), ct);
            }

            var effect = new MoneyEffect();
            effect.Apply(current, -1);
            effect.Apply(updated, +1);
            var writes = new List<TransactWriteItem> { new() { Put = VersionedPut(user, updated, current.Version) } };
            writes.AddRange(effect.Writes(user, new HashSet<string>(StringComparer.Ordinal)));
            writes.AddRange(MoneyEffect.CategoriesStillNotSensitive(user, [updated]));
            var changes = new List<ChangedEntity> { updated.Change };
            changes.AddRange(effect.Changes());
            try
            {
                await session.Committer.CommitAsync(user, Action, writes, changes, ct, turn);
                return StorageAnswer.Ok();
            }
            catch (LedgerConflict) when (session.Time.GetUtcNow() < deadline)
            {
                // Written in between by someone else (no If-Match pins a version): plan again on the new state.
                await Task.Delay(Backoff.Jittered(attempt), ct);
            }
            catch (LedgerConflict conflict)
            {
                return await session.AnswerUncommittedAsync(user, Action, StorageAnswer.Refused(409, $"The transaction kept changing: {conflict.Message}"), ct);
            }
        }
    }

    private static Put VersionedPut(LedgerUser user, TransactionFacts t, long expectedVersion) => new()
    {
        TableName = user.LedgerTable,
        Item = t.ToItem(user),
        ConditionExpression = "#v = :v",
        ExpressionAttributeNames = new() { ["#v"] = LedgerItems.Version },
        ExpressionAttributeValues = new() { [":v"] = LedgerItems.N(expectedVersion) },
    };
}

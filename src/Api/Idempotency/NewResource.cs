using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Idempotency;

/// <summary>
/// A resource about to be created: the writes that create it (all or nothing), the entities they change for the
/// change feed, where it lives, and its answer.
/// </summary>
internal sealed record NewResource<T>(IReadOnlyList<LedgerWrite> Writes, IReadOnlyList<ChangedEntity> Changes, string Location, T Body);

/// <summary>What a create came to: the (possibly replayed) answer, a key reused with another body, or the plan's refusal.</summary>
internal sealed record CreateOutcome<T>(T? Body, string? Location, bool Replayed, bool KeyReused, WriteOutcome<NewResource<T>>? Refusal = null)
{
    /// <summary>The creation was refused before anything was written; <paramref name="refusal"/> says why.</summary>
    public static CreateOutcome<T> Refused(WriteOutcome<NewResource<T>> refusal) => new(default, null, Replayed: false, KeyReused: false, refusal);
}

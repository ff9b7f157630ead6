using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Idempotency;

/// <summary>
/// A resource about to be created: the writes that create it (all or nothing), the entities they change for the
/// change feed, where it lives, and its answer.
/// </summary>
internal sealed record NewResource<T>(IReadOnlyList<LedgerWrite> Writes, IReadOnlyList<ChangedEntity> Changes, string Location, T Body);

/// <summary>What a create came to: the (possibly replayed) answer, or a key reused with another body.</summary>
internal sealed record CreateOutcome<T>(T? Body, string? Location, bool Replayed, bool KeyReused)
{
    /// <summary>The creation was refused before anything was written.</summary>
    public static readonly CreateOutcome<T> Rejected = new(default, null, Replayed: false, KeyReused: false);

    public bool WasRejected => ReferenceEquals(this, Rejected);
}

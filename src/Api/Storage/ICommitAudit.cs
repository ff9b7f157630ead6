using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// The audit record a commit carries in its own transaction, so a change and its record commit together or not at
/// all. A request's is <see cref="Audit.RequestAudit"/>; work that is not a request brings its own, or none.
/// </summary>
internal interface ICommitAudit
{
    /// <summary>The put of the record for <paramref name="changes"/>, made once per commit and sent with every attempt.</summary>
    /// <param name="actor">The caller's pseudonym (<see cref="Encryption.TenantCrypto.PseudonymAsync"/>): the trail never holds a user id.</param>
    TransactWriteItem RecordFor(Caller caller, string actor, IReadOnlyList<ChangedEntity> changes, DateTimeOffset now);

    /// <summary>The transaction carrying the record committed to <paramref name="tenant"/>'s tables.</summary>
    void Committed(TenantRecord tenant);
}

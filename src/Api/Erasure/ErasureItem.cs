using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Erasure;

/// <summary>
/// The record of a user's erasure <c>(ERASURE#&lt;id&gt;, ERASURE)</c>, outside the user's partition so it outlives
/// it. It names the user only by pseudonym (<see cref="Subject"/>); while it runs it also holds the user id sealed under
/// the tenant's data key (so any pod can resume it), and completing removes that.
/// </summary>
internal sealed record ErasureItem(
    string Id,
    string Subject,
    string RequestedBy,
    string Scopes,
    string Status,
    long Run,
    string AuditId,
    string? SealedUserId,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset LeaseUntil)
{
    public const string SortKey = "ERASURE";
    public const string SubjectAttribute = "subject";
    public const string RequestedByAttribute = "requestedBy";
    public const string ScopesAttribute = "scopes";
    public const string StatusAttribute = "status";
    public const string RunAttribute = "run";
    public const string AuditIdAttribute = "auditId";
    public const string SealedUserIdAttribute = "sealedUserId";
    public const string RequestedAtAttribute = "requestedAt";
    public const string CompletedAtAttribute = "completedAt";
    public const string LeaseUntilAttribute = "leaseUntil";

    public static Dictionary<string, AttributeValue> Key(string id) => LedgerKeys.ErasureKey(id, SortKey);

    /// <summary>The associated data of the sealed user id, binding it to its tenant and erasure.</summary>
    public static string UserIdContext(string tenantId, string id) => $"erasure-subject|{tenantId}|{id}";

    public UserErasure ToResponse() => new(Id, Status, RequestedAt, CompletedAt);

    public static ErasureItem FromItem(Dictionary<string, AttributeValue> item) => new(
        item[LedgerTable.PartitionKey].S[LedgerKeys.ErasurePartition("").Length..],
        item.GetS(SubjectAttribute),
        item.GetS(RequestedByAttribute),
        item.GetS(ScopesAttribute),
        item.GetS(StatusAttribute),
        item.GetN(RunAttribute),
        item.GetS(AuditIdAttribute),
        item.TryGetValue(SealedUserIdAttribute, out var sealedId) ? sealedId.S : null,
        item.GetTime(RequestedAtAttribute),
        item.ContainsKey(CompletedAtAttribute) ? item.GetTime(CompletedAtAttribute) : null,
        item.GetTime(LeaseUntilAttribute));
}

namespace BudgetBuddy.Api.Audit;

/// <summary>What <c>GET /v1/audit/verify</c> found after recomputing the tenant's chain from its first record.</summary>
/// <param name="Intact">True when every record matches its hash and links to the one before, and the head agrees.</param>
/// <param name="Records">Records checked.</param>
/// <param name="FirstBroken">The first record that does not check out, and why; null when intact.</param>
public sealed record AuditVerification(bool Intact, long Records, long HeadSequence, string HeadHash, AuditBreak? FirstBroken, DateTimeOffset VerifiedAt);

/// <summary>Where the chain breaks: the record's sequence number and what is wrong with it.</summary>
public sealed record AuditBreak(long Sequence, string Reason);

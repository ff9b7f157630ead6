using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.Api.Audit;

/// <summary>Verifies a tenant's chain after chaining what is pending, so the answer covers everything done so far.</summary>
internal sealed class AuditVerifier(AuditChainer chainer, AuditChainVerifier verifier)
{
    public async Task<AuditVerification> VerifyAsync(string auditTable, CancellationToken ct)
    {
        await chainer.ChainAsync(auditTable, ct);
        return await verifier.VerifyAsync(auditTable, ct);
    }
}

using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>The desired state of one tenant, as the BudgetBuddyTenant spec or the CLI states it.</summary>
/// <param name="CreateMissingTables">
/// False when a missing table would mean data lost out of band (it existed before and the policy is Retain): then the
/// table is reported missing instead of silently recreated empty.
/// </param>
/// <param name="DataKeyRotationDays">Age at which a new data key takes over encryption (older ones keep decrypting).</param>
/// <param name="Retention">How long the tenant keeps its data; null: the default policy.</param>
/// <param name="Owner">Who claims the tenant id; null: the local CLI's owner of it.</param>
/// <param name="AdoptUid">The uid of an owner whose tenant this request takes over on purpose; null to take over nothing.</param>
public sealed record TenantRequest(
    string TenantId,
    string? DisplayName = null,
    TenantPlan? Plan = null,
    bool Suspended = false,
    TableSettings? Storage = null,
    bool CreateMissingTables = true,
    int SigningKeyRotationDays = 90,
    int DataKeyRotationDays = 90,
    RetentionPolicy? Retention = null,
    TenantOwner? Owner = null,
    string? AdoptUid = null)
{
    public TenantOwner Claimant => Owner ?? TenantOwner.Local(TenantId);
}

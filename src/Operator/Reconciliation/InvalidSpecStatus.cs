using BudgetBuddy.Operator.Tenants;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Tells a tenant that its spec is refused: <c>Ready=False</c> with reason <c>InvalidSpec</c>, each broken field and
/// rule in the message, and a Warning event when the finding is new. Nothing else is touched, not even to delete:
/// the broken field could be the deletionPolicy that decides whether the tables go.
/// </summary>
internal static class InvalidSpecStatus
{
    private const int MaxShown = 10;

    public static async Task ReportAsync(TenantStatusWriter statusWriter, TenantEventRecorder events, TenantRead read, DateTime now, CancellationToken ct)
    {
        var tenant = read.Tenant;
        var message = MessageFor(read);
        // Once per finding, not on every resync while it stands: the condition keeps saying it.
        if (!TenantConditionSet.Has(tenant.Status, TenantConditionTypes.Ready, TenantReasons.InvalidSpec, message))
        {
            await events.WarningAsync(tenant, TenantReasons.InvalidSpec, message, ct);
        }
        await statusWriter.WriteAsync(tenant, status =>
        {
            status.Phase = TenantPhases.Failed;
            TenantConditionSet.Set(status, TenantConditionTypes.Ready, false, TenantReasons.InvalidSpec, message, tenant.Metadata.Generation, now);
            status.ObservedGeneration = tenant.Metadata.Generation;
        }, ct);
    }

    private static string MessageFor(TenantRead read)
    {
        var what = read.Unreadable
            ? "The operator cannot read this tenant's spec (a value does not fit its field's type)"
            : "The spec breaks the BudgetBuddyTenant schema";
        var then = read.Tenant.Metadata.DeletionTimestamp is null
            ? "nothing is provisioned or changed until it is fixed"
            : "the tenant is not deleted until it is fixed, since the spec decides what happens to its tables";
        var shown = string.Join("; ", read.Violations.Take(MaxShown));
        var more = read.Violations.Count > MaxShown ? $"; and {read.Violations.Count - MaxShown} more" : "";
        return $"{what}; {then}: {shown}{more}.";
    }
}

using BudgetBuddy.Operator.Tenants;

namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Sets conditions the way metav1.Condition asks: <c>lastTransitionTime</c> moves only when the status changes,
/// so "Ready since" stays true across resyncs that find nothing new.
/// </summary>
internal static class TenantConditionSet
{
    public static void Set(BudgetBuddyTenantStatus status, string type, bool value, string reason, string message, long? generation, DateTime now)
    {
        status.Conditions ??= [];
        var text = value ? "True" : "False";
        var existing = status.Conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            status.Conditions.Add(new TenantCondition { Type = type, Status = text, Reason = reason, Message = message, LastTransitionTime = now, ObservedGeneration = generation });
            return;
        }
        if (existing.Status != text)
        {
            existing.LastTransitionTime = now;
        }
        existing.Status = text;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
    }

    public static bool IsTrue(BudgetBuddyTenantStatus? status, string type) =>
        status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;

    public static bool Has(BudgetBuddyTenantStatus? status, string type, string reason) =>
        status?.Conditions?.Any(c => c.Type == type && c.Reason == reason) == true;

    public static bool Has(BudgetBuddyTenantStatus? status, string type, string reason, string message) =>
        status?.Conditions?.Any(c => c.Type == type && c.Reason == reason && c.Message == message) == true;
}

using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Provisioning;

/// <summary>What claiming a tenant id found: this resource owns it now, or another one does.</summary>
/// <param name="Owner">The owner recorded in the registry after the claim: the claimant, or the one in its way.</param>
/// <param name="Previous">Whom the claimant took the id over from (adoption, or its own retained claim); null otherwise.</param>
/// <param name="Retained">For a conflict: the owner is deleted and its tables were kept (adoption can take them).</param>
public sealed record TenantClaim(bool Owned, TenantOwner Owner, TenantOwner? Previous = null, bool Retained = false)
{
    /// <summary>A message for the resource that lost: who owns the id, and how to take it over on purpose.</summary>
    public string ConflictMessage(string tenantId) => Retained
        ? $"Tenant id {tenantId} belongs to {Owner}, deleted with deletionPolicy Retain: its tables and keys are kept for it. "
          + $"To take them over, annotate this resource {TenantAnnotations.Adopt}={Owner.Uid}."
        : $"Tenant id {tenantId} is owned by {Owner}. Nothing was changed. Choose another name, or delete that resource first; "
          + $"to take over its tables and keys on purpose, annotate this resource {TenantAnnotations.Adopt}={Owner.Uid}.";
}

/// <summary>Annotations a platform engineer sets on a BudgetBuddyTenant.</summary>
public static class TenantAnnotations
{
    /// <summary>
    /// Takes over a tenant id owned by another resource (restoring into a new cluster, moving namespaces). Its value
    /// must be the current owner's uid, as the TenantIdConflict message names it, so no takeover happens by accident.
    /// </summary>
    public const string Adopt = "budgetbuddy.io/adopt";
}

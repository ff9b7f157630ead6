namespace BudgetBuddy.Api.BreachDetection;

/// <summary>
/// What a breach looks like here, as the <c>signal</c> label of <c>budgetbuddy_security_signals_total</c>. Each names
/// a pattern, never a user, a token or personal data; the tenant label is the only other.
/// </summary>
internal static class SecuritySignal
{
    /// <summary>A token naming one tenant, signed with a key of another (that this pod knows).</summary>
    public const string ForeignKey = "foreign_key";

    /// <summary>A token whose <c>kid</c> is no key of the tenant it names, nor of any tenant this pod knows.</summary>
    public const string UnknownKeyId = "unknown_kid";

    /// <summary>Any other refused token: expired, altered, the wrong issuer, audience or algorithm.</summary>
    public const string RefusedToken = "refused_token";

    /// <summary>One caller meeting many 404s on resource ids within a window: walking ids that are not theirs.</summary>
    public const string ObjectProbing = "object_probing";

    /// <summary>One caller reading an unusual number of sensitive (health-related) records within a window.</summary>
    public const string DisclosureBurst = "disclosure_burst";

    /// <summary>One caller exporting their data an unusual number of times within a window.</summary>
    public const string ExportBurst = "export_burst";

    /// <summary>The tenant's audit chain failed verification: a record was altered, removed or inserted.</summary>
    public const string AuditChainBroken = "audit_chain_broken";

    /// <summary>A compliance report found a control failing.</summary>
    public const string ComplianceControlFailed = "compliance_control_failed";

    /// <summary>The tenant label of a token whose tenant claim names no tenant this pod knows: attacker-chosen values never become labels.</summary>
    public const string UnknownTenant = "unknown";
}

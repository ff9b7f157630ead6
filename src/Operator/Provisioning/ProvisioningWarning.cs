namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Something provisioning repaired that a human should know about (a Warning event, not a Normal one): the pass went
/// on, but what was found means someone or something outside BudgetBuddy changed the tenant's resources.
/// </summary>
public sealed record ProvisioningWarning(string Reason, string Resource, string Message)
{
    /// <summary>The Secret was deleted or its keys edited, and was written again from the sealed copy: same keys.</summary>
    public const string SecretRestored = "SecretRestored";

    /// <summary>The Secret was lost before any sealed copy existed: its private key is gone and a new one signs.</summary>
    public const string SigningKeyLost = "SigningKeyLost";
}

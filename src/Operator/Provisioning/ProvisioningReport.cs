namespace BudgetBuddy.Operator.Provisioning;

/// <summary>One change provisioning made (or found it had to wait for).</summary>
public sealed record ProvisioningChange(string Resource, string Action);

/// <summary>
/// What one provisioning pass did. <see cref="Ready"/> is false while a table is still CREATING or UPDATING: the
/// caller runs the pass again later (the reconciler requeues, the CLI polls) rather than blocking inside it.
/// </summary>
public sealed class ProvisioningReport
{
    private readonly List<ProvisioningChange> changes = [];
    private readonly List<string> waitingFor = [];

    public IReadOnlyList<ProvisioningChange> Changes => changes;

    public IReadOnlyList<string> WaitingFor => waitingFor;

    public bool Ready => waitingFor.Count == 0;

    public string? SigningKeyId { get; internal set; }

    internal void Changed(string resource, string action) => changes.Add(new ProvisioningChange(resource, action));

    internal void Wait(string reason) => waitingFor.Add(reason);
}

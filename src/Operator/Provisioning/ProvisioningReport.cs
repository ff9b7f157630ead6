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

    public bool Ready => waitingFor.Count == 0 && !Conflict;

    /// <summary>Who owns the tenant id after this pass; null when no claim was read (no registry table yet).</summary>
    public TenantClaim? Claim { get; internal set; }

    /// <summary>True when another resource owns the tenant id: then this pass changed nothing.</summary>
    public bool Conflict => Claim is { Owned: false };

    public string? SigningKeyId { get; internal set; }

    /// <summary>The data key new encryptions use, once the tables exist.</summary>
    public string? DataKeyId { get; internal set; }

    /// <summary>The tables the tenant is served from: its own names, or the tables a restore switched it to.</summary>
    public string? LedgerTable { get; internal set; }

    /// <inheritdoc cref="LedgerTable"/>
    public string? AuditTable { get; internal set; }

    /// <summary>
    /// Features the endpoint could not apply, by <see cref="TableCapabilities"/> name (worst outcome over all tables).
    /// A gap is reported, never fatal: DynamoDB Local lacks point-in-time recovery and tagging.
    /// </summary>
    public IReadOnlyDictionary<string, CapabilityState> Capabilities => capabilities;

    private readonly Dictionary<string, CapabilityState> capabilities = new(StringComparer.Ordinal);

    internal void Capability(string name, CapabilityState state)
    {
        if (!capabilities.TryGetValue(name, out var known) || known.Status == CapabilityStatus.Applied)
        {
            capabilities[name] = state;
        }
    }

    internal void Changed(string resource, string action) => changes.Add(new ProvisioningChange(resource, action));

    internal void Wait(string reason) => waitingFor.Add(reason);

    /// <summary>Tables that do not exist and were not created (see <see cref="TenantRequest.CreateMissingTables"/>).</summary>
    public IReadOnlyList<string> MissingTables => missingTables;

    private readonly List<string> missingTables = [];

    internal void Missing(string table) => missingTables.Add(table);

    /// <summary>Repairs of changes made outside BudgetBuddy, for a Warning event each.</summary>
    public IReadOnlyList<ProvisioningWarning> Warnings => warnings;

    private readonly List<ProvisioningWarning> warnings = [];

    internal void Warn(ProvisioningWarning warning) => warnings.Add(warning);
}

namespace BudgetBuddy.Operator.Runtime.LeaderElection;

/// <summary>Leader election through a coordination.k8s.io Lease. Settable so configuration can bind it.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>Whether to elect at all; false runs the work at once (one replica, or local runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Name of the Lease.</summary>
    public string LeaseName { get; set; } = "";

    /// <summary>Namespace of the Lease (usually the operator's own).</summary>
    public string LeaseNamespace { get; set; } = "";

    /// <summary>This replica's identity in the Lease; default: the POD_NAME variable, else machine name and a GUID.</summary>
    public string? Identity { get; set; }

    /// <summary>How long a Lease holds without renewal before another replica may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives leadership up (less than LeaseDuration).</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often to try to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether a leader that stops clears the Lease so a standby takes over at once instead of after LeaseDuration.</summary>
    public bool ReleaseOnStop { get; set; } = true;

    /// <summary>The configured identity, or the default one.</summary>
    public string ResolveIdentity() =>
        !string.IsNullOrWhiteSpace(Identity) ? Identity
        : Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod
        : $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>Throws when enabled and a setting is missing or inconsistent.</summary>
    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(LeaseName) || string.IsNullOrWhiteSpace(LeaseNamespace))
        {
            throw new InvalidOperationException("Leader election needs LeaseName and LeaseNamespace.");
        }
        // As client-go: the leader must give up (RenewDeadline) before a standby may take over (LeaseDuration).
        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            throw new InvalidOperationException("Leader election needs 0 < RetryPeriod < RenewDeadline < LeaseDuration.");
        }
    }
}

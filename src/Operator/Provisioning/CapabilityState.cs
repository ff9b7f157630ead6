namespace BudgetBuddy.Operator.Provisioning;

/// <summary>Whether a table feature the spec asks for is in effect.</summary>
public enum CapabilityStatus
{
    /// <summary>In effect as asked (enabled, or disabled because the spec says so).</summary>
    Applied,

    /// <summary>The DynamoDB endpoint does not implement it (DynamoDB Local: point-in-time recovery, tagging).</summary>
    Unsupported,
}

/// <summary>A capability's outcome for one provisioning pass, with what the endpoint said when unsupported.</summary>
public sealed record CapabilityState(CapabilityStatus Status, string Message);

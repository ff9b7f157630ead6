namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// How a tenant's tables are run: billing, deletion protection, table class, point-in-time recovery and tags, as the
/// BudgetBuddyTenant spec states them. The defaults are the spec's defaults.
/// </summary>
public sealed record TableSettings
{
    public const string PayPerRequest = "PAY_PER_REQUEST";
    public const string Provisioned = "PROVISIONED";
    public const string StandardClass = "STANDARD";

    public string BillingMode { get; init; } = PayPerRequest;

    public long? ReadCapacity { get; init; }

    public long? WriteCapacity { get; init; }

    public bool DeletionProtection { get; init; }

    public string TableClass { get; init; } = StandardClass;

    public bool PointInTimeRecovery { get; init; } = true;

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public static readonly TableSettings Default = new();

    public bool IsProvisioned => BillingMode == Provisioned;
}

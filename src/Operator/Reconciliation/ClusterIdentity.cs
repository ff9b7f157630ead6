namespace BudgetBuddy.Operator.Reconciliation;

/// <summary>
/// Names this operator's cluster in the owner it records for each tenant id, so a conflict message tells a platform
/// engineer which cluster to look in when several share one DynamoDB account and table prefix.
/// </summary>
public sealed record ClusterIdentity(string Name);

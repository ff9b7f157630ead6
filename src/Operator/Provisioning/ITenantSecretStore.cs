namespace BudgetBuddy.Operator.Provisioning;

/// <summary>
/// Where a tenant's Secret lives: a Kubernetes Secret under the operator, a folder of files for the local CLI.
/// Keys follow <see cref="BudgetBuddy.TenantContracts.TenantSecretLayout"/>.
/// </summary>
public interface ITenantSecretStore
{
    /// <returns>The Secret's data, or null when it does not exist.</returns>
    Task<IReadOnlyDictionary<string, byte[]>?> ReadAsync(string tenantId, CancellationToken ct);

    Task WriteAsync(string tenantId, IReadOnlyDictionary<string, byte[]> data, CancellationToken ct);
}

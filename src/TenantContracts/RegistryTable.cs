namespace BudgetBuddy.TenantContracts;

/// <summary>One item per tenant, keyed by tenant id. Written by provisioning, read (and cached) by the API.</summary>
public static class RegistryTable
{
    public const string PartitionKey = "tenantId";

    public static readonly TableDefinition Definition = new(PartitionKey, SortKey: null, [], TimeToLiveAttribute: null);
}

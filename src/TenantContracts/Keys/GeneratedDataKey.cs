namespace BudgetBuddy.TenantContracts.Keys;

/// <summary>A new data key: the plaintext to use now (and forget), and the wrapped form to store.</summary>
public sealed record GeneratedDataKey(byte[] Plaintext, byte[] Wrapped);

namespace BudgetBuddy.Api.Tenancy;

/// <summary>How the API caches registry items (section <c>Registry</c>).</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>How long a registry item is trusted before it is read again; bounds how late a suspension takes effect.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Least time between forced re-reads for a token with an unknown <c>kid</c>, so forged kids cannot flood DynamoDB.</summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}

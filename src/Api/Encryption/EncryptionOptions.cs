namespace BudgetBuddy.Api.Encryption;

/// <summary>The API's own settings in the <c>Encryption</c> section (the KEK settings there are shared with the operator).</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>How long a tenant's unwrapped data keys stay in memory before they are read and unwrapped again.</summary>
    public TimeSpan DataKeyCacheTtl { get; set; } = TimeSpan.FromMinutes(5);
}

namespace BudgetBuddy.Api.Consents;

/// <summary>What a user can consent to. Processing health-related (sensitive) data needs explicit consent (GDPR Art. 9).</summary>
internal static class ConsentPurposes
{
    /// <summary>Marking transactions or categories sensitive (health-related spending).</summary>
    public const string SensitiveData = "sensitive-data";

    public static readonly IReadOnlyList<string> All = [SensitiveData];
}

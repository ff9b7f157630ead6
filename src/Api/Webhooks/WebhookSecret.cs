using System.Security.Cryptography;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>A signing secret in the Standard Webhooks form, <c>whsec_</c> and the base64 of 32 random bytes.</summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int Bytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes));
}

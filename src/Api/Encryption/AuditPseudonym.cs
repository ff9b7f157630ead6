using System.Security.Cryptography;
using System.Text;

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// A user's pseudonym in the audit trail: <c>psn_</c> and 32 hex digits of HMAC-SHA-256 of the user id under the
/// tenant's pseudonym key. Equal ids give equal pseudonyms, so a trail still shows what one user did; without the key
/// a pseudonym names nobody, and 128 bits leave collisions out of reach.
/// </summary>
internal static class AuditPseudonym
{
    public const string Prefix = "psn_";

    private const int Bytes = 16;

    public static string Of(byte[] pseudonymKey, string userId) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(pseudonymKey, Encoding.UTF8.GetBytes(userId)).AsSpan(0, Bytes));

    /// <summary>The 32 hex digits after the prefix: a resource id (<see cref="Http.ResourceId"/>) derived from the pseudonym.</summary>
    public static string Digits(string pseudonym) => pseudonym[Prefix.Length..];
}

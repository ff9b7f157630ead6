using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BudgetBuddy.Api.Audit;

/// <summary>
/// The chain's link: SHA-256 over the previous record's hash, this record's sequence number and its stored JSON. A
/// record edited in place no longer matches its hash; one removed or reordered breaks the next record's link.
/// </summary>
internal static class AuditHash
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Next(string previousHash, long sequence, string recordJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{previousHash}\n{sequence}\n{recordJson}"))));
}

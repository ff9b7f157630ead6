using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BudgetBuddy.TenantContracts;

/// <summary>
/// A tenant id is the BudgetBuddyTenant's <c>metadata.name</c>: a DNS label of 3–40 characters, so it can be used
/// verbatim in table names, Secret names and IAM ARNs.
/// </summary>
public static partial class TenantId
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && DnsLabel().IsMatch(value);

    /// <summary>Throws with a message an operator can act on when <paramref name="value"/> is not a valid id.</summary>
    public static string Require(string? value) =>
        IsValid(value)
            ? value
            : throw new ArgumentException(
                $"Tenant id '{value}' is not valid: use {MinLength}-{MaxLength} lower-case letters, digits and '-', starting and ending with a letter or digit.",
                nameof(value));
}

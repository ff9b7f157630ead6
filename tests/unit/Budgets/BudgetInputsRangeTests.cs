using System.Reflection;
using BudgetBuddy.Api.Budgets;

namespace BudgetBuddy.UnitTests.Budgets;

/// <summary>
/// The budget month is read as one key range of the user's partition. That is cheap only while the range holds the
/// user's small collections; a prefix of a large one (transactions, changes, idempotency records) sorting inside it
/// would make every budget read walk it.
/// </summary>
public sealed class BudgetInputsRangeTests
{
    // The collections the range may pass: tens of items a user, read or skipped.
    private static readonly string[] SmallCollections = ["ACCOUNT#", "BUDGET#", "CARD#", "CARDFP#", "CATEGORY#"];

    [Fact]
    public void Only_small_collections_sort_inside_the_budget_month_range()
    {
        var prefixes = SortKeyPrefixesOfTheApi();
        Assert.Contains("TXN#", prefixes);
        Assert.Contains("CHANGE#", prefixes);

        var inside = prefixes
            .Where(p => string.CompareOrdinal(p, BudgetInputsReader.From) >= 0 && string.CompareOrdinal(p, BudgetInputsReader.To) <= 0)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(SmallCollections, inside);
    }

    /// <summary>Every constant of the API assembly that names a sort-key prefix (<c>…Prefix</c>, ending in <c>#</c>).</summary>
    private static List<string> SortKeyPrefixesOfTheApi() =>
        typeof(BudgetInputsReader).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Prefix", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.EndsWith('#') && v.All(c => char.IsAsciiLetterUpper(c) || c == '#'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}

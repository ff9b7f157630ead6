using System.Globalization;
using System.Text;

namespace BudgetBuddy.Load.Money;

/// <summary>
/// The request bodies the benchmark sends, written out directly: the generator shares the cores with what it
/// measures, so it builds a body with one interpolation instead of serialising an object.
/// </summary>
internal static class MoneyRequests
{
    public const string PostTransaction = "POST /v1/transactions";
    public const string GetBudget = "GET /v1/budgets/{month}";
    public const string PutAssigned = "PUT /v1/budgets/{month}/categories/{id}";
    public const string Currency = "USD";

    public static string Account(string name) =>
        $$"""{"name":"{{name}}","type":"checking","currency":"{{Currency}}","openingBalance":0}""";

    public static string Category(string name, string group) =>
        $$"""{"name":"{{name}}","group":"{{group}}","hidden":false}""";

    /// <param name="categoryId">Null for uncategorised money: income when the amount is positive.</param>
    public static byte[] Transaction(string accountId, DateOnly date, long amount, string? categoryId, string payee)
    {
        var category = categoryId is null ? "" : $",\"categoryId\":\"{categoryId}\"";
        return Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"accountId":"{{accountId}}","date":"{{date:yyyy-MM-dd}}","amount":{{amount}},"payee":"{{payee}}"{{category}}}"""));
    }

    public static byte[] Assigned(long amount) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"assigned":{{amount}}}"""));

    /// <summary>An outflow between 1.00 and 200.99 that depends only on <paramref name="sequence"/>, so runs are repeatable.</summary>
    public static long Spending(long sequence) => -(100 + sequence * 7919 % 20_000);
}

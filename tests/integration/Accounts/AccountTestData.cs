namespace BudgetBuddy.IntegrationTests.Accounts;

internal static class AccountTestData
{
    public static object Checking(string name = "Everyday", long openingBalance = 10_000, string currency = "USD") =>
        new { name, type = "checking", currency, openingBalance };
}

using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Money;

/// <summary>A user of the benchmark tenant with its token, one USD checking account and its categories, all made through the API.</summary>
internal sealed record BenchUser(string Id, string Token, string AccountId, IReadOnlyList<string> CategoryIds)
{
    private static readonly string[] Groups = ["Bills", "Everyday", "Goals", "Fun"];

    public static async Task<BenchUser> CreateAsync(ApiClient client, BenchTenant tenant, string userId, int categories, CancellationToken ct)
    {
        var token = await tenant.TokenAsync(userId, ct);
        var account = await client.RequireAsync("POST /v1/accounts", HttpMethod.Post, "/v1/accounts", token, MoneyRequests.Account("Everyday"), ct);
        var categoryIds = new List<string>(categories);
        for (var i = 0; i < categories; i++)
        {
            var category = await client.RequireAsync(
                "POST /v1/categories", HttpMethod.Post, "/v1/categories", token, MoneyRequests.Category($"Category {i + 1:00}", Groups[i % Groups.Length]), ct);
            categoryIds.Add(category.GetProperty("id").GetString()!);
        }
        return new BenchUser(userId, token, account.GetProperty("id").GetString()!, categoryIds);
    }

    /// <summary>The account's balance as the API reports it now.</summary>
    public async Task<long> BalanceAsync(ApiClient client, CancellationToken ct)
    {
        var account = await client.RequireAsync("GET /v1/accounts/{id}", HttpMethod.Get, $"/v1/accounts/{AccountId}", Token, null, ct);
        return account.GetProperty("balance").GetInt64();
    }
}

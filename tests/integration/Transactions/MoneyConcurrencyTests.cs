using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Transactions;

/// <summary>Concurrent money movements against one account leave balances and budget activity exactly equal to the sums.</summary>
public sealed class MoneyConcurrencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Two_hundred_concurrent_posts_then_edits_and_deletes_keep_balance_and_activity_exact()
    {
        await api.ProvisionAsync("race");
        var ledger = new Ledger(await api.ClientAsync("race", "racer"));
        const long opening = 1_000_000;
        var account = await ledger.AccountAsync("Hot account", opening);
        var categories = new[] { await ledger.CategoryAsync("A"), await ledger.CategoryAsync("B"), await ledger.CategoryAsync("C") };
        var random = new Random(42);

        var posts = Enumerable.Range(0, 200).Select(i => ledger.Client.PostJsonAsync("/v1/transactions", new
        {
            accountId = account,
            date = $"2026-0{1 + (i % 3)}-{1 + (i % 28):D2}",
            amount = -(long)random.Next(1, 100_000),
            categoryId = categories[i % 3],
        })).ToList();
        var created = new List<JsonElement>();
        foreach (var response in await Task.WhenAll(posts))
        {
            created.Add(await response.ExpectAsync(HttpStatusCode.Created));
        }
        await AssertSumsAsync(ledger, account, opening, categories);

        // Now edit half and delete a quarter, all at once, each with the ETag it was created with.
        var edits = created.Take(100).Select((t, i) => ledger.Client.PatchJsonAsync(
            $"/v1/transactions/{t.GetProperty("id").GetString()}",
            new { amount = -(long)(i + 1) * 1_000, categoryId = categories[(i + 1) % 3], date = "2026-03-15" },
            ifMatch: "\"1\""));
        var deletes = created.Skip(100).Take(50).Select(t => ledger.Client.DeleteAsync($"/v1/transactions/{t.GetProperty("id").GetString()}", ifMatch: "\"1\""));
        var results = await Task.WhenAll(edits.Concat(deletes));
        Assert.All(results, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));

        var remaining = await AssertSumsAsync(ledger, account, opening, categories);
        Assert.Equal(150, remaining);
    }

    private static async Task<int> AssertSumsAsync(Ledger ledger, string account, long opening, string[] categories)
    {
        var transactions = await ledger.ListAllAsync($"accountId={account}");
        Assert.Equal(opening + transactions.Sum(t => t.GetProperty("amount").GetInt64()), await ledger.BalanceAsync(account));

        foreach (var month in new[] { "2026-01", "2026-02", "2026-03" })
        {
            var budget = await (await ledger.Client.GetAsync($"/v1/budgets/{month}")).ExpectAsync(HttpStatusCode.OK);
            foreach (var category in categories)
            {
                var expected = transactions
                    .Where(t => t.GetProperty("categoryId").GetString() == category && t.GetProperty("date").GetString()!.StartsWith(month, StringComparison.Ordinal))
                    .Sum(t => t.GetProperty("amount").GetInt64());
                var line = budget.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("categoryId").GetString() == category);
                Assert.Equal(expected, line.GetProperty("activity").GetInt64());
            }
        }
        return transactions.Count;
    }
}

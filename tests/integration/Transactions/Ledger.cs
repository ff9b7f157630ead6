using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Accounts;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Transactions;

/// <summary>A user's view of the API for money tests: create accounts, categories and transactions, read them back.</summary>
public sealed class Ledger(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<string> AccountAsync(string name = "Checking", long opening = 0, string currency = "USD") =>
        (await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(name, opening, currency))).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<string> CategoryAsync(string name = "Groceries", string group = "Everyday") =>
        (await (await client.PostJsonAsync("/v1/categories", new { name, group })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<JsonElement> PostAsync(object transaction) =>
        await (await client.PostJsonAsync("/v1/transactions", transaction)).ExpectAsync(HttpStatusCode.Created);

    public async Task<long> BalanceAsync(string accountId) =>
        (await (await client.GetAsync($"/v1/accounts/{accountId}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("balance").GetInt64();

    public async Task<JsonElement> GetAsync(string transactionId) =>
        await (await client.GetAsync($"/v1/transactions/{transactionId}")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Every transaction of the query, across all pages.</summary>
    public async Task<List<JsonElement>> ListAllAsync(string query = "")
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = query.Length == 0 ? "" : "&";
            var page = await (await client.GetAsync($"/v1/transactions?limit=200{separator}{query}{(cursor is null ? "" : $"&cursor={cursor}")}")).ExpectAsync(HttpStatusCode.OK);
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}

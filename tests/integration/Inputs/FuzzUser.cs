using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>
/// The user the fuzzer acts as, with some data: two accounts, a category, plain, split and transfer transactions, a
/// budgeted month; and a real cursor of every list, to send where it does not belong.
/// </summary>
internal sealed class FuzzUser
{
    public const string Month = "2026-03";

    private FuzzUser(Dictionary<string, string> ids, Dictionary<string, string> cursors)
    {
        Ids = ids;
        Cursors = cursors;
    }

    /// <summary>A real id by collection ("accounts", "categories", "transactions", "cards", "otherAccount").</summary>
    public IReadOnlyDictionary<string, string> Ids { get; }

    /// <summary>A real next-page cursor by list path, issued for the filter <see cref="CursorFilter"/>.</summary>
    public IReadOnlyDictionary<string, string> Cursors { get; }

    public const string CursorFilter = "limit=1";

    public static async Task<FuzzUser> CreateAsync(HttpClient client, IReadOnlyList<FuzzOperation> operations)
    {
        var ledger = new Ledger(client);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["accounts"] = await ledger.AccountAsync("Fuzz checking", 100_000),
            ["otherAccount"] = await ledger.AccountAsync("Fuzz savings", 5_000),
            ["categories"] = await ledger.CategoryAsync("Fuzz food"),
        };
        await ledger.CategoryAsync("Fuzz rent");
        foreach (var day in new[] { "2026-03-01", "2026-03-02", "2026-03-03" })
        {
            ids["transactions"] = (await ledger.PostAsync(new { accountId = ids["accounts"], date = day, amount = -1_000, payee = "Fuzz shop", categoryId = ids["categories"] }))
                .GetProperty("id").GetString()!;
        }
        await ledger.PostAsync(new
        {
            accountId = ids["accounts"], date = "2026-03-04", amount = -300,
            splits = new[] { new { categoryId = ids["categories"], amount = -100 }, new { categoryId = ids["categories"], amount = -200 } },
        });
        await ledger.PostAsync(new { accountId = ids["accounts"], date = "2026-03-05", amount = -500, transferAccountId = ids["otherAccount"] });
        await (await client.PutAsJsonAsync($"/v1/budgets/{Month}/categories/{ids["categories"]}", new { assigned = 20_000 })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync("/v1/accounts", new { name = "Fuzz cash", type = "cash", currency = "EUR" })).ExpectAsync(HttpStatusCode.Created);

        var card = await client.PostJsonAsync("/v1/cards", new { pan = TestCardNumbers.NewVisa(), expMonth = 12, expYear = 2030, holderName = "Fuzz", accountId = ids["accounts"] });
        if (card.StatusCode == HttpStatusCode.Created)
        {
            ids["cards"] = (await card.JsonAsync()).GetProperty("id").GetString()!;
        }

        var cursors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in operations.Where(o => o.Method == "GET" && o.Query.Any(p => p.Name == "cursor")))
        {
            var page = await client.GetAsync($"{list.Path}?{CursorFilter}");
            if (page.IsSuccessStatusCode && (await page.JsonAsync()).TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String)
            {
                cursors[list.Path] = next.GetString()!;
            }
        }
        var changes = await (await client.GetAsync("/v1/changes?limit=1")).ExpectAsync(HttpStatusCode.OK);
        cursors["/v1/changes"] = changes.GetProperty("cursor").GetString()!;
        return new FuzzUser(ids, cursors);
    }

    /// <summary>A real value for a path parameter: the id of the collection the path is under, or the budgeted month.</summary>
    public string ValidPathValue(string path, string parameter) => parameter switch
    {
        "month" => Month,
        "categoryId" => Ids["categories"],
        "accountId" => Ids["accounts"],
        _ => Ids.TryGetValue(path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "", out var id) ? id : Ids["accounts"],
    };
}

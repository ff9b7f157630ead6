using System.Globalization;
using System.Text;

namespace BudgetBuddy.Load.Scenarios;

/// <summary>
/// The requests a client app makes, as scenario steps. Each picks a random seeded user (so load spreads over users
/// and tenants as real traffic does) and random think data: an account, a month, a page, an amount. What a client
/// would remember from an answer (its sync cursor, a list's next page, a transaction it posted) it remembers.
/// </summary>
internal static class ClientSteps
{
    private const int PageSize = 50;
    private static readonly string[] Payees =
        ["Corner Grocer", "City Transit", "Blue Bottle", "Hardware Barn", "Pharmacy Plus", "Gas & Go", "Bookshop", "Noodle Bar", "Streaming Co", "Farmers Market"];
    private static readonly string[] Memos = ["", "", "weekly shop", "with Sam", "receipt in app", "split later"];
    private static readonly string[] Reports = ["spending", "spending-by-month", "income-expense", "net-worth"];

    /// <summary><c>GET /v1/budgets/{month}</c> of a seeded month.</summary>
    public static ScenarioStep GetBudget(int weight) => new("get-budget", weight, (data, think) =>
        new LoadRequest(HttpMethod.Get, $"/v1/budgets/{think.Pick(data.Months)}", think.Pick(data.Users)));

    /// <summary>
    /// <c>GET /v1/transactions</c>: half the time the next page of the list the user was reading, otherwise a first
    /// page (of an account, or of a month across accounts).
    /// </summary>
    public static ScenarioStep ListTransactions(int weight) => new("list-transactions", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        if (user.ListPosition is { NextCursor: { } next } position && think.Chance(0.5))
        {
            return new LoadRequest(HttpMethod.Get, $"{position.Query}&cursor={Uri.EscapeDataString(next)}", user, OnSuccess: Remember(position.Query));
        }
        string query;
        if (think.Chance(0.75))
        {
            query = $"/v1/transactions?accountId={think.Pick(user.Accounts)}&limit={PageSize}";
        }
        else
        {
            var month = DateOnly.ParseExact(think.Pick(data.Months) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            query = string.Create(CultureInfo.InvariantCulture, $"/v1/transactions?from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}&limit={PageSize}");
        }
        return new LoadRequest(HttpMethod.Get, query, user, OnSuccess: Remember(query));

        static Action<LoadUser, byte[]> Remember(string query) =>
            (user, body) => user.ListPosition = new ListPosition(query, JsonFields.TopLevelString(body, "nextCursor"));
    });

    /// <summary><c>GET /v1/accounts</c>: the home screen's balances.</summary>
    public static ScenarioStep GetAccounts(int weight) => new("get-accounts", weight, (data, think) =>
        new LoadRequest(HttpMethod.Get, "/v1/accounts", think.Pick(data.Users)));

    /// <summary>
    /// <c>GET /v1/accounts</c> of the first seeded user, every time: one cheap request repeated, to compare the harness
    /// with another load tool on exactly the same work.
    /// </summary>
    public static ScenarioStep GetFirstUsersAccounts(int weight) => new("get-accounts", weight, (data, _) =>
        new LoadRequest(HttpMethod.Get, "/v1/accounts", data.Users[0]));

    /// <summary><c>GET /v1/changes?since=</c> from the user's own cursor, which then moves on.</summary>
    public static ScenarioStep DeltaSync(int weight) => new("delta-sync", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        return new LoadRequest(HttpMethod.Get, $"/v1/changes?since={Uri.EscapeDataString(user.ChangesCursor)}", user,
            OnSuccess: static (user, body) =>
            {
                if (JsonFields.TopLevelString(body, "cursor") is { } cursor)
                {
                    user.ChangesCursor = cursor;
                }
            });
    });

    /// <summary><c>GET /v1/transactions/{id}</c> of a transaction the user has seen.</summary>
    public static ScenarioStep GetTransaction(int weight) => new("get-transaction", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        return user.KnownTransaction(think) is { } id
            ? new LoadRequest(HttpMethod.Get, $"/v1/transactions/{id}", user)
            : new LoadRequest(HttpMethod.Get, "/v1/accounts", user);
    });

    /// <summary>One of the reports over the seeded months: spending by category or by month, income and expense, net worth.</summary>
    public static ScenarioStep GetReport(int weight) => new("get-report", weight, (data, think) =>
    {
        var range = $"from={data.Months[0]}&to={data.CurrentMonth}";
        var path = think.Pick(Reports) switch
        {
            "spending" => $"/v1/reports/spending?{range}",
            "spending-by-month" => $"/v1/reports/spending?{range}&groupBy=month",
            "income-expense" => $"/v1/reports/income-expense?{range}",
            _ => $"/v1/reports/net-worth?{range}",
        };
        return new LoadRequest(HttpMethod.Get, path, think.Pick(data.Users));
    });

    /// <summary>
    /// <c>POST /v1/transactions</c>: spending from checking or the credit card, dated today, mostly categorised; the
    /// user remembers it for later reads and edits.
    /// </summary>
    public static ScenarioStep PostTransaction(int weight) => new("post-transaction", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        var account = think.Chance(0.7) ? user.Accounts[0] : user.Accounts[^1];
        var category = think.Chance(0.85) ? $",\"categoryId\":\"{think.Pick(user.Categories)}\"" : "";
        var memo = think.Pick(Memos) is { Length: > 0 } m ? $",\"memo\":\"{m}\"" : "";
        var body = Json($$"""{"accountId":"{{account}}","date":"{{data.Today:yyyy-MM-dd}}","amount":{{-think.Between(100, 20_000)}},"payee":"{{think.Pick(Payees)}}"{{category}}{{memo}}}""");
        return new LoadRequest(HttpMethod.Post, "/v1/transactions", user, body, static (user, answer) =>
        {
            if (JsonFields.TopLevelString(answer, "id") is { } id)
            {
                user.Remember(id);
            }
        });
    });

    /// <summary><c>POST /v1/transactions</c> with <c>transferAccountId</c>: checking to savings, or back.</summary>
    public static ScenarioStep PostTransfer(int weight) => new("post-transfer", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        var (from, to) = think.Chance(0.8) ? (user.Accounts[0], user.Accounts[1]) : (user.Accounts[1], user.Accounts[0]);
        var body = Json($$"""{"accountId":"{{from}}","date":"{{data.Today:yyyy-MM-dd}}","amount":{{-think.Between(1_000, 50_000)}},"payee":"Transfer","transferAccountId":"{{to}}"}""");
        return new LoadRequest(HttpMethod.Post, "/v1/transactions", user, body);
    });

    /// <summary>
    /// <c>PATCH /v1/transactions/{id}</c> of a transaction the user has seen (never a transfer): recategorise it, mark it
    /// cleared, or write a memo. No <c>If-Match</c>: a client that just read it edits the latest version.
    /// </summary>
    public static ScenarioStep PatchTransaction(int weight) => new("patch-transaction", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        if (user.KnownTransaction(think) is not { } id)
        {
            return new LoadRequest(HttpMethod.Get, "/v1/accounts", user);
        }
        var body = think.Next(3) switch
        {
            0 => Json($$"""{"categoryId":"{{think.Pick(user.Categories)}}"}"""),
            1 => Json("""{"cleared":"cleared"}"""),
            _ => Json($$"""{"memo":"{{think.Pick(Memos)}} #{{think.Next(1000)}}"}"""),
        };
        return new LoadRequest(HttpMethod.Patch, $"/v1/transactions/{id}", user, body);
    });

    /// <summary><c>PUT /v1/budgets/{this month}/categories/{id}</c>: the user moves money between envelopes.</summary>
    public static ScenarioStep AssignBudget(int weight) => new("assign-budget", weight, (data, think) =>
    {
        var user = think.Pick(data.Users);
        return new LoadRequest(HttpMethod.Put, $"/v1/budgets/{data.CurrentMonth}/categories/{think.Pick(user.Categories)}", user,
            Json($$"""{"assigned":{{think.Between(1, 100) * 1_000}}}"""));
    });

    /// <summary><c>POST /v1/categories</c>: a new envelope (rare).</summary>
    public static ScenarioStep PostCategory(int weight) => new("post-category", weight, (data, think) =>
        new LoadRequest(HttpMethod.Post, "/v1/categories", think.Pick(data.Users),
            Json($$"""{"name":"Load {{think.NextUInt64():x16}}","group":"Everyday","hidden":false}""")));

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}

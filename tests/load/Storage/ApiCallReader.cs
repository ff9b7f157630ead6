using System.Globalization;
using System.Text.Json;
using BudgetBuddy.Load.Scenarios;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// Reads a built request (method, path and query, JSON body) as the API would route and bind it. The steps build
/// requests for the API; reading them back, rather than building storage calls in parallel, keeps both paths on the
/// very same choices of user, account, amount and cursor for a given run seed.
/// </summary>
internal static class ApiCallReader
{
    private const int DefaultPageSize = 50;
    private const int DefaultChangesLimit = 100;

    /// <exception cref="NotSupportedException">A request the storage path has no plan for: a harness fault, which voids the run.</exception>
    public static ApiCall Read(LoadRequest request)
    {
        var (path, query) = Split(request.Path);
        var segments = path.Trim('/').Split('/');
        var method = request.Method.Method;
        return (method, segments) switch
        {
            ("GET", ["v1", "budgets", var month]) => new BudgetMonthRead(month),
            ("GET", ["v1", "accounts"]) => new AccountListRead(),
            ("GET", ["v1", "transactions"]) => TransactionList(query),
            ("GET", ["v1", "transactions", var id]) => new TransactionRead(id),
            ("GET", ["v1", "changes"]) => new ChangesRead(
                ApiCursors.SequenceOf(query.GetValueOrDefault("since")),
                query.TryGetValue("limit", out var changes) ? int.Parse(changes, CultureInfo.InvariantCulture) : DefaultChangesLimit),
            ("GET", ["v1", "reports", var report]) => new ReportRead(
                Report(report, query.GetValueOrDefault("groupBy")), Required(query, "from"), Required(query, "to")),
            ("POST", ["v1", "transactions"]) => PostTransaction(request),
            ("PATCH", ["v1", "transactions", var id]) => PatchTransaction(id, request),
            ("PUT", ["v1", "budgets", var month, "categories", var categoryId]) => AssignBudget(month, categoryId, request),
            ("POST", ["v1", "categories"]) => PostCategory(request),
            _ => throw new NotSupportedException($"The storage path has no plan for {method} {path}."),
        };
    }

    /// <summary>A list page; its cursor must be one issued for the same filters, as the API requires.</summary>
    private static TransactionListRead TransactionList(Dictionary<string, string> query)
    {
        var call = new TransactionListRead(
            query.GetValueOrDefault("accountId"),
            Date(query.GetValueOrDefault("from")),
            Date(query.GetValueOrDefault("to")),
            query.TryGetValue("limit", out var limit) ? int.Parse(limit, CultureInfo.InvariantCulture) : DefaultPageSize,
            null);
        return query.TryGetValue("cursor", out var cursor) && cursor.Length > 0
            ? call with { After = ApiCursors.Decode(cursor, ApiCursors.TransactionsOf(call)) }
            : call;
    }

    private static TransactionPost PostTransaction(LoadRequest request)
    {
        using var body = Body(request);
        var root = body.RootElement;
        return new TransactionPost(
            root.GetProperty("accountId").GetString()!,
            DateOnly.ParseExact(root.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            root.GetProperty("amount").GetInt64(),
            Text(root, "payee"),
            Text(root, "categoryId"),
            Text(root, "memo"),
            Text(root, "transferAccountId"));
    }

    private static TransactionPatch PatchTransaction(string id, LoadRequest request)
    {
        using var body = Body(request);
        var root = body.RootElement;
        return new TransactionPatch(id, Text(root, "categoryId"), Text(root, "cleared"), Text(root, "memo"));
    }

    private static BudgetAssign AssignBudget(string month, string categoryId, LoadRequest request)
    {
        using var body = Body(request);
        return new BudgetAssign(month, categoryId, body.RootElement.GetProperty("assigned").GetInt64());
    }

    private static CategoryPost PostCategory(LoadRequest request)
    {
        using var body = Body(request);
        var root = body.RootElement;
        return new CategoryPost(
            root.GetProperty("name").GetString()!,
            root.GetProperty("group").GetString()!,
            root.TryGetProperty("hidden", out var hidden) && hidden.GetBoolean());
    }

    private static ReportKind Report(string name, string? groupBy) => (name, groupBy) switch
    {
        ("spending", "month") => ReportKind.SpendingByMonth,
        ("spending", _) => ReportKind.SpendingByCategory,
        ("income-expense", _) => ReportKind.IncomeExpense,
        ("net-worth", _) => ReportKind.NetWorth,
        _ => throw new NotSupportedException($"The storage path has no plan for the report '{name}'."),
    };

    private static (string Path, Dictionary<string, string> Query) Split(string pathAndQuery)
    {
        var mark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mark < 0)
        {
            return (pathAndQuery, query);
        }
        foreach (var pair in pathAndQuery[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            query[name] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }
        return (pathAndQuery[..mark], query);
    }

    private static JsonDocument Body(LoadRequest request) =>
        JsonDocument.Parse(request.Body ?? throw new NotSupportedException($"{request.Method} {request.Path} has no body."));

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateOnly? Date(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Required(Dictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new NotSupportedException($"The storage path needs the report's {name} month; the API's default range is not modelled.");
}

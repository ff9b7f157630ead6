using System.Globalization;
using System.Text;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Transactions;
using CsvHelper;

namespace BudgetBuddy.Api.Exports;

/// <summary>
/// Writes all of a user's data as one CSV file, streamed: one row per record, the <c>record</c> column saying which
/// (account, category, transaction, split, budget), and the columns that record has filled. A split transaction is
/// its row followed by one <c>split</c> row per line, carrying the transaction's id. Transactions come revealed a page
/// at a time, each page's disclosure recorded before its rows are written.
/// </summary>
internal static class CsvExport
{
    private static readonly string[] Header =
    [
        "record", "id", "accountId", "date", "amount", "currency", "payee", "categoryId", "memo", "cleared", "importId",
        "transferAccountId", "transferTransactionId", "name", "type", "group", "hidden", "closed", "openingBalance", "balance",
        "month", "assigned", "activity", "sensitive",
    ];

    public static async Task WriteAsync(Stream body, Caller caller, UserDataPages pages, CancellationToken ct)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await using var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true);
        csv.WriteRecord(Header);

        await foreach (var item in pages.ReadAsync(caller, AccountItem.SortKeyPrefix, ct))
        {
            var a = AccountItem.FromItem(item);
            Row(csv, "account", a.Id, currency: a.Currency, name: a.Name, type: AccountItem.TypeName(a.Type), closed: a.Closed,
                openingBalance: a.OpeningBalance, balance: a.Balance);
        }
        await foreach (var item in pages.ReadAsync(caller, CategoryItem.SortKeyPrefix, ct))
        {
            var c = CategoryItem.FromItem(item);
            Row(csv, "category", c.Id, name: c.Name, group: c.Group, hidden: c.Hidden, sensitive: c.Sensitive);
        }
        await foreach (var t in pages.TransactionsAsync(caller, ct))
        {
            Row(csv, "transaction", t.Id, t.AccountId, t.Date, t.Amount, t.Currency, t.Payee, t.CategoryId, t.Memo,
                TransactionItem.ClearedName(t.Cleared), t.ImportId, t.TransferAccountId, t.TransferTransactionId, sensitive: t.Sensitive);
            foreach (var line in t.Splits ?? [])
            {
                Row(csv, "split", t.Id, t.AccountId, t.Date, line.Amount, t.Currency, categoryId: line.CategoryId, memo: line.Memo);
            }
            await csv.FlushAsync(ct);
        }
        await foreach (var item in pages.ReadAsync(caller, BucketKey.SortKeyPrefix, ct))
        {
            var b = BudgetBucketItem.FromItem(item);
            Row(csv, "budget", $"{b.Month}:{b.Currency}:{b.CategoryId}", currency: b.Currency, categoryId: b.CategoryId,
                month: b.Month, assigned: b.Assigned, activity: b.Activity);
        }
        await csv.FlushAsync(ct);
    }

    private static void Row(
        CsvWriter csv, string record, string id, string? accountId = null, DateOnly? date = null, long? amount = null,
        string? currency = null, string? payee = null, string? categoryId = null, string? memo = null, string? cleared = null,
        string? importId = null, string? transferAccountId = null, string? transferTransactionId = null, string? name = null,
        string? type = null, string? group = null, bool? hidden = null, bool? closed = null, long? openingBalance = null,
        long? balance = null, string? month = null, long? assigned = null, long? activity = null, bool? sensitive = null) =>
        csv.WriteRecord(
        [
            record, id, accountId ?? "", date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Number(amount),
            currency ?? "", payee ?? "", categoryId ?? "", memo ?? "", cleared ?? "", importId ?? "", transferAccountId ?? "",
            transferTransactionId ?? "", name ?? "", type ?? "", group ?? "", Flag(hidden), Flag(closed), Number(openingBalance),
            Number(balance), month ?? "", Number(assigned), Number(activity), Flag(sensitive),
        ]);

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Flag(bool? value) => value switch { true => "true", false => "false", null => "" };
}

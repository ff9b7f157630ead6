using System.Buffers;
using System.Text;
using System.Text.Json;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The answers of creates as the API stores them for idempotent replays (<c>IDEMP#</c> items): the resource's JSON,
/// camelCase, nulls written. Only their size and shape matter here; the storage path never replays them.
/// </summary>
internal static class CreatedAnswers
{
    public static string Transaction(TransactionFacts t) => Json(json =>
    {
        json.WriteString("id", t.Id);
        json.WriteString("accountId", t.AccountId);
        json.WriteString("date", t.Date);
        json.WriteNumber("amount", t.Amount);
        json.WriteString("currency", t.Currency);
        json.WriteString("payee", t.Payee);
        json.WriteString("categoryId", t.CategoryId);
        json.WriteString("memo", t.Memo);
        json.WriteString("cleared", t.Cleared);
        json.WriteString("importId", t.ImportId);
        json.WriteNull("splits");
        json.WriteString("transferAccountId", t.TransferAccountId);
        json.WriteString("transferTransactionId", t.TransferTransactionId);
        json.WriteBoolean("sensitive", t.Sensitive);
        json.WriteString("createdAt", t.CreatedAt);
        json.WriteString("updatedAt", t.UpdatedAt);
        json.WriteNumber("version", t.Version);
    });

    public static string Category(string id, string name, string group, bool hidden, string at) => Json(json =>
    {
        json.WriteString("id", id);
        json.WriteString("name", name);
        json.WriteString("group", group);
        json.WriteBoolean("hidden", hidden);
        json.WriteBoolean("sensitive", false);
        json.WriteString("createdAt", at);
        json.WriteString("updatedAt", at);
        json.WriteNumber("version", 1);
    });

    /// <summary>A small answer with the fields a client remembers (an id, a cursor), as the API's answer has them at the top level.</summary>
    public static byte[] Remembered(params (string Name, string? Value)[] fields) => Encoding.UTF8.GetBytes(Json(json =>
    {
        foreach (var (name, value) in fields)
        {
            json.WriteString(name, value);
        }
    }));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

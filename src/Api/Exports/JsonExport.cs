using System.IO.Pipelines;
using System.Text.Json;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Alerts;
using BudgetBuddy.Api.Consents;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Exports;

/// <summary>
/// Writes all of a user's data as one JSON document, streamed page by page to the response:
/// <c>{"exportedAt", "settings", "consents", "alerts", "accounts", "categories", "transactions", "budgets", "cards"}</c>, each in the
/// same wire shape as the API's own answers (cards masked, as the API shows them): every item of the user's, the
/// portability export of GDPR Art. 20. Transactions come revealed a page at a time, each page's disclosure recorded before
/// it is written.
/// </summary>
internal static class JsonExport
{
    // Into the response's pipe, not its stream: the serializer flushes synchronously, which a pipe takes as a mere
    // advance while Kestrel's stream refuses it; the pipe is then flushed to the network asynchronously.
    public static async Task WriteAsync(
        PipeWriter body, Caller caller, UserDataPages pages, UserSettings settings, UserConsents consents, AlertSettings alerts, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("exportedAt", now);
        json.WritePropertyName("settings");
        JsonSerializer.Serialize(json, settings, ApiJsonContext.Default.UserSettings);
        json.WritePropertyName("consents");
        JsonSerializer.Serialize(json, consents.Consents, ApiJsonContext.Default.IReadOnlyListConsent);
        json.WritePropertyName("alerts");
        JsonSerializer.Serialize(json, alerts, Events.EventJsonContext.Default.AlertSettings);
        await WriteListAsync(json, body, "accounts", pages.ReadAsync(caller, AccountItem.SortKeyPrefix, ct), i => JsonSerializer.Serialize(json, AccountItem.FromItem(i), ApiJsonContext.Default.Account), ct);
        await WriteListAsync(json, body, "categories", pages.ReadAsync(caller, CategoryItem.SortKeyPrefix, ct), i => JsonSerializer.Serialize(json, CategoryItem.FromItem(i), ApiJsonContext.Default.Category), ct);
        await WriteListAsync(json, body, "transactions", pages.TransactionsAsync(caller, ct), t => JsonSerializer.Serialize(json, t, ApiJsonContext.Default.Transaction), ct);
        await WriteListAsync(json, body, "budgets", pages.ReadAsync(caller, BucketKey.SortKeyPrefix, ct), i => JsonSerializer.Serialize(json, BudgetBucketItem.FromItem(i), ApiJsonContext.Default.BudgetEntry), ct);
        await WriteListAsync(json, body, "cards", pages.ReadAsync(caller, CardItem.SortKeyPrefix, ct), i => JsonSerializer.Serialize(json, CardItem.FromItem(i), ApiJsonContext.Default.Card), ct);
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct);
    }

    private static async Task WriteListAsync<T>(Utf8JsonWriter json, PipeWriter body, string name, IAsyncEnumerable<T> items, Action<T> write, CancellationToken ct)
    {
        json.WriteStartArray(name);
        var written = 0;
        await foreach (var item in items)
        {
            write(item);
            // Hand what is written to the client as it goes, so memory holds one stretch, not the export.
            if (++written % 100 == 0)
            {
                json.Flush();
                await body.FlushAsync(ct);
            }
        }
        json.WriteEndArray();
    }
}

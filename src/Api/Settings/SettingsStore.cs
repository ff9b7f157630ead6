using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Settings;

/// <summary>The user's settings item <c>PROFILE</c>, and the home currency derived when none is set.</summary>
internal sealed class SettingsStore(UserItems items, LedgerCommitter committer)
{
    public const string SortKey = "PROFILE";

    public async Task<UserSettings> GetAsync(Caller caller, CancellationToken ct)
    {
        if (await StoredHomeCurrencyAsync(caller, ct) is { } currency)
        {
            return new UserSettings(currency);
        }
        // Ids are time-ordered, so the first account listed is the first one opened.
        var first = await items.QueryPageAsync(caller.Tenant.LedgerTable, caller.UserId, AccountItem.SortKeyPrefix, 1, null, ct);
        return new UserSettings(first.Items is [var account, ..] ? account.GetS("currency") : null);
    }

    /// <summary>The home currency the user set, or null; the derived one is for callers that read the accounts anyway.</summary>
    public async Task<string?> StoredHomeCurrencyAsync(Caller caller, CancellationToken ct)
    {
        var item = await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, SortKey, ct);
        return item is not null && item.TryGetValue("homeCurrency", out var currency) ? currency.S : null;
    }

    public async Task<UserSettings> SetHomeCurrencyAsync(Caller caller, ICommitAudit? audit, string currency, CancellationToken ct)
    {
        var item = LedgerKeys.Key(caller.UserId, SortKey);
        item["homeCurrency"] = AttributeValues.S(currency);
        await committer.CommitAsync(
            caller,
            audit,
            [new LedgerWrite("settings", new TransactWriteItem { Put = new Put { TableName = caller.Tenant.LedgerTable, Item = item } })],
            [new ChangedEntity("settings", "settings", ChangeOp.Upsert, SortKey)],
            ct);
        return new UserSettings(currency);
    }
}

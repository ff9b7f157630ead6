using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Alerts;

/// <summary>Reads and replaces the user's alert settings; a change is committed like any other, so it is synced and audited.</summary>
internal sealed class AlertSettingsStore(UserItems items, LedgerCommitter committer)
{
    public async Task<AlertSettings> GetAsync(Caller caller, CancellationToken ct) =>
        AlertSettingsItem.FromItem(await items.GetAsync(caller.Tenant.LedgerTable, caller.UserId, AlertSettingsItem.SortKey, ct));

    /// <summary>Which of <paramref name="ids"/> are accounts of the caller: another user's account is one that does not exist.</summary>
    public async Task<IReadOnlySet<string>> ExistingAccountsAsync(Caller caller, IEnumerable<string> ids, CancellationToken ct) =>
        (await items.BatchGetAsync(caller.Tenant.LedgerTable, caller.UserId, ids.Select(AccountItem.SortKey), ct)).Values
            .Select(i => AccountItem.FromItem(i).Id).ToHashSet(StringComparer.Ordinal);

    public async Task<AlertSettings> SetAsync(Caller caller, ICommitAudit? audit, AlertSettings settings, CancellationToken ct)
    {
        await committer.CommitAsync(
            caller,
            audit,
            [new LedgerWrite(AlertSettingsItem.Entity, new TransactWriteItem
            {
                Put = new Put { TableName = caller.Tenant.LedgerTable, Item = AlertSettingsItem.ToItem(caller.UserId, settings) },
            })],
            [new ChangedEntity(AlertSettingsItem.Entity, AlertSettingsItem.Entity, ChangeOp.Upsert, AlertSettingsItem.SortKey)],
            ct);
        return AlertSettingsItem.FromItem(AlertSettingsItem.ToItem(caller.UserId, settings));
    }
}

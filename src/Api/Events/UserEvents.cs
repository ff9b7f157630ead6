using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Alerts;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.TenantContracts;
using System.Text.Json;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// Turns one user's pending commits into events, in commit order: each changed entity's event with the entity as it
/// stands now (read strongly consistent, right after the commit), the events the commit announced, then the alerts the
/// commit brought about, judged against the user's alert settings and what was already crossed (<see cref="AlertState"/>).
/// </summary>
internal sealed class UserEvents(UserItems items, Outbox outbox, BudgetInputsReader budgets)
{
    // Reads of a user's amounts before giving up on a moment without new commits, and judging on the last read.
    private const int MaxReads = 5;

    public async Task<(IReadOnlyList<EntryEvents> Entries, AlertState State)> BuildAsync(
        TenantRecord tenant, string userId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        var table = tenant.LedgerTable;
        Dictionary<string, Dictionary<string, AttributeValue>> current;
        AlertSettings settings;
        for (var attempt = 1; ; attempt++)
        {
            var keys = entries.SelectMany(e => e.Changes).Where(c => c.Op != ChangeOp.Delete).Select(c => c.SortKey).ToHashSet(StringComparer.Ordinal);
            keys.Add(AlertSettingsItem.SortKey);
            keys.Add(AlertState.SortKey);
            current = await items.BatchGetAsync(table, userId, keys, ct);
            settings = AlertSettingsItem.FromItem(current.GetValueOrDefault(AlertSettingsItem.SortKey));
            if (!settings.Any || attempt == MaxReads)
            {
                break;
            }
            // Alerts judge amounts as each commit left them: current amounts less what later commits added. That holds
            // only if the amounts read include exactly these commits, so the user's pending commits are listed again
            // after the read: unchanged, no commit landed in between (each one leaves an entry, and only this pod,
            // holding the shard, removes them); changed, read again with the longer list.
            var again = await outbox.PendingOfAsync(tenant, userId, ct);
            if (again.Select(e => e.Sequence).SequenceEqual(entries.Select(e => e.Sequence)))
            {
                break;
            }
            entries = again;
        }
        var thresholds = settings.LowBalance.ToDictionary(a => a.AccountId, a => a.Below, StringComparer.Ordinal);
        // Alert settings apply from the commit that set them: earlier commits pending with it are not judged by them.
        var settingsAt = entries.ToList().FindLastIndex(e => e.Changes.Any(c => c.Type == AlertSettingsItem.Entity));
        if (settingsAt >= 0)
        {
            // New thresholds are judged against balances then, whether or not that commit moved them.
            var missing = thresholds.Keys.Select(AccountItem.SortKey).Where(k => !current.ContainsKey(k)).ToList();
            foreach (var (key, item) in await items.BatchGetAsync(table, userId, missing, ct))
            {
                current[key] = item;
            }
        }
        var state = AlertState.FromItem(current.GetValueOrDefault(AlertState.SortKey));
        BudgetInputs? inputs = null;

        var result = new List<EntryEvents>(entries.Count);
        foreach (var entry in entries)
        {
            var events = new List<Event>();
            void Add(string type, JsonElement data) =>
                events.Add(new Event(Guid.CreateVersion7(entry.At).ToString("N"), type, tenant.TenantId, userId, entry.At, data));

            foreach (var change in entry.Changes.Where(c => EventPayloads.Entities.Contains(c.Type)))
            {
                current.TryGetValue(change.SortKey, out var item);
                Add(EventTypes.Of(change), change.Op == ChangeOp.Delete || item is null ? EventPayloads.Deleted(change.Id) : EventPayloads.Render(change.Type, item));
            }
            foreach (var draft in entry.Drafts)
            {
                Add(draft.Type, draft.Data);
            }

            var index = result.Count;
            if (index < settingsAt)
            {
                result.Add(new EntryEvents(entry, events));
                continue;
            }
            // What the commits after this one added, to take the amounts back to how this commit left them.
            long Later(string sortKey) => entries.Skip(index + 1).SelectMany(e => e.Changes).Where(c => c.SortKey == sortKey).Sum(c => c.Delta ?? 0);

            if (settings.LargeTransaction is { } large)
            {
                foreach (var change in entry.Changes.Where(c => c is { Type: TransactionWrites.Entity, Op: ChangeOp.Create }))
                {
                    if (current.TryGetValue(change.SortKey, out var item) && TransactionItem.FromItem(item) is var t && Math.Abs(t.Amount) >= large)
                    {
                        Add(EventTypes.TransactionLarge, EventPayloads.Transaction(t));
                    }
                }
            }

            var accounts = entry.Changes.Where(c => c.Type == "account").Select(c => c.Id);
            foreach (var id in (index == settingsAt ? accounts.Concat(thresholds.Keys).Concat(state.Below) : accounts).Distinct(StringComparer.Ordinal).ToList())
            {
                var sortKey = AccountItem.SortKey(id);
                var account = current.TryGetValue(sortKey, out var item) ? AccountItem.FromItem(item) : null;
                account = account is null ? null : account with { Balance = account.Balance - Later(sortKey) };
                var below = account is not null && thresholds.TryGetValue(id, out var threshold) && account.Balance < threshold;
                if (below && state.Below.Add(id))
                {
                    Add(EventTypes.BalanceBelow, JsonSerializer.SerializeToElement(new BalanceBelow(account!, thresholds[id]), EventJsonContext.Default.BalanceBelow));
                    state.Changed = true;
                }
                else if (!below && state.Below.Remove(id))
                {
                    state.Changed = true;
                }
            }

            if (settings.Overspend)
            {
                foreach (var change in entry.Changes.Where(c => c.Type == "budget"))
                {
                    // A budget entry's id is month:currency:bucket (BucketKey.Id).
                    var parts = change.Id.Split(':');
                    if (parts.Length != 3 || !BudgetCalculator.IsCategory(parts[2]))
                    {
                        continue;
                    }
                    inputs ??= await budgets.ReadAsync(new Caller(userId, tenant), fromMonth: null, "9999-12", ct);
                    if (parts[1] != inputs.HomeCurrency)
                    {
                        continue;
                    }
                    var line = BudgetCalculator.Month(parts[0], inputs.HomeCurrency, inputs.Buckets, inputs.Categories)
                        .Categories.FirstOrDefault(l => l.CategoryId == parts[2]);
                    // Available rolls over: later activity in this month or an earlier one counts against it.
                    var laterActivity = entries.Skip(index + 1).SelectMany(e => e.Changes)
                        .Where(c => c.Type == "budget" && c.Id.Split(':') is [var m, var cur, var cat]
                            && cat == parts[2] && cur == parts[1] && string.CompareOrdinal(m, parts[0]) <= 0)
                        .Sum(c => c.Delta ?? 0);
                    var laterThisMonth = entries.Skip(index + 1).SelectMany(e => e.Changes).Where(c => c.Id == change.Id).Sum(c => c.Delta ?? 0);
                    var available = line is null ? 0 : line.Available - laterActivity;
                    var key = $"{parts[0]}#{parts[2]}";
                    if (line is not null && available < 0 && state.Overspent.Add(key))
                    {
                        Add(EventTypes.CategoryOverspent, JsonSerializer.SerializeToElement(
                            new CategoryOverspent(line.CategoryId, line.Name, parts[0], inputs.HomeCurrency, line.Assigned, line.Activity - laterThisMonth, available),
                            EventJsonContext.Default.CategoryOverspent));
                        state.Changed = true;
                    }
                    else if (available >= 0 && state.Overspent.Remove(key))
                    {
                        state.Changed = true;
                    }
                }
            }
            result.Add(new EntryEvents(entry, events));
        }
        return (result, state);
    }
}

/// <summary>The events of one pending commit, in order.</summary>
internal sealed record EntryEvents(OutboxEntry Entry, IReadOnlyList<Event> Events);

using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Api.Accounts;

/// <summary>The caller's accounts in the tenant's ledger table, and how a request becomes one or changes one.</summary>
internal sealed class AccountStore(UserItems items, VersionedItems versioned, TimeProvider time)
{
    /// <summary>An account can be deleted only once no transaction refers to it.</summary>
    public static readonly DeleteGuard NoTransactions = new(
        "attribute_not_exists(#count) OR #count = :zero",
        new() { ["#count"] = Transactions.LedgerDelta.TransactionCount },
        new() { [":zero"] = AttributeValues.N(0) });

    public UserCollection<Account> Collection { get; } =
        new(items, versioned, "accounts", "account", AccountItem.SortKeyPrefix, AccountItem.FromItem);

    public Account New(CreateAccountRequest request)
    {
        var now = time.GetUtcNow();
        var opening = request.OpeningBalance ?? 0;
        return new Account(
            ResourceId.New(now),
            request.Name!.Trim(),
            request.Type!.Value,
            request.Currency!,
            opening,
            opening,
            Closed: false,
            now,
            now,
            Version: 1);
    }

    /// <summary>
    /// What a patch changes; a new opening balance moves the balance by the difference, by ADD. Closing stamps the
    /// account to expire under the tenant's <paramref name="retention"/>, counted from now; reopening takes the stamp
    /// off again.
    /// </summary>
    public ItemChanges Plan(Account account, UpdateAccountRequest patch, RetentionPolicy retention)
    {
        var changes = new ItemChanges();
        if (patch.Name is { } name && name.Trim() != account.Name)
        {
            changes.Set["name"] = AttributeValues.S(name.Trim());
        }
        if (patch.Type is { } type && type != account.Type)
        {
            changes.Set["type"] = AttributeValues.S(AccountItem.TypeName(type));
        }
        if (patch.Closed is { } closed && closed != account.Closed)
        {
            changes.Set["closed"] = AttributeValues.Bool(closed);
            if (closed)
            {
                var now = time.GetUtcNow();
                changes.Set[AccountItem.ClosedAt] = AttributeValues.Time(now);
                changes.Set[LedgerTable.ExpiresAt] = AttributeValues.N(retention.ClosedAccountExpiresAt(now));
            }
            else
            {
                changes.Remove.Add(AccountItem.ClosedAt);
                changes.Remove.Add(LedgerTable.ExpiresAt);
            }
        }
        if (patch.OpeningBalance is { } opening && opening != account.OpeningBalance)
        {
            changes.Set[AccountItem.OpeningBalance] = AttributeValues.N(opening);
            changes.Add[AccountItem.Balance] = opening - account.OpeningBalance;
        }
        return changes;
    }
}

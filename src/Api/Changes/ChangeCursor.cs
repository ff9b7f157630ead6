using System.Globalization;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Changes;

/// <summary>The change-feed cursor: an opaque wrapper of the last sequence number a client has applied.</summary>
internal static class ChangeCursor
{
    private const string Collection = "changes";

    public static string Encode(long sequence) => PageCursor.Encode(Collection, ChangeLogItem.SortKey(sequence));

    public static bool TryDecode(string? cursor, out long sequence)
    {
        sequence = 0;
        if (string.IsNullOrEmpty(cursor) || cursor == "0")
        {
            return true;
        }
        if (!PageCursor.TryDecode(cursor, Collection, ChangeLogItem.SortKeyPrefix, out var sortKey)
            || !long.TryParse(sortKey.AsSpan(ChangeLogItem.SortKeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }
        return true;
    }
}

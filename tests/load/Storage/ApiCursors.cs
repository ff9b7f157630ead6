using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// The API's opaque cursors, <c>base64url("v1|&lt;collection&gt;|&lt;sort key&gt;")</c>: the storage path reads the
/// ones the seed and earlier answers gave a user, and hands out the same, so a client's state (its sync cursor, its
/// place in a list) means the same on both paths.
/// </summary>
internal static class ApiCursors
{
    private const string Transactions = "transactions";
    private const string Changes = "changes";
    private const string Version = "v1";

    public static string Encode(string collection, string sortKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}|{collection}|{sortKey}"));

    /// <exception cref="FormatException">Not a cursor of <paramref name="collection"/>.</exception>
    public static string Decode(string cursor, string collection)
    {
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 3);
        return parts is [Version, var owner, var key] && owner == collection
            ? key
            : throw new FormatException($"'{cursor}' is not a cursor of {collection}.");
    }

    /// <summary>
    /// The scope a transactions cursor is issued for: the list and its filters (the API refuses a cursor sent with
    /// other filters). The load never filters by category.
    /// </summary>
    public static string TransactionsOf(TransactionListRead call) =>
        $"{Transactions};{call.AccountId};;{call.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)};{call.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The change feed's cursor after sequence <paramref name="sequence"/>.</summary>
    public static string ChangesAfter(long sequence) => Encode(Changes, LedgerItems.ChangeSortKey(sequence));

    /// <summary>The sequence a change-feed cursor stands for; empty and "0" are the start.</summary>
    public static long SequenceOf(string? cursor) =>
        string.IsNullOrEmpty(cursor) || cursor == "0"
            ? 0
            : long.Parse(Decode(cursor, Changes).AsSpan(LedgerItems.ChangePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
}

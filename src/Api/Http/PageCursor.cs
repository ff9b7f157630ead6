using System.Buffers.Text;
using System.Text;

namespace BudgetBuddy.Api.Http;

/// <summary>
/// Opaque pagination cursors: the sort key to continue after, base64url-encoded and tagged with the collection it
/// belongs to, so a cursor from one list cannot be replayed against another.
/// </summary>
internal static class PageCursor
{
    private const string Version = "v1";

    public static string Encode(string collection, string sortKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}|{collection}|{sortKey}"));

    public static bool TryDecode(string cursor, string collection, string requiredPrefix, out string sortKey)
    {
        sortKey = "";
        if (cursor.Length > 1024)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(bytes).Split('|', 3);
        if (parts is not [Version, var owner, var key] || owner != collection || !key.StartsWith(requiredPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        sortKey = key;
        return true;
    }
}

using System.Globalization;
using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Events;

/// <summary>The pull feed's cursor: the last position read in each shard, opaque to clients.</summary>
internal static class EventCursor
{
    private const string Collection = "events";
    private const string Prefix = "P";

    public static string Encode(IReadOnlyList<long> positions) =>
        PageCursor.Encode(Collection, Prefix + string.Join('.', positions.Select(p => p.ToString(CultureInfo.InvariantCulture))));

    public static bool TryDecode(string? cursor, out long[] positions)
    {
        positions = new long[EventShards.Count];
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        if (!PageCursor.TryDecode(cursor, Collection, Prefix, out var key))
        {
            return false;
        }
        var parts = key[Prefix.Length..].Split('.');
        if (parts.Length != EventShards.Count)
        {
            return false;
        }
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out positions[i]))
            {
                return false;
            }
        }
        return true;
    }
}

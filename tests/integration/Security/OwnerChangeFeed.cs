using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// The owner's delta-sync feed, where every write to the owner's data lands in commit order: empty since a cursor
/// means nothing of the owner's was written since, including things no snapshot looked at (budget months, settings).
/// </summary>
internal static class OwnerChangeFeed
{
    /// <summary>The cursor after everything written so far.</summary>
    public static async Task<string> EndAsync(HttpClient owner)
    {
        var cursor = "";
        while (true)
        {
            var page = await ReadAsync(owner, cursor);
            cursor = page.GetProperty("cursor").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return cursor;
            }
        }
    }

    /// <summary>Each change written after <paramref name="cursor"/>, as "op type id".</summary>
    public static async Task<List<string>> SinceAsync(HttpClient owner, string cursor)
    {
        var page = await ReadAsync(owner, cursor);
        return page.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("op").GetString()} {c.GetProperty("type").GetString()} {c.GetProperty("id").GetString()}")
            .ToList();
    }

    private static async Task<JsonElement> ReadAsync(HttpClient owner, string cursor) =>
        await (await owner.GetAsync($"/v1/changes?limit=1000&since={Uri.EscapeDataString(cursor)}")).ExpectAsync(HttpStatusCode.OK);
}

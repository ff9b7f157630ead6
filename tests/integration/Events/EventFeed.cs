using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Events;

/// <summary>A back-office reader of a tenant's pull feed: reads pages until the events it waits for have arrived.</summary>
public sealed class EventFeed(HttpClient client)
{
    public static async Task<EventFeed> ForAsync(ApiFixture api, string tenant) =>
        new(api.Client(await api.TokenAsync(new TokenSpec(tenant, "back-office") { Scopes = [Scopes.EventsRead] })));

    public HttpClient Client => client;

    public string? Cursor { get; private set; }

    /// <summary>Every event after the cursor, reading until <paramref name="done"/> holds for what was read (or 20 s pass).</summary>
    public async Task<List<JsonElement>> ReadUntilAsync(Func<List<JsonElement>, bool> done, string? types = null)
    {
        var read = new List<JsonElement>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var query = $"/v1/events?limit=200{(Cursor is null ? "" : $"&since={Cursor}")}{(types is null ? "" : $"&types={types}")}";
            var page = await (await client.GetAsync(query)).ExpectAsync(HttpStatusCode.OK);
            read.AddRange(page.GetProperty("items").EnumerateArray());
            Cursor = page.GetProperty("nextCursor").GetString();
            if (page.GetProperty("hasMore").GetBoolean())
            {
                continue;
            }
            if (done(read) || DateTime.UtcNow > deadline)
            {
                return read;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Reads until the feed has been quiet for a second: everything committed so far has arrived.</summary>
    public async Task<List<JsonElement>> DrainAsync()
    {
        var all = await ReadUntilAsync(_ => true);
        await Task.Delay(1000);
        all.AddRange(await ReadUntilAsync(_ => true));
        return all;
    }
}

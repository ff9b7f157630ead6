using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Changes;

/// <summary>What an offline client keeps: entities by type and id, brought up to date only from the change feed.</summary>
internal sealed class FeedReplica
{
    private string? cursor;

    public Dictionary<(string Type, string Id), string> Entities { get; } = [];

    /// <summary>Applies pages until the feed says nothing more is waiting.</summary>
    public async Task SyncAsync(HttpClient client, int limit)
    {
        while (true)
        {
            var page = await (await client.GetAsync($"/v1/changes?limit={limit}{(cursor is null ? "" : $"&since={cursor}")}")).ExpectAsync(HttpStatusCode.OK);
            foreach (var change in page.GetProperty("changes").EnumerateArray())
            {
                var key = (change.GetProperty("type").GetString()!, change.GetProperty("id").GetString()!);
                if (change.GetProperty("op").GetString() == "delete")
                {
                    Assert.Equal(JsonValueKind.Null, change.GetProperty("data").ValueKind);
                    Entities.Remove(key);
                }
                else
                {
                    Entities[key] = change.GetProperty("data").GetRawText();
                }
            }
            cursor = page.GetProperty("cursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return;
            }
        }
    }

    /// <summary>Asserts the replica holds exactly the server's state, as the full export shows it (budget entries included).</summary>
    public async Task AssertMatchesExportAsync(HttpClient client)
    {
        var export = await (await client.GetAsync("/v1/export")).ExpectAsync(HttpStatusCode.OK);
        var server = new Dictionary<(string, string), string>();
        foreach (var (type, list) in new[] { ("account", "accounts"), ("category", "categories"), ("transaction", "transactions"), ("budget", "budgets") })
        {
            foreach (var item in export.GetProperty(list).EnumerateArray())
            {
                var id = type == "budget"
                    ? $"{item.GetProperty("month").GetString()}:{item.GetProperty("currency").GetString()}:{item.GetProperty("categoryId").GetString()}"
                    : item.GetProperty("id").GetString()!;
                server[(type, id)] = item.GetRawText();
            }
        }
        var replicated = Entities.Where(e => e.Key.Type != "settings").ToDictionary(e => ((string, string))e.Key, e => e.Value);
        Assert.Equal(server.Keys.Order(), replicated.Keys.Order());
        foreach (var (key, json) in server)
        {
            Assert.Equal(json, replicated[key]);
        }
    }

    /// <summary>Asserts the replica holds exactly what the list endpoints of the server say.</summary>
    public async Task AssertMatchesServerAsync(HttpClient client, params (string Type, string Path)[] collections)
    {
        var server = new Dictionary<(string, string), string>();
        foreach (var (type, path) in collections)
        {
            string? next = null;
            do
            {
                var page = await (await client.GetAsync($"{path}?limit=200{(next is null ? "" : $"&cursor={next}")}")).ExpectAsync(HttpStatusCode.OK);
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    server[(type, item.GetProperty("id").GetString()!)] = item.GetRawText();
                }
                next = page.GetProperty("nextCursor").GetString();
            }
            while (next is not null);
        }
        var replicated = Entities.Where(e => collections.Any(c => c.Type == e.Key.Type)).ToDictionary(e => ((string, string))e.Key, e => e.Value);
        Assert.Equal(server.Keys.Order(), replicated.Keys.Order());
        foreach (var (key, json) in server)
        {
            Assert.Equal(json, replicated[key]);
        }
    }
}

using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Consents;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Sensitive;

/// <summary>Marking a category sensitive seals the transactions already in it, not only those written afterwards.</summary>
public sealed class CategorySealingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Date = "2026-03-05";

    private static async Task<(List<JsonElement> Changes, string Cursor)> SyncAsync(HttpClient client, string? since = null)
    {
        var changes = new List<JsonElement>();
        var cursor = since;
        bool more;
        do
        {
            var page = await (await client.GetAsync($"/v1/changes?limit=1000{(cursor is null ? "" : "&since=" + Uri.EscapeDataString(cursor))}")).ExpectAsync(HttpStatusCode.OK);
            changes.AddRange(page.GetProperty("changes").EnumerateArray());
            cursor = page.GetProperty("cursor").GetString();
            more = page.GetProperty("hasMore").GetBoolean();
        }
        while (more);
        return (changes, cursor!);
    }

    [Fact]
    public async Task Marking_a_category_sensitive_seals_its_transactions_and_the_feed_and_a_replayed_create_carry_them()
    {
        const string tenant = "phi-mark";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var account = await alice.AccountAsync();
        var clinic = await alice.CategoryAsync("Clinic", "Health");
        var food = await alice.CategoryAsync("Food");
        var create = new { accountId = account, date = Date, amount = -8_000L, payee = "phi physio centre", memo = "phi knee session", categoryId = clinic };
        var first = (await (await alice.Client.PostJsonAsync("/v1/transactions", create, idempotencyKey: "before-mark")).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var split = (await alice.PostAsync(new
        {
            accountId = account, date = Date, amount = -3_000L, memo = "phi mixed receipt",
            splits = new[] { new { categoryId = food, amount = -1_000L, memo = "phi apples" }, new { categoryId = clinic, amount = -2_000L, memo = "phi bandages" } },
        })).GetProperty("id").GetString()!;
        var other = (await alice.PostAsync(new { accountId = account, date = Date, amount = -500L, payee = "Bakery", memo = "sourdough", categoryId = food })).GetProperty("id").GetString()!;
        var (_, cursor) = await SyncAsync(alice.Client);
        var stored = new StoredData(api, tenant);
        Assert.Contains(await stored.EverythingAsync(), v => v.Contains("phi knee session", StringComparison.Ordinal));

        var marked = await (await alice.Client.PatchJsonAsync($"/v1/categories/{clinic}", new { sensitive = true })).ExpectAsync(HttpStatusCode.OK);

        Assert.True(marked.GetProperty("sensitive").GetBoolean());
        // Sealed at rest: the items, and the stored answer of the idempotent create; the other category's stays as it was.
        await stored.AssertNowhereAtRestAsync("phi physio centre", "phi knee session", "phi mixed receipt", "phi apples", "phi bandages");
        Assert.Equal("sourdough", (await stored.TransactionItemAsync("alice", other))["memo"].S);
        var sealedFirst = await alice.GetAsync(first);
        Assert.True(sealedFirst.GetProperty("sensitive").GetBoolean());
        Assert.Equal("phi knee session", sealedFirst.GetProperty("memo").GetString());
        Assert.Equal(2, sealedFirst.GetProperty("version").GetInt64());
        Assert.Equal("phi bandages", (await alice.GetAsync(split)).GetProperty("splits")[1].GetProperty("memo").GetString());
        var untouched = await alice.GetAsync(other);
        Assert.False(untouched.GetProperty("sensitive").GetBoolean());
        Assert.Equal(1, untouched.GetProperty("version").GetInt64());

        // Clients syncing learn the new state (sealing changes what they are told: sensitive true, a new version).
        var (changes, _) = await SyncAsync(alice.Client, cursor);
        var transactions = changes.Where(c => c.GetProperty("type").GetString() == "transaction").ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(new[] { first, split }.Order(StringComparer.Ordinal), transactions.Keys.Order(StringComparer.Ordinal));
        Assert.True(transactions[first].GetProperty("data").GetProperty("sensitive").GetBoolean());
        Assert.Equal("phi knee session", transactions[first].GetProperty("data").GetProperty("memo").GetString());
        Assert.Contains(changes, c => c.GetProperty("id").GetString() == clinic);

        // The sealing is recorded as the marking request's doing, by id.
        var sealing = await stored.AuditAsync($"action={Uri.EscapeDataString("PATCH /v1/categories/{id}")}&outcome=committed");
        Assert.Contains(sealing, e => StoredData.Resources(e).SequenceEqual(new[] { $"transaction/{first}", $"transaction/{split}" }.Order(StringComparer.Ordinal)));

        // A retry of the create from before the mark still replays (its fingerprint predates the keyed one), sealed now.
        var replay = await alice.Client.PostJsonAsync("/v1/transactions", create, idempotencyKey: "before-mark");
        var replayed = await replay.ExpectAsync(HttpStatusCode.Created);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first, replayed.GetProperty("id").GetString());
        Assert.Equal("phi knee session", replayed.GetProperty("memo").GetString());
        Assert.True(replayed.GetProperty("sensitive").GetBoolean());
    }

    [Fact]
    public async Task Marking_again_finishes_a_sealing_that_was_cut_short_and_writes_after_the_mark_are_sealed()
    {
        const string tenant = "phi-resume";
        await api.ProvisionAsync(tenant);
        var alice = new Ledger(await api.ClientAsync(tenant, "alice"));
        await SensitiveDataConsent.GrantAsync(alice.Client);
        var account = await alice.AccountAsync();
        var clinic = await alice.CategoryAsync("Clinic", "Health");
        var ids = new List<string>();
        // More than one batch of the sweep.
        await Parallel.ForEachAsync(Enumerable.Range(0, 120), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var id = (await alice.PostAsync(new { accountId = account, date = Date, amount = -100L - i, memo = $"phi visit {i:D3} 9Z", categoryId = clinic })).GetProperty("id").GetString()!;
            lock (ids)
            {
                ids.Add(id);
            }
        });
        // The mark committed but its sealing never ran (the pod died): set the flag behind the API's back.
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Tables.Ledger(tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"), [LedgerTable.SortKey] = new AttributeValue($"CATEGORY#{clinic}") },
            UpdateExpression = "SET #s = :t",
            ExpressionAttributeNames = new() { ["#s"] = "sensitive" },
            ExpressionAttributeValues = new() { [":t"] = new AttributeValue { BOOL = true } },
        });
        var stored = new StoredData(api, tenant);
        Assert.Equal(120, (await stored.EverythingAsync()).Count(v => v.EndsWith(" 9Z", StringComparison.Ordinal)));

        // Written after the mark: sealed at once, from the category read at write time.
        var later = await alice.PostAsync(new { accountId = account, date = Date, amount = -50L, memo = "phi later visit 9Y", categoryId = clinic });
        Assert.True(later.GetProperty("sensitive").GetBoolean());

        await (await alice.Client.PatchJsonAsync($"/v1/categories/{clinic}", new { sensitive = true })).ExpectAsync(HttpStatusCode.OK);

        await stored.AssertNowhereAtRestAsync(" 9Z", " 9Y");
        var all = await alice.ListAllAsync($"categoryId={clinic}");
        Assert.Equal(121, all.Count);
        Assert.All(all, t => Assert.True(t.GetProperty("sensitive").GetBoolean()));
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Where(t => t.GetProperty("version").GetInt64() == 2).Select(t => t.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Contains(all, t => t.GetProperty("memo").GetString() == "phi visit 042 9Z");
    }
}

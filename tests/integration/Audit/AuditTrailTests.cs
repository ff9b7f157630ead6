using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Audit;

public sealed class AuditTrailTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] AllScopes = [Scopes.BudgetRead, Scopes.BudgetWrite, Scopes.AuditRead];

    private async Task<HttpClient> AuditorAsync(string tenant) =>
        api.Client(await api.TokenAsync(new TokenSpec(tenant, "auditor") { Scopes = [Scopes.AuditRead] }));

    private static async Task<List<JsonElement>> ListAsync(HttpClient auditor, string query = "")
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var parameters = new List<string> { "limit=200" };
            if (query.Length > 0)
            {
                parameters.Add(query);
            }
            if (cursor is not null)
            {
                parameters.Add($"cursor={Uri.EscapeDataString(cursor)}");
            }
            var page = await (await auditor.GetAsync($"/v1/audit?{string.Join('&', parameters)}")).ExpectAsync(HttpStatusCode.OK);
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    [Fact]
    public async Task A_committed_change_and_a_refused_one_are_each_recorded_once_with_actor_action_and_outcome()
    {
        await api.ProvisionAsync("audited");
        var alice = await api.ClientAsync("audited", "alice");

        var account = await (await alice.PostJsonAsync("/v1/accounts", new { name = "Checking", type = "checking", currency = "USD" })).ExpectAsync(HttpStatusCode.Created);
        var accountId = account.GetProperty("id").GetString()!;
        await (await alice.PostJsonAsync("/v1/accounts", new { name = "", type = "checking", currency = "USD" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        var entries = await ListAsync(await AuditorAsync("audited"));

        var created = Assert.Single(entries, e => e.GetProperty("outcome").GetString() == "committed");
        // The actor is alice's pseudonym, never her id; filtering by her id finds it.
        Assert.StartsWith("psn_", created.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", created.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains(await ListAsync(await AuditorAsync("audited"), "actor=alice"), e => e.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        Assert.Equal("POST /v1/accounts", created.GetProperty("action").GetString());
        Assert.Equal([$"account/{accountId}"], created.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        Assert.True(created.GetProperty("committed").GetBoolean());
        Assert.Contains(Scopes.BudgetWrite, created.GetProperty("scopes").GetString(), StringComparison.Ordinal);

        var refused = Assert.Single(entries, e => e.GetProperty("outcome").GetString() == "400");
        Assert.Equal("POST /v1/accounts", refused.GetProperty("action").GetString());
        Assert.False(refused.GetProperty("committed").GetBoolean());
        // Reads of non-sensitive data are not audited; the chain starts at 1 and links record to record.
        Assert.Equal(2, entries.Count);
        Assert.Equal([1L, 2L], entries.Select(e => e.GetProperty("sequence").GetInt64()).Order());
        var first = entries.Single(e => e.GetProperty("sequence").GetInt64() == 1);
        var second = entries.Single(e => e.GetProperty("sequence").GetInt64() == 2);
        Assert.Equal(new string('0', 64), first.GetProperty("previousHash").GetString());
        Assert.Equal(first.GetProperty("hash").GetString(), second.GetProperty("previousHash").GetString());
    }

    [Fact]
    public async Task Reading_the_audit_log_needs_the_audit_read_scope_and_shows_only_the_callers_tenant()
    {
        await api.ProvisionAsync("audit-one");
        await api.ProvisionAsync("audit-two");
        var writer = await api.ClientAsync("audit-two", "bob");
        await (await writer.PostJsonAsync("/v1/categories", new { name = "Rent", group = "Bills" })).ExpectAsync(HttpStatusCode.Created);

        await (await (await api.ClientAsync("audit-one", "bob")).GetAsync("/v1/audit")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await ListAsync(await AuditorAsync("audit-one")));
        Assert.Single(await ListAsync(await AuditorAsync("audit-two")));
    }

    [Fact]
    public async Task The_log_filters_by_actor_action_outcome_and_time()
    {
        await api.ProvisionAsync("audit-filter");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var user in new[] { "ann", "ben" })
        {
            var client = api.Client(await api.TokenAsync(new TokenSpec("audit-filter", user) { Scopes = AllScopes }));
            await (await client.PostJsonAsync("/v1/categories", new { name = $"Food of {user}", group = "Food" })).ExpectAsync(HttpStatusCode.Created);
            await (await client.PostJsonAsync("/v1/categories", new { name = "", group = "Food" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        var auditor = await AuditorAsync("audit-filter");

        // Records name ann by her pseudonym; her id and the pseudonym filter alike.
        var anns = await ListAsync(auditor, "actor=ann");
        Assert.Equal(2, anns.Count);
        var pseudonym = anns[0].GetProperty("actor").GetString()!;
        Assert.StartsWith("psn_", pseudonym, StringComparison.Ordinal);
        Assert.All(anns, e => Assert.Equal(pseudonym, e.GetProperty("actor").GetString()));
        Assert.Equal(2, (await ListAsync(auditor, $"actor={pseudonym}")).Count);
        Assert.NotEqual(pseudonym, (await ListAsync(auditor, "actor=ben"))[0].GetProperty("actor").GetString());
        Assert.Equal(2, (await ListAsync(auditor, "outcome=committed")).Count);
        Assert.Equal(4, (await ListAsync(auditor, $"action={Uri.EscapeDataString("POST /v1/categories")}")).Count);
        Assert.Equal(4, (await ListAsync(auditor, $"from={Uri.EscapeDataString(before.ToString("O"))}")).Count);
        Assert.Empty(await ListAsync(auditor, $"to={Uri.EscapeDataString(before.ToString("O"))}"));
        await (await auditor.GetAsync("/v1/audit?from=yesterday")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_chain_verifies_after_500_concurrent_changes_from_two_api_instances_and_names_a_record_edited_raw()
    {
        await api.ProvisionAsync("audit-chain");
        await using var second = new ApiFactory(api.Dynamo.ServiceUrl, api.TablePrefix);
        second.StartServer();
        var clients = new List<HttpClient>();
        for (var user = 0; user < 10; user++)
        {
            var token = await api.TokenAsync("audit-chain", $"user-{user}");
            var client = user % 2 == 0 ? api.Client(token) : second.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            clients.Add(client);
        }

        // 500 creates, 50 per user, many at once from both instances: both pods chain the same tenant concurrently.
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (i, ct) =>
            await (await clients[i % clients.Count].PostJsonAsync("/v1/categories", new { name = $"Category {i}", group = "Bills" })).ExpectAsync(HttpStatusCode.Created));

        var auditor = await AuditorAsync("audit-chain");
        var verified = await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        Assert.Equal(500, verified.GetProperty("records").GetInt64());
        Assert.Equal(500, verified.GetProperty("headSequence").GetInt64());
        var entries = await ListAsync(auditor);
        Assert.Equal(500, entries.Select(e => e.GetProperty("resources")[0].GetString()).Distinct().Count());

        // Someone with table access rewrites who did record 137.
        var key = new Dictionary<string, AttributeValue>
        {
            [AuditTable.PartitionKey] = new AttributeValue("CHAIN#main"),
            [AuditTable.SortKey] = new AttributeValue("SEQ#" + 137.ToString("D20", System.Globalization.CultureInfo.InvariantCulture)),
        };
        var item = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Audit("audit-chain"), Key = key, ConsistentRead = true })).Item;
        var tampered = item["record"].S.Replace("\"actor\":\"psn_", "\"actor\":\"someone-", StringComparison.Ordinal);
        Assert.NotEqual(item["record"].S, tampered);
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Tables.Audit("audit-chain"),
            Key = key,
            UpdateExpression = "SET #r = :r",
            ExpressionAttributeNames = new() { ["#r"] = "record" },
            ExpressionAttributeValues = new() { [":r"] = new AttributeValue(tampered) },
        });

        var broken = await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(137, broken.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        Assert.Contains("hash", broken.GetProperty("firstBroken").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}

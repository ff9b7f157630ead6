using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.IntegrationTests.Sensitive;

/// <summary>
/// What a tenant's tables hold, read raw through the SDK as someone with table access would, and its audit log as an
/// auditor reads it: for tests that check what is at rest and what was recorded.
/// </summary>
public sealed class StoredData(ApiFixture api, string tenant)
{
    /// <summary>Every string and number stored anywhere in the tenant's ledger, audit and keys tables, nested values included.</summary>
    public async Task<List<string>> EverythingAsync()
    {
        var values = new List<string>();
        foreach (var table in new[] { api.Tables.Ledger(tenant), api.Tables.Audit(tenant), api.Tables.Keys(tenant) })
        {
            foreach (var item in await TableItems.AllAsync(api.DynamoClient, table))
            {
                Collect(item.Values, values);
            }
        }
        return values;
    }

    /// <summary>Asserts that none of <paramref name="secrets"/> is anywhere at rest.</summary>
    public async Task AssertNowhereAtRestAsync(params string[] secrets)
    {
        var stored = await EverythingAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(stored, v => v.Contains(secret, StringComparison.Ordinal));
        }
    }

    public async Task<Dictionary<string, AttributeValue>> TransactionItemAsync(string user, string id) =>
        (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger(tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue($"USER#{user}"), [LedgerTable.SortKey] = new AttributeValue($"TXN#{id}") },
            ConsistentRead = true,
        })).Item;

    /// <summary>
    /// Opens a field ciphertext with the key it names (<see cref="StoredKeys"/>, <paramref name="user"/>'s when it is
    /// a user key, from the tenant's keys table) in the context of <paramref name="contextUser"/> (by default the same
    /// user); <paramref name="ledgerTable"/> is where the tenant's data keys are (a copy of the ledger, say).
    /// </summary>
    public async Task<string> DecryptAsync(string ciphertext, string user, string transactionId, string field, string? ledgerTable = null, string? contextUser = null)
    {
        var keyId = FieldCipher.KeyIdOf(ciphertext) ?? throw new InvalidOperationException("not a field ciphertext");
        var key = await StoredKeys.KeyAsync(api.DynamoClient, ledgerTable ?? api.Tables.Ledger(tenant), api.Tables.Keys(tenant), tenant, user, keyId);
        return FieldCipher.Decrypt(key, ciphertext, SensitiveFields.Context(tenant, contextUser ?? user, transactionId, field));
    }

    /// <summary>The tenant's audit records, oldest first, as a holder of <c>audit:read</c> lists them.</summary>
    public async Task<List<JsonElement>> AuditAsync(string query = "")
    {
        var auditor = api.Client(await api.TokenAsync(new TokenSpec(tenant, "auditor") { Scopes = [Scopes.AuditRead] }));
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = $"/v1/audit?limit=200{(query.Length > 0 ? "&" + query : "")}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}";
            var page = await (await auditor.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    /// <summary>The records of sensitive reads, oldest first.</summary>
    public Task<List<JsonElement>> DisclosuresAsync() => AuditAsync("outcome=disclosed");

    public static List<string> Resources(JsonElement entry) =>
        [.. entry.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal)];

    private static void Collect(IEnumerable<AttributeValue> attributes, List<string> values)
    {
        foreach (var value in attributes)
        {
            if (value.S is { } s)
            {
                values.Add(s);
            }
            if (value.N is { } n)
            {
                values.Add(n);
            }
            values.AddRange(value.SS ?? []);
            Collect(value.L ?? [], values);
            Collect(value.M?.Values ?? Enumerable.Empty<AttributeValue>(), values);
        }
    }
}

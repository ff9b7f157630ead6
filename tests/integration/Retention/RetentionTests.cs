using System.Globalization;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;

namespace BudgetBuddy.IntegrationTests.Retention;

/// <summary>
/// A tenant's retention policy reaches what the API writes: each item carries its expiry in <c>expiresAt</c>, which
/// time to live on both tables enforces. DynamoDB Local accepts time to live but never deletes, so these tests read
/// the stamps and the tables' setting, and stand in for the deletion with raw DeleteItem calls.
/// </summary>
public sealed class RetentionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly RetentionPolicy Policy = new(TransactionsYears: 10, AuditYears: 3, ClosedAccountsYears: 2);

    private async Task ProvisionAsync(string tenant)
    {
        var report = await api.Provisioner.ProvisionUntilReadyAsync(new TenantRequest(tenant, Retention: Policy), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(report.Ready, string.Join("; ", report.WaitingFor));
    }

    private async Task<Dictionary<string, AttributeValue>> LedgerItemAsync(string tenant, string user, string sortKey) =>
        (await api.DynamoClient.GetItemAsync(new GetItemRequest
        {
            TableName = api.Tables.Ledger(tenant),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue($"USER#{user}"), [LedgerTable.SortKey] = new AttributeValue(sortKey) },
            ConsistentRead = true,
        })).Item;

    private static Dictionary<string, AttributeValue> ChainKey(long sequence) => new()
    {
        [AuditTable.PartitionKey] = new AttributeValue(AuditItems.ChainPartition),
        [AuditTable.SortKey] = new AttributeValue(AuditItems.SequenceKey(sequence)),
    };

    private static long ExpiresAt(Dictionary<string, AttributeValue> item) => long.Parse(item[LedgerTable.ExpiresAt].N, CultureInfo.InvariantCulture);

    private async Task<HttpClient> AuditorAsync(string tenant) =>
        api.Client(await api.TokenAsync(new TokenSpec(tenant, "auditor") { Scopes = [Scopes.AuditRead] }));

    private async Task<HttpClient> AdminAsync(string tenant) =>
        api.Client(await api.TokenAsync(new TokenSpec(tenant, "compliance-officer") { Scopes = [Scopes.Admin] }));

    private static async Task<JsonElement> VerifyAsync(HttpClient auditor) =>
        await (await auditor.GetAsync("/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonElement> RetentionControlAsync(string tenant)
    {
        var report = await (await (await AdminAsync(tenant)).GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);
        return report.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "retention");
    }

    [Fact]
    public async Task A_transaction_expires_n_years_after_its_date_and_its_expiry_changes_no_balance_or_budget()
    {
        await ProvisionAsync("keep-txns");
        var ledger = new Ledger(await api.ClientAsync("keep-txns", "alice"));
        var account = await ledger.AccountAsync();
        var category = await ledger.CategoryAsync();
        var posted = await ledger.PostAsync(new { accountId = account, date = "2026-05-04", amount = -1250, categoryId = category });
        var id = posted.GetProperty("id").GetString()!;

        Assert.Equal(Policy.TransactionExpiresAt(new DateOnly(2026, 5, 4), DateTimeOffset.UtcNow), ExpiresAt(await LedgerItemAsync("keep-txns", "alice", $"TXN#{id}")));

        await (await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { date = "2026-04-30" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Policy.TransactionExpiresAt(new DateOnly(2026, 4, 30), DateTimeOffset.UtcNow), ExpiresAt(await LedgerItemAsync("keep-txns", "alice", $"TXN#{id}")));

        // One already past its retention when written goes at once: a stamp more than five years past would never go.
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var old = (await ledger.PostAsync(new { accountId = account, date = "2010-01-15", amount = -100 })).GetProperty("id").GetString()!;
        Assert.InRange(ExpiresAt(await LedgerItemAsync("keep-txns", "alice", $"TXN#{old}")), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await (await ledger.Client.DeleteAsync($"/v1/transactions/{old}")).ExpectAsync(HttpStatusCode.NoContent);

        // Time to live deleting it, as a raw delete: the sums kept on the account and budget month stay.
        await api.DynamoClient.DeleteItemAsync(api.Tables.Ledger("keep-txns"),
            new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"), [LedgerTable.SortKey] = new AttributeValue($"TXN#{id}") });
        await (await ledger.Client.GetAsync($"/v1/transactions/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(-1250, await ledger.BalanceAsync(account));
        var month = await (await ledger.Client.GetAsync("/v1/budgets/2026-04")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(-1250, month.GetProperty("categories").EnumerateArray()
            .Single(c => c.GetProperty("categoryId").GetString() == category).GetProperty("activity").GetInt64());
    }

    [Fact]
    public async Task Closing_an_account_stamps_it_to_expire_k_years_later_and_reopening_takes_the_stamp_off()
    {
        await ProvisionAsync("keep-accounts");
        var ledger = new Ledger(await api.ClientAsync("keep-accounts", "alice"));
        var account = await ledger.AccountAsync();
        Assert.False((await LedgerItemAsync("keep-accounts", "alice", $"ACCOUNT#{account}")).ContainsKey(LedgerTable.ExpiresAt));

        var before = DateTimeOffset.UtcNow;
        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{account}", new { closed = true })).ExpectAsync(HttpStatusCode.OK);
        var after = DateTimeOffset.UtcNow;
        var closed = await LedgerItemAsync("keep-accounts", "alice", $"ACCOUNT#{account}");
        Assert.InRange(ExpiresAt(closed), Policy.ClosedAccountExpiresAt(before), Policy.ClosedAccountExpiresAt(after));
        Assert.True(closed.ContainsKey("closedAt"));

        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{account}", new { name = "Old checking" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ExpiresAt(closed), ExpiresAt(await LedgerItemAsync("keep-accounts", "alice", $"ACCOUNT#{account}")));

        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{account}", new { closed = false })).ExpectAsync(HttpStatusCode.OK);
        var reopened = await LedgerItemAsync("keep-accounts", "alice", $"ACCOUNT#{account}");
        Assert.False(reopened.ContainsKey(LedgerTable.ExpiresAt));
        Assert.False(reopened.ContainsKey("closedAt"));
    }

    [Fact]
    public async Task Audit_records_expire_m_years_after_they_were_written_the_head_never_and_both_tables_enforce_it()
    {
        await ProvisionAsync("keep-audit");
        var ledger = new Ledger(await api.ClientAsync("keep-audit", "alice"));
        await ledger.CategoryAsync("Rent");
        await ledger.CategoryAsync("Food");
        Assert.True((await VerifyAsync(await AuditorAsync("keep-audit"))).GetProperty("intact").GetBoolean());

        var chained = (await api.DynamoClient.QueryAsync(AuditItems.ChainQuery(api.Tables.Audit("keep-audit")))).Items;
        Assert.Equal(2, chained.Count);
        foreach (var item in chained)
        {
            Assert.Equal(Policy.AuditExpiresAt(AuditRecord.FromJson(item[AuditItems.Record].S).Time), long.Parse(item[AuditTable.ExpiresAt].N, CultureInfo.InvariantCulture));
        }
        var head = (await api.DynamoClient.GetItemAsync(new GetItemRequest { TableName = api.Tables.Audit("keep-audit"), Key = AuditItems.HeadKey(), ConsistentRead = true })).Item;
        Assert.False(head.ContainsKey(AuditTable.ExpiresAt));

        foreach (var table in new[] { api.Tables.Ledger("keep-audit"), api.Tables.Audit("keep-audit") })
        {
            var ttl = (await api.DynamoClient.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table })).TimeToLiveDescription;
            Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
            Assert.Equal("expiresAt", ttl.AttributeName);
        }
    }

    [Fact]
    public async Task The_chain_verifies_from_its_oldest_record_still_kept_but_a_record_missing_in_the_middle_breaks_it()
    {
        await ProvisionAsync("expiring-chain");
        var ledger = new Ledger(await api.ClientAsync("expiring-chain", "alice"));
        for (var i = 0; i < 8; i++)
        {
            await ledger.CategoryAsync($"Category {i}");
        }
        var auditor = await AuditorAsync("expiring-chain");
        Assert.Equal(8, (await VerifyAsync(auditor)).GetProperty("records").GetInt64());
        var table = api.Tables.Audit("expiring-chain");

        // Time to live removed the two oldest records.
        await api.DynamoClient.DeleteItemAsync(table, ChainKey(1));
        await api.DynamoClient.DeleteItemAsync(table, ChainKey(2));
        var trimmed = await VerifyAsync(auditor);
        Assert.True(trimmed.GetProperty("intact").GetBoolean(), trimmed.ToString());
        Assert.Equal(6, trimmed.GetProperty("records").GetInt64());
        Assert.Equal(8, trimmed.GetProperty("headSequence").GetInt64());

        // Time to live deletes what is due in no set order: record 4 is gone while record 3, also due, is still there.
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = ChainKey(3),
            UpdateExpression = "SET #e = :past",
            ExpressionAttributeNames = new() { ["#e"] = AuditTable.ExpiresAt },
            ExpressionAttributeValues = new() { [":past"] = AuditItems.Number(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds()) },
        });
        await api.DynamoClient.DeleteItemAsync(table, ChainKey(4));
        var outOfOrder = await VerifyAsync(auditor);
        Assert.True(outOfOrder.GetProperty("intact").GetBoolean(), outOfOrder.ToString());
        Assert.Equal(5, outOfOrder.GetProperty("records").GetInt64());
        var report = await (await (await AdminAsync("expiring-chain")).GetAsync("/v1/compliance/report")).ExpectAsync(HttpStatusCode.OK);
        var chain = report.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "audit-chain");
        Assert.Equal("pass", chain.GetProperty("status").GetString());
        Assert.Contains("3 older records expired", chain.GetProperty("evidence").GetString(), StringComparison.Ordinal);

        // Record 7 follows records that have not expired: its absence is a deletion, not expiry.
        await api.DynamoClient.DeleteItemAsync(table, ChainKey(7));
        var broken = await VerifyAsync(auditor);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(7, broken.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task The_compliance_report_shows_the_policy_and_fails_retention_when_a_table_stops_enforcing_it()
    {
        await ProvisionAsync("keep-report");

        var enforced = await RetentionControlAsync("keep-report");
        Assert.Equal("pass", enforced.GetProperty("status").GetString());
        var evidence = enforced.GetProperty("evidence").GetString()!;
        Assert.Contains(Policy.ToString(), evidence, StringComparison.Ordinal);
        Assert.Contains($"{api.Tables.Audit("keep-report")}: time to live ENABLED on expiresAt", evidence, StringComparison.Ordinal);

        await api.DynamoClient.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = api.Tables.Audit("keep-report"),
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = AuditTable.ExpiresAt, Enabled = false },
        });

        var lapsed = await RetentionControlAsync("keep-report");
        Assert.Equal("fail", lapsed.GetProperty("status").GetString());
        Assert.Contains($"{api.Tables.Audit("keep-report")}: time to live DISABLED", lapsed.GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }
}

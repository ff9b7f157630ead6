using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using BudgetBuddy.TenantContracts;
using static BudgetBuddy.IntegrationTests.Imports.ImportJobClient;

namespace BudgetBuddy.IntegrationTests.Imports;

/// <summary>Statements imported by jobs: asked for with Prefer: respond-async, or too large for one request.</summary>
public sealed class ImportJobTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public Task InitializeAsync() => api.ProvisionAsync("importjobs");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_job_asked_for_imports_every_line_once_reports_unreadable_lines_and_leaves_no_staged_statement()
    {
        var ledger = new Ledger(await api.ClientAsync("importjobs", "asked"));
        var account = await ledger.AccountAsync(opening: 0);
        var lines = Lines(1_200);
        var csv = Csv(lines) + "\nnot-a-date,1.00,Shop,x\n2026-01-05,lots,Shop,y";

        var response = await ImportAsync(ledger.Client, account, csv, respondAsync: true);
        Assert.Equal("respond-async", Assert.Single(response.Headers.GetValues("Preference-Applied")));
        var (location, accepted) = await AcceptedAsync(response);
        Assert.Equal(account, accepted.GetProperty("accountId").GetString());
        Assert.Equal(1_200, accepted.GetProperty("lines").GetInt32());
        Assert.Equal(2, accepted.GetProperty("errorCount").GetInt32());

        var job = await FinishedAsync(ledger.Client, location, Patience);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(1_200, job.GetProperty("imported").GetInt32());
        Assert.Equal(0, job.GetProperty("duplicates").GetInt32());
        Assert.Equal([1_202, 1_203], job.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(lines.Sum(l => l.Amount), await ledger.BalanceAsync(account));
        Assert.Equal(1_200, (await ledger.ListAllAsync($"accountId={account}")).Count);
        Assert.Empty(await StagedPartsAsync(api.DynamoClient, api.Tables.Ledger("importjobs"), "asked"));
        // Every batch is in the audit trail, tied to the job, in the transaction that committed it.
        var auditor = api.Client(await api.TokenAsync(new TokenSpec("importjobs", "asked-auditor") { Scopes = [Scopes.AuditRead] }));
        var trail = await (await auditor.GetAsync($"/v1/audit?actor=asked&action={Uri.EscapeDataString("JOB /v1/imports/{id}")}&limit=200")).ExpectAsync(HttpStatusCode.OK);
        var batches = trail.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "JOB /v1/imports/{id}" && e.GetProperty("requestId").GetString() == accepted.GetProperty("id").GetString())
            .ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.True(b.GetProperty("committed").GetBoolean()));
        // Found by the user's id, named by the user's pseudonym.
        Assert.Single(batches.Select(b => b.GetProperty("actor").GetString()).Distinct());
        Assert.StartsWith("psn_", batches[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Equal(1_200, batches.Sum(b => b.GetProperty("resources").EnumerateArray().Count(r => r.GetString()!.StartsWith("transaction/", StringComparison.Ordinal))));

        var again = await FinishedAsync(ledger.Client, (await AcceptedAsync(await ImportAsync(ledger.Client, account, csv, respondAsync: true))).Location, Patience);
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(1_200, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(lines.Sum(l => l.Amount), await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task A_statement_larger_than_a_request_takes_becomes_a_job_that_stops_exactly_when_the_account_closes()
    {
        var ledger = new Ledger(await api.ClientAsync("importjobs", "closing"));
        var account = await ledger.AccountAsync(opening: 0);
        var lines = Lines(8_000);

        var (location, _) = await AcceptedAsync(await ImportAsync(ledger.Client, account, Csv(lines)));
        while (await ledger.BalanceAsync(account) == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        await (await ledger.Client.PatchJsonAsync($"/v1/accounts/{account}", new { closed = true })).ExpectAsync(HttpStatusCode.OK);
        var job = await FinishedAsync(ledger.Client, location, Patience);

        Assert.Equal("stopped", job.GetProperty("status").GetString());
        var imported = job.GetProperty("imported").GetInt32();
        var transactions = await ledger.ListAllAsync($"accountId={account}");
        Assert.InRange(imported, 1, lines.Count - 1);
        Assert.Equal(imported, transactions.Count);
        Assert.Equal(0, job.GetProperty("duplicates").GetInt32());
        Assert.Equal(lines.Count - imported, job.GetProperty("notImported").GetInt32());
        Assert.Equal(transactions.Sum(t => t.GetProperty("amount").GetInt64()), await ledger.BalanceAsync(account));
    }

    [Fact]
    public async Task A_job_is_its_owners_alone()
    {
        var owner = new Ledger(await api.ClientAsync("importjobs", "owner"));
        var account = await owner.AccountAsync(opening: 0);
        var (location, _) = await AcceptedAsync(await ImportAsync(owner.Client, account, Csv(Lines(10)), respondAsync: true));
        await FinishedAsync(owner.Client, location, Patience);

        var other = await api.ClientAsync("importjobs", "other");
        await (await other.GetAsync(location)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.GetAsync("/v1/imports/not-an-id")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Text;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using static BudgetBuddy.IntegrationTests.Imports.ImportJobClient;

namespace BudgetBuddy.IntegrationTests.Imports;

/// <summary>
/// An import job whose API process dies part-way, with a second process on the same store: the job's next read, on
/// the survivor, resumes it from its last committed batch, and every line is imported exactly once.
/// </summary>
public sealed class ImportJobFailoverTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Dictionary<string, string> ShortLease = new() { ["Imports__JobLease"] = "00:00:02" };

    [Fact]
    public async Task A_job_whose_process_is_killed_resumes_on_another_process_and_imports_every_line_once()
    {
        await api.ProvisionAsync("failover");
        var token = await api.TokenAsync("failover", "mover");
        await using var first = await ApiProcess.StartAsync(api, "first", ShortLease);
        await using var second = await ApiProcess.StartAsync(api, "second", ShortLease);
        using var onFirst = first.Client(token);
        using var onSecond = second.Client(token);
        var ledger = new Ledger(onFirst);
        var account = await ledger.AccountAsync(opening: 0);
        var lines = Lines(10_000);

        var (location, _) = await AcceptedAsync(await ImportAsync(onFirst, account, Csv(lines), respondAsync: true));
        while (await ledger.BalanceAsync(account) == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        await first.KillAsync();
        var stalled = await (await onSecond.GetAsync(location)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("running", stalled.GetProperty("status").GetString());
        Assert.InRange(stalled.GetProperty("imported").GetInt32(), 1, lines.Count - 1);

        // While it waits, the staged statement is at rest sealed: no payee or memo of it in clear.
        var parts = await StagedPartsAsync(api.DynamoClient, api.Tables.Ledger("failover"), "mover");
        Assert.NotEmpty(parts);
        Assert.All(parts, p =>
        {
            var stored = Encoding.UTF8.GetString(p["data"].B.ToArray());
            Assert.DoesNotContain("Shop ", stored, StringComparison.Ordinal);
            Assert.DoesNotContain("ref 1", stored, StringComparison.Ordinal);
        });

        var job = await FinishedAsync(onSecond, location, TimeSpan.FromMinutes(3));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(lines.Count, job.GetProperty("imported").GetInt32());
        Assert.Equal(0, job.GetProperty("duplicates").GetInt32());
        var survivor = new Ledger(onSecond);
        Assert.Equal(lines.Count, (await survivor.ListAllAsync($"accountId={account}")).Count);
        Assert.Equal(lines.Sum(l => l.Amount), await survivor.BalanceAsync(account));
        Assert.Contains("resumed here", second.AllOutput, StringComparison.Ordinal);
        Assert.Empty(await StagedPartsAsync(api.DynamoClient, api.Tables.Ledger("failover"), "mover"));
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Imports;

/// <summary>Statements, import requests and job polling as a client of import jobs does them.</summary>
internal static class ImportJobClient
{
    private static readonly string[] Months = ["2026-01", "2026-02", "2026-03", "2026-04"];

    /// <summary>Distinct lines over four months: every tenth one income, the rest spending.</summary>
    public static List<(string Date, long Amount)> Lines(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ($"{Months[i % Months.Length]}-{1 + i / Months.Length % 28:D2}", i % 10 == 0 ? 200_000L + i : -(100L + i)))];

    public static string Csv(IEnumerable<(string Date, long Amount)> lines) =>
        "date,amount,payee,memo\n" + string.Join('\n', lines.Select((l, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{l.Date},{l.Amount / 100m:0.00},Shop {i % 37},ref {i}")));

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, string account, string csv, bool respondAsync = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/accounts/{account}/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (respondAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }
        return client.SendAsync(request);
    }

    /// <summary>The 202's job, checked against its Location.</summary>
    public static async Task<(string Location, JsonElement Job)> AcceptedAsync(HttpResponseMessage response)
    {
        var job = await response.ExpectAsync(HttpStatusCode.Accepted);
        var location = response.Headers.Location?.OriginalString;
        Assert.Equal($"/v1/imports/{job.GetProperty("id").GetString()}", location);
        Assert.Equal("running", job.GetProperty("status").GetString());
        return (location!, job);
    }

    /// <summary>Polls the job until it is no longer running (as a client would, every half second).</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, string location, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await (await client.GetAsync(location)).ExpectAsync(HttpStatusCode.OK);
            if (job.GetProperty("status").GetString() != "running")
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the job was still running after {timeout}: {job}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The user's staged statement parts, raw from the ledger table.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> StagedPartsAsync(IAmazonDynamoDB dynamo, string table, string user)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = LedgerTable.PartitionKey, ["#sk"] = LedgerTable.SortKey },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue($"USER#{user}"), [":prefix"] = new AttributeValue("IMPORTJOBPART#") },
            ConsistentRead = true,
        });
        return response.Items;
    }
}

using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Operability;

/// <summary>A failure the API did not foresee is a 500 problem that names nothing internal; the log has the details.</summary>
public sealed class InternalErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_unforeseen_storage_failure_answers_500_without_stack_trace_or_exception_text()
    {
        // A realistic unforeseen failure: the tenant's ledger table was deleted behind the registry's back, so
        // DynamoDB answers ResourceNotFoundException, which no handler expects.
        await api.ProvisionAsync("brokenledger");
        using var client = await api.ClientAsync("brokenledger", "alice");
        await api.DynamoClient.DeleteTableAsync(new DeleteTableRequest { TableName = api.Tables.Ledger("brokenledger") });

        using var response = await client.GetAsync("/v1/accounts");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        foreach (var internals in new[] { "Exception", "Amazon", " at ", ".cs:line", "brokenledger-ledger", "non-existent", "stack" })
        {
            Assert.DoesNotContain(internals, body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        // The trace id in the answer finds the full story in the log.
        var traceId = problem.GetProperty("traceId").GetString()!;
        Assert.Contains(api.Factory.Logs.Lines, l => l.Contains(traceId, StringComparison.Ordinal) && l.Contains(nameof(ResourceNotFoundException), StringComparison.Ordinal));
    }
}

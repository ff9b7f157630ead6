using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Infrastructure.Contract;

namespace BudgetBuddy.IntegrationTests.Contract;

/// <summary>
/// The contract check on the integration tests' client: it judges real exchanges, and it catches each kind of break
/// (an undeclared status, a body off its schema, an invalid request the API accepted) against the served document.
/// </summary>
public sealed class ContractCheckTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string AccountId = "019ab2f0c1d27c3e8f4a5b6c7d8e9f01";
    private static readonly Dictionary<string, string> NoHeaders = [];
    private static readonly Dictionary<string, string> JsonHeaders = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };

    private HttpClient client = null!;
    private ServedContract contract = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("contract");
        client = await api.ClientAsync("contract", "alice");
        contract = await api.ServedContractAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_exchange_of_the_client_is_judged_against_the_served_document()
    {
        var before = api.Contract.Judged;

        var created = await (await client.PostJsonAsync("/v1/accounts", new { name = "Everyday", type = "checking", currency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await client.GetAsync($"/v1/accounts/{created.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/v1/accounts/00000000000000000000000000000000")).ExpectAsync(HttpStatusCode.NotFound);
        await (await client.PostRawAsync("/v1/accounts", "{\"name\":")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before + 4, api.Contract.Judged);
        Assert.Empty(api.Contract.Violations);
        Assert.True(contract.OperationCount >= 30, $"the served document has {contract.OperationCount} operations");
    }

    [Fact]
    public void A_status_the_operation_does_not_declare_is_a_violation()
    {
        var (verdict, _, violations) = ContractJudge.Judge(contract, Answer("GET", "/v1/accounts", 418, "application/problem+json",
            """{"type":"about:blank","title":"Teapot","status":418,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}"""));

        Assert.Equal(ContractJudge.Verdict.Broken, verdict);
        Assert.Contains(violations, v => v.Contains("status 418 is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_that_fails_its_schema_is_a_violation()
    {
        var (verdict, _, violations) = ContractJudge.Judge(contract, Answer("GET", $"/v1/accounts/{AccountId}", 200, "application/json",
            $$"""{"id":"{{AccountId}}","name":"Everyday"}""", new Dictionary<string, string> { ["ETag"] = "\"1\"" }));

        Assert.Equal(ContractJudge.Verdict.Broken, verdict);
        Assert.Contains(violations, v => v.Contains("response body", StringComparison.Ordinal));
    }

    [Fact]
    public void A_problem_with_a_member_the_schema_does_not_declare_is_a_violation()
    {
        var (verdict, _, _) = ContractJudge.Judge(contract, Answer("GET", $"/v1/accounts/{AccountId}", 404, "application/problem+json",
            """{"type":"about:blank","title":"Not found","status":404,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","stack":"at ..."}"""));

        Assert.Equal(ContractJudge.Verdict.Broken, verdict);
    }

    [Fact]
    public void A_request_the_document_calls_invalid_that_the_API_accepted_is_a_violation()
    {
        var exchange = new Exchange("POST", new Uri("http://api/v1/accounts"), JsonHeaders, "application/json", """{"name":5}""",
            201, new Dictionary<string, string> { ["Location"] = $"/v1/accounts/{AccountId}", ["ETag"] = "\"1\"" }, "application/json",
            $$"""{"id":"{{AccountId}}","name":"Everyday","type":"checking","currency":"USD","openingBalance":0,"balance":0,"closed":false,"createdAt":"2026-03-05T09:30:00+00:00","updatedAt":"2026-03-05T09:30:00+00:00","version":1}""");

        var (verdict, _, violations) = ContractJudge.Judge(contract, exchange);

        Assert.Equal(ContractJudge.Verdict.Broken, verdict);
        Assert.Contains(violations, v => v.Contains("accepted a request the document calls invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void A_query_parameter_the_document_does_not_name_is_a_violation_when_accepted()
    {
        var (verdict, _, violations) = ContractJudge.Judge(contract, Answer("GET", "/v1/accounts?pageSize=5", 200, "application/json", """{"items":[],"nextCursor":null}"""));

        Assert.Equal(ContractJudge.Verdict.Broken, verdict);
        Assert.Contains(violations, v => v.Contains("'pageSize' is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_required_header_is_a_violation()
    {
        var (verdict, _, violations) = ContractJudge.Judge(contract, Answer("GET", "/v1/accounts", 429, "application/problem+json",
            """{"type":"https://tools.ietf.org/html/rfc6585#section-4","title":"Too many requests","status":429,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","limit":"user","retryAfter":1}"""));

        Assert.Equal(ContractJudge.Verdict.Broken, verdict);
        Assert.Contains(violations, v => v.Contains("Retry-After", StringComparison.Ordinal));
    }

    private static Exchange Answer(string method, string pathAndQuery, int status, string contentType, string body, Dictionary<string, string>? headers = null) =>
        new(method, new Uri("http://api" + pathAndQuery), NoHeaders, null, null, status, headers ?? NoHeaders, contentType, body);
}

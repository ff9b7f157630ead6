using System.Net;
using System.Text;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.IntegrationTests.Transactions;
using static BudgetBuddy.IntegrationTests.Infrastructure.FieldProblems;

namespace BudgetBuddy.IntegrationTests.Inputs;

/// <summary>
/// Inputs that once answered 500 (or a bare 400 from the server before the API saw them): each is now a 400
/// problem that names the field, parameter or header at fault.
/// </summary>
public sealed class MalformedInputTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "inputs";
    private Ledger ledger = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync(Tenant);
        ledger = new Ledger(await api.ClientAsync(Tenant, "alice"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Cursor(string plain) => Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("\"7\"")]
    [InlineData("\"1\"")]
    [InlineData("\"cash, loan\"")]
    [InlineData("1.5")]
    public async Task An_account_type_that_is_not_one_of_its_names_is_a_400_naming_type(string type)
    {
        var body = $$"""{"name":"x","type":{{type}},"currency":"USD"}""";

        await AssertNamesAsync(await ledger.Client.PostRawAsync("/v1/accounts", body), "type");
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("\"cash, loan\"")]
    public async Task Patching_an_account_type_with_a_number_is_a_400_naming_type(string type)
    {
        var account = await ledger.AccountAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/accounts/{account}")
        {
            Content = new StringContent($$"""{"type":{{type}}}""", Encoding.UTF8, "application/merge-patch+json"),
        };

        await AssertNamesAsync(await ledger.Client.SendAsync(request), "type");
        Assert.Equal("checking", (await (await ledger.Client.GetAsync($"/v1/accounts/{account}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("\"2\"")]
    [InlineData("\"cleared, reconciled\"")]
    public async Task A_cleared_state_that_is_not_one_of_its_names_is_a_400_naming_cleared(string cleared)
    {
        var account = await ledger.AccountAsync();
        var body = $$"""{"accountId":"{{account}}","date":"2026-03-05","amount":-100,"cleared":{{cleared}}}""";

        await AssertNamesAsync(await ledger.Client.PostRawAsync("/v1/transactions", body), "cleared");
    }

    [Fact]
    public async Task A_null_split_line_is_a_400_naming_the_line()
    {
        var account = await ledger.AccountAsync();
        var posted = await ledger.PostAsync(new { accountId = account, date = "2026-03-05", amount = -100 });
        var id = posted.GetProperty("id").GetString();

        await AssertNamesAsync(
            await ledger.Client.PostRawAsync("/v1/transactions", $$"""{"accountId":"{{account}}","date":"2026-03-05","amount":-100,"splits":[null]}"""),
            "splits[0]");
        await AssertNamesAsync(
            await ledger.Client.PatchJsonAsync($"/v1/transactions/{id}", new { splits = new object?[] { new { amount = -100 }, null } }),
            "splits[1]");
    }

    [Fact]
    public async Task Split_amounts_whose_sum_overflows_are_a_400_naming_them()
    {
        var account = await ledger.AccountAsync();
        var body = new
        {
            accountId = account, date = "2026-03-05", amount = -2,
            splits = new[] { new { amount = long.MaxValue }, new { amount = long.MaxValue } },
        };

        await AssertNamesAsync(await ledger.Client.PostJsonAsync("/v1/transactions", body), "splits[0].amount");
    }

    [Theory]
    [InlineData("v1|transactions|")]
    [InlineData("v1|transactions|zzzz")]
    [InlineData("v1|transactions|#")]
    [InlineData("v1|transactions|\0")]
    [InlineData("v1|transactions;;;;|")]
    [InlineData("v1|transactions;;;;|#")]
    [InlineData("v1|transactions;;;;|2026-03-05#zzzz")]
    [InlineData("v1|transactions;;;;|2026-13-05#0190f3c5a8f87c3e9d1e2f3a4b5c6d7e")]
    [InlineData("v1|transactions;;;;|2026-03-05#0190f3c5a8f87c3e9d1e2f3a4b5c6d7e\0")]
    public async Task A_forged_transactions_cursor_is_a_400_naming_cursor(string plain)
    {
        await AssertNamesAsync(await ledger.Client.GetAsync($"/v1/transactions?cursor={Cursor(plain)}"), "cursor");
    }

    [Theory]
    [InlineData("|zzzz")]
    [InlineData("|#")]
    [InlineData("%00")]
    public async Task A_cursor_that_is_not_base64_is_a_400_naming_cursor(string raw)
    {
        await AssertNamesAsync(await ledger.Client.GetAsync($"/v1/transactions?cursor={Uri.EscapeDataString(raw)}"), "cursor");
    }

    [Theory]
    [InlineData("v1|accounts|ACCOUNT#", "/v1/accounts")]
    [InlineData("v1|accounts|ACCOUNT#\0", "/v1/accounts")]
    [InlineData("v1|categories|CATEGORY#zz", "/v1/categories")]
    [InlineData("v1|audit|SEQ#", "/v1/audit")]
    [InlineData("v1|audit|SEQ#-1", "/v1/audit")]
    public async Task A_forged_cursor_of_any_list_is_a_400_naming_cursor(string plain, string list)
    {
        using var auditor = api.Client(await api.TokenAsync(new TokenSpec(Tenant, "alice") { Scopes = [BudgetBuddy.TenantContracts.Scopes.BudgetRead, BudgetBuddy.TenantContracts.Scopes.AuditRead] }));

        await AssertNamesAsync(await auditor.GetAsync($"{list}?cursor={Cursor(plain)}"), "cursor");
    }

    [Fact]
    public async Task A_transactions_cursor_works_only_with_the_filters_it_was_issued_for()
    {
        var cursorUser = new Ledger(await api.ClientAsync(Tenant, "carol"));
        var account = await cursorUser.AccountAsync();
        var other = await cursorUser.AccountAsync("Other");
        foreach (var day in new[] { "2026-03-01", "2026-03-02", "2026-03-03" })
        {
            await cursorUser.PostAsync(new { accountId = account, date = day, amount = -100 });
        }
        var first = await (await cursorUser.Client.GetAsync("/v1/transactions?limit=1&to=2026-03-03")).ExpectAsync(HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString()!;

        // Issued for to=2026-03-03: it continues that list, and no other.
        var next = await (await cursorUser.Client.GetAsync($"/v1/transactions?limit=1&to=2026-03-03&cursor={cursor}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-03-02", next.GetProperty("items")[0].GetProperty("date").GetString());
        foreach (var filters in new[] { "to=2026-03-01", "to=2026-03-04", "", "from=2026-03-03&to=2026-03-03", $"accountId={account}&to=2026-03-03", $"accountId={other}&to=2026-03-03" })
        {
            await AssertNamesAsync(await cursorUser.Client.GetAsync($"/v1/transactions?limit=1&{filters}&cursor={cursor}"), "cursor");
        }
    }

    [Fact]
    public async Task An_idempotency_key_with_a_byte_that_is_not_utf8_is_a_problem_naming_the_header_with_the_security_headers()
    {
        var token = await api.TokenAsync(Tenant, "alice");

        var response = await RawHttp.SendAsync(api.Client().BaseAddress!, "POST", "/v1/accounts", [("Idempotency-Key", [(byte)'k', 0xE9, (byte)'y'])], token);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type").Split(';')[0]);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), response.Body);
    }

    [Fact]
    public async Task A_header_byte_that_is_not_utf8_elsewhere_is_still_answered_by_the_api()
    {
        var token = await api.TokenAsync(Tenant, "alice");

        var response = await RawHttp.SendAsync(api.Client().BaseAddress!, "GET", "/v1/accounts", [("If-None-Match", [0xE9, 0xFF])], token);

        Assert.Equal(200, response.Status);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("%23")]
    [InlineData("HH:mm")]
    [InlineData("yyyy-MM-dd'")]
    [InlineData("%25")]
    public async Task A_statement_date_format_that_is_no_date_format_is_a_400_naming_it(string format)
    {
        var account = await ledger.AccountAsync();

        var response = await ledger.Client.PostRawAsync($"/v1/accounts/{account}/import?dateFormat={format}", "date,amount\n2026-03-05,-1.00\n", "text/csv");

        await AssertNamesAsync(response, "dateFormat");
    }

    [Theory]
    [InlineData("/v1/accounts/%00")]
    [InlineData("/v1/%00/accounts")]
    [InlineData("/%00")]
    public async Task A_path_with_an_escaped_nul_is_a_problem_with_the_security_headers(string path)
    {
        var response = await RawHttp.SendAsync(api.Client().BaseAddress!, "GET", path, [], await api.TokenAsync(Tenant, "alice"));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("NUL", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_after_a_good_one_on_the_same_connection_leaves_the_first_answer_whole()
    {
        var token = await api.TokenAsync(Tenant, "alice");
        var server = api.Client().BaseAddress!;
        var good = $"GET /v1/accounts HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {token}\r\n\r\n";
        var refused = $"GET /v1/accounts/%00 HTTP/1.1\r\nHost: {server.Authority}\r\n\r\n";

        var answers = Encoding.UTF8.GetString(await RawHttp.ExchangeAsync(server, Encoding.ASCII.GetBytes(good + refused)));

        var second = answers.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", answers, StringComparison.Ordinal);
        Assert.True(second > 0, answers);
        Assert.Contains("\"items\"", answers[..second], StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answers[second..], StringComparison.Ordinal);
    }
}

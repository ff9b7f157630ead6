using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Accounts;

/// <summary>Bad input gets a 4xx problem naming what is wrong: never a 500, never silently accepted.</summary>
public sealed class ValidationTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("valid");
        client = await api.ClientAsync("valid", "alice");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string[] FieldErrors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Every_missing_required_field_is_listed_at_once()
    {
        var problem = await (await client.PostRawAsync("/v1/accounts", "{}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(FieldErrors(problem, "name"));
        Assert.NotEmpty(FieldErrors(problem, "type"));
        Assert.NotEmpty(FieldErrors(problem, "currency"));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XYZ")]
    [InlineData("DOLLARS")]
    public async Task An_unknown_currency_is_rejected(string currency)
    {
        var problem = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(currency: currency))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ISO 4217", FieldErrors(problem, "currency").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Currencies_with_zero_and_three_decimals_are_accepted()
    {
        await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(currency: "JPY"))).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(currency: "KWD"))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_over_long_name_is_rejected()
    {
        var problem = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(new string('x', 101)))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("100", FieldErrors(problem, "name").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amount_beyond_the_supported_range_is_rejected()
    {
        var problem = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(openingBalance: 2_000_000_000_000_000))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(FieldErrors(problem, "openingBalance"));
    }

    [Theory]
    [InlineData("""{"name":"A","type":"checking","currency":"USD","openingBalance":"lots"}""", "openingBalance")]
    [InlineData("""{"name":"A","type":"checking","currency":"USD","openingBalance":12.5}""", "openingBalance")]
    [InlineData("""{"name":"A","type":"brokerage","currency":"USD"}""", "type")]
    [InlineData("""{"name":42,"type":"checking","currency":"USD"}""", "name")]
    [InlineData("""{"name":"A","type":"checking","currency":"USD","openingBalance":99999999999999999999999}""", "openingBalance")]
    public async Task A_value_of_the_wrong_type_names_its_field(string body, string field)
    {
        var problem = await (await client.PostRawAsync("/v1/accounts", body)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(FieldErrors(problem, field));
    }

    [Fact]
    public async Task An_unknown_or_read_only_field_is_rejected_not_ignored()
    {
        var problem = await (await client.PostRawAsync("/v1/accounts", """{"name":"A","type":"checking","currency":"USD","balance":100}""")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(FieldErrors(problem, "balance"));

        var created = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking())).ExpectAsync(HttpStatusCode.Created);
        var patchProblem = await (await client.PatchJsonAsync($"/v1/accounts/{created.GetProperty("id").GetString()}", new { currency = "EUR" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(FieldErrors(patchProblem, "currency"));
    }

    [Theory]
    [InlineData("{\"name\": \"A\",")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_is_400(string body)
    {
        await (await client.PostRawAsync("/v1/accounts", body)).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        await (await client.PostRawAsync("/v1/accounts", "name=A", "application/x-www-form-urlencoded")).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("[", "]", 200)]
    [InlineData("{\"a\":", "}", 100)]
    public async Task Deeply_nested_json_is_400_never_500(string open, string close, int depth)
    {
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        foreach (var body in new[] { "{\"name\":" + nested + "}", nested })
        {
            var problem = await (await client.PostRawAsync("/v1/accounts", body)).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.DoesNotContain("Exception", problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        var body = $$"""{"name":"{{new string('x', 1024 * 1024 + 10)}}","type":"checking","currency":"USD"}""";
        // As a well-behaved client sending a large body does: wait for 100-continue, so the early 413 is read
        // instead of racing the server closing the connection mid-upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/accounts") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        await (await client.SendAsync(request)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("cursor=%%%", "cursor")]
    public async Task Bad_paging_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var problem = await (await client.GetAsync($"/v1/accounts?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(FieldErrors(problem, field));
    }

    [Fact]
    public async Task A_cursor_from_another_list_is_rejected()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/v1/categories", new { name = $"C{i}", group = "G" })).ExpectAsync(HttpStatusCode.Created);
        }
        var page = await (await client.GetAsync("/v1/categories?limit=1")).ExpectAsync(HttpStatusCode.OK);
        var cursor = page.GetProperty("nextCursor").GetString();

        await (await client.GetAsync($"/v1/accounts?cursor={cursor}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await (await client.GetAsync("/v1/nothing-here")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

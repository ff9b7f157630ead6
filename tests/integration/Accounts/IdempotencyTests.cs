using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Accounts;

public sealed class IdempotencyTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("idem");
        client = await api.ClientAsync("idem", "alice");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Replaying_a_post_with_the_same_key_and_body_returns_the_stored_answer_and_creates_nothing_new()
    {
        var key = Guid.NewGuid().ToString();
        var body = AccountTestData.Checking("Replayed", 4_200);

        var first = await client.PostJsonAsync("/v1/accounts", body, key);
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var second = await client.PostJsonAsync("/v1/accounts", body, key);
        var replayed = await second.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(created.ToString(), replayed.ToString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.ETag(), second.ETag());
        Assert.True(second.Headers.TryGetValues("Idempotent-Replayed", out var marker) && marker.Single() == "true");
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        var list = await (await client.GetAsync("/v1/accounts?limit=200")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "Replayed");
    }

    [Fact]
    public async Task Reusing_a_key_with_another_body_is_422_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString();
        await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Original"), key)).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Different"), key)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var list = await (await client.GetAsync("/v1/accounts?limit=200")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "Different");
    }

    [Fact]
    public async Task Concurrent_posts_with_one_key_create_exactly_one_account_and_all_answer_the_same()
    {
        var key = Guid.NewGuid().ToString();
        var body = AccountTestData.Checking("Raced");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostJsonAsync("/v1/accounts", body, key)));

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }
        Assert.Single(ids);
        var list = await (await client.GetAsync("/v1/accounts?limit=200")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "Raced");
    }

    [Fact]
    public async Task The_same_key_from_another_user_is_a_separate_request()
    {
        var key = Guid.NewGuid().ToString();
        var bob = await api.ClientAsync("idem", "bob");

        var alices = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Alice's"), key)).ExpectAsync(HttpStatusCode.Created);
        var bobs = await (await bob.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Bob's"), key)).ExpectAsync(HttpStatusCode.Created);

        Assert.NotEqual(alices.GetProperty("id").GetString(), bobs.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_repeat_that_would_be_refused_now_still_gets_the_first_answer()
    {
        // The API no longer reads the stored answer before creating: a repeat is found only when the create is
        // refused or its commit fails. Closing the account makes the repeat's create refuse (409 when new).
        var account = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Closing soon"))).ExpectAsync(HttpStatusCode.Created);
        var accountId = account.GetProperty("id").GetString()!;
        var key = Guid.NewGuid().ToString();
        var spending = new { accountId, date = "2026-11-02", amount = -1_250, payee = "Corner Grocer" };
        var first = await (await client.PostJsonAsync("/v1/transactions", spending, key)).ExpectAsync(HttpStatusCode.Created);
        var current = await client.GetAsync($"/v1/accounts/{accountId}");
        await (await client.PatchJsonAsync($"/v1/accounts/{accountId}", new { closed = true }, ifMatch: current.ETag())).ExpectAsync(HttpStatusCode.OK);

        var repeat = await client.PostJsonAsync("/v1/transactions", spending, key);
        var replayed = await repeat.ExpectAsync(HttpStatusCode.Created);
        var fresh = await client.PostJsonAsync("/v1/transactions", spending, Guid.NewGuid().ToString());

        Assert.Equal(first.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        await fresh.ExpectProblemAsync(HttpStatusCode.Conflict);
        var listed = await (await client.GetAsync($"/v1/transactions?accountId={accountId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_invalid_idempotency_key_is_a_validation_problem()
    {
        var problem = await (await client.PostJsonAsync("/v1/accounts", AccountTestData.Checking(), new string('k', 300))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }
}

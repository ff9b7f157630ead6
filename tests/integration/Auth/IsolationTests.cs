using System.Net;
using BudgetBuddy.IntegrationTests.Accounts;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Auth;

/// <summary>Another user's or another tenant's object is a 404 on every verb, and never shows up in a list.</summary>
public sealed class IsolationTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("iso-bank");
        await api.ProvisionAsync("iso-union");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> Intruders => new()
    {
        { "iso-bank", "mallory" },   // same tenant, other user
        { "iso-union", "alice" },    // other tenant, same user id
    };

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Accounts_of_another_user_or_tenant_are_not_found(string tenant, string user)
    {
        var alice = await api.ClientAsync("iso-bank", "alice");
        var intruder = await api.ClientAsync(tenant, user);
        var id = (await (await alice.PostJsonAsync("/v1/accounts", AccountTestData.Checking("Alice's savings"))).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString();

        await (await intruder.GetAsync($"/v1/accounts/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PatchJsonAsync($"/v1/accounts/{id}", new { name = "Mine now" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"/v1/accounts/{id}", ifMatch: null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var list = await (await intruder.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var untouched = await (await alice.GetAsync($"/v1/accounts/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Alice's savings", untouched.GetProperty("name").GetString());
        Assert.Equal(1, untouched.GetProperty("version").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Categories_of_another_user_or_tenant_are_not_found(string tenant, string user)
    {
        var alice = await api.ClientAsync("iso-bank", "alice");
        var intruder = await api.ClientAsync(tenant, user);
        var id = (await (await alice.PostJsonAsync("/v1/categories", new { name = "Therapy", group = "Health" })).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString();

        await (await intruder.GetAsync($"/v1/categories/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PatchJsonAsync($"/v1/categories/{id}", new { hidden = true })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"/v1/categories/{id}", ifMatch: null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var list = await (await intruder.GetAsync("/v1/categories")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetString() == id);

        var untouched = await (await alice.GetAsync($"/v1/categories/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(untouched.GetProperty("hidden").GetBoolean());
    }
}

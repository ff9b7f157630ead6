using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Categories;

public sealed class CategoriesApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("categories");
        client = await api.ClientAsync("categories", "alice");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_category_is_created_read_patched_and_deleted()
    {
        var response = await client.PostJsonAsync("/v1/categories", new { name = "  Groceries ", group = "Everyday" });
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        Assert.Equal("Groceries", created.GetProperty("name").GetString());
        Assert.Equal("Everyday", created.GetProperty("group").GetString());
        Assert.False(created.GetProperty("hidden").GetBoolean());

        var patched = await (await client.PatchJsonAsync($"/v1/categories/{id}", new { hidden = true, group = "Monthly" }, ifMatch: response.ETag())).ExpectAsync(HttpStatusCode.OK);
        Assert.True(patched.GetProperty("hidden").GetBoolean());
        Assert.Equal("Monthly", patched.GetProperty("group").GetString());
        Assert.Equal("Groceries", patched.GetProperty("name").GetString());

        await (await client.DeleteAsync($"/v1/categories/{id}", ifMatch: "\"2\"")).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync($"/v1/categories/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_keeps_the_version()
    {
        var created = await (await client.PostJsonAsync("/v1/categories", new { name = "Rent", group = "Bills" })).ExpectAsync(HttpStatusCode.Created);
        var same = await (await client.PatchJsonAsync($"/v1/categories/{created.GetProperty("id").GetString()}", new { name = "Rent" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, same.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Listing_pages_through_every_category_once_in_creation_order()
    {
        var bob = await api.ClientAsync("categories", "pager");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var category = await (await bob.PostJsonAsync("/v1/categories", new { name = $"Category {i}", group = "Paged" })).ExpectAsync(HttpStatusCode.Created);
            created.Add(category.GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await (await bob.GetAsync($"/v1/categories?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}")).ExpectAsync(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
            pageSizes.Add(items.Count);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([3, 3, 1], pageSizes);
        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task Category_validation_lists_every_bad_field()
    {
        var problem = await (await client.PostJsonAsync("/v1/categories", new { name = "", group = new string('g', 101) })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("group", out _));
    }
}

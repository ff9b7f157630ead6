using System.Net;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Tenancy;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBuddy.IntegrationTests.Sensitive;

/// <summary>
/// The race a category marking has with a write that read the category just before: the write's commit is
/// conditioned on the category still not being sensitive, so it fails rather than store a memo in clear under it.
/// Driven through the API's own writer and committer, with the marking done between the read and the commit.
/// </summary>
public sealed class CategoryGuardTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_unsealed_write_fails_its_commit_when_its_category_was_marked_sensitive_after_it_was_read()
    {
        await api.ProvisionAsync("guarded");
        var alice = await api.ClientAsync("guarded", "alice");
        var accountId = (await (await alice.PostJsonAsync("/v1/accounts", new { name = "Everyday", type = "checking", currency = "USD" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var categoryId = (await (await alice.PostJsonAsync("/v1/categories", new { name = "Pharmacy", group = "Health" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        // The writer has read the category (not sensitive) and prepared an unsealed transaction in it...
        var services = api.Factory.Services;
        var tenant = (await services.GetRequiredService<TenantRegistry>().GetAsync("guarded", CancellationToken.None)).Record!;
        var caller = new Caller("alice", tenant);
        var now = DateTimeOffset.UtcNow;
        var transaction = new Transaction(
            Guid.CreateVersion7().ToString("N"), accountId, DateOnly.FromDateTime(now.UtcDateTime), -1_200, "USD", "Corner pharmacy", categoryId,
            "prescription", ClearedState.Uncleared, null, null, null, null, Sensitive: false, now, now, Version: 1);
        var prepared = TransactionWrites.Insert(caller, [transaction]);

        // ...when someone marks the category sensitive.
        await api.DynamoClient.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Tables.Ledger("guarded"),
            Key = new() { [LedgerTable.PartitionKey] = new AttributeValue("USER#alice"), [LedgerTable.SortKey] = new AttributeValue(CategoryItem.SortKey(categoryId)) },
            UpdateExpression = "SET #s = :true",
            ExpressionAttributeNames = new() { ["#s"] = CategoryItem.Sensitive },
            ExpressionAttributeValues = new() { [":true"] = new AttributeValue { BOOL = true } },
        });

        var conflict = await Assert.ThrowsAsync<LedgerWriteConflict>(() =>
            services.GetRequiredService<LedgerCommitter>().CommitAsync(caller, null, prepared.Writes, prepared.Changes, CancellationToken.None));

        Assert.True(CategoryGuards.Failed(conflict));
        await (await alice.GetAsync($"/v1/transactions/{transaction.Id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

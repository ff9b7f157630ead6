using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// OWASP API1:2023 for reads that take no id in their path: every list, report, export and feed of the OpenAPI
/// document, unfiltered and filtered by each of the owner's ids (<c>GET /v1/transactions?accountId=</c>), shows the
/// other user and the other tenant none of the owner's objects, while the owner's own filtered reads find them.
/// </summary>
public sealed class ObjectLevelAuthorisationInQueriesTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => WalkParties.ProvisionAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lists_and_queries_by_another_users_ids_never_show_that_users_objects()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var (owner, intruders) = await WalkParties.CreateAsync(api, "amara");
        // One specimen of every shape: lists then have every kind of object to leak, and each id query parameter
        // has owned objects of its kind to be tried with (a payment's account and category, a transfer's accounts).
        var owned = new List<OwnedObject>();
        foreach (var recipe in ResourceFactory.Kinds.SelectMany(k => k.Shapes))
        {
            owned.AddRange((await recipe.CreateAsync(owner.Client)).All);
        }
        var ownerIds = owned.Select(o => o.Id).Distinct().ToList();
        var (reads, gaps) = QueryWalk.Plan(OpenApiOperation.ReadAll(document), owned);
        var violations = new List<string>();
        var filtersThatFoundData = new HashSet<string>(StringComparer.Ordinal);

        foreach (var read in reads)
        {
            foreach (var intruder in intruders.Where(i => read.TenantWideBecause is null || !i.InOwnersTenant))
            {
                // A 404 problem may name the id it was given; any other answer must hold none of the owner's ids.
                var answer = await new WalkRequest("GET", read.Path, null, null).SendAsync(intruder.Client);
                var leaked = ownerIds.Where(id => answer.Body.Contains(id, StringComparison.Ordinal)).ToList();
                if (!answer.IsNotFoundProblem && !(answer.IsSuccess && leaked.Count == 0))
                {
                    violations.Add($"{intruder.Name}: {read} answered {answer}" + (leaked.Count > 0 ? $", showing the owner's {string.Join(", ", leaked)}" : ""));
                }
            }
            // The owner's own read must work, and a filtered one must find the owner's objects at least once per
            // parameter: otherwise an intruder's empty page would prove nothing.
            var own = await new WalkRequest("GET", read.Path, null, null).SendAsync(owner.Client);
            if (!own.IsSuccess)
            {
                gaps.Add($"{read}: the owner's own read answered {own}, so the intruders' answers prove nothing");
            }
            else if (read.Parameter is not null && ownerIds.Any(id => id != read.OwnersId && own.Body.Contains(id, StringComparison.Ordinal)))
            {
                filtersThatFoundData.Add($"{read.Operation} {read.Parameter}");
            }
        }
        foreach (var filter in reads.Where(r => r.Parameter is not null).Select(r => $"{r.Operation} {r.Parameter}").Distinct().Where(f => !filtersThatFoundData.Contains(f)))
        {
            gaps.Add($"{filter}: no owned object made the owner's own filtered read return anything; give ResourceFactory a specimen it finds");
        }

        foreach (var read in reads)
        {
            output.WriteLine($"read {read.Operation.Path}{(read.Parameter is null ? "" : $"?{read.Parameter}=<owner's {read.Parameter}>")}"
                + (read.TenantWideBecause is null ? "" : $" (tenant-wide by design, {read.TenantWideBecause}: another tenant only)"));
        }
        Assert.Contains(reads, r => r.Parameter is not null);
        Assert.True(gaps.Count == 0 && violations.Count == 0, WalkReport.Describe(gaps, violations));
    }
}

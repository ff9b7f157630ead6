using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// OWASP API1:2023, broken object-level authorisation. Every route of the API's own OpenAPI document that takes an
/// object's id is called with the owner's ids by another user of the owner's tenant and by the owner's user id in
/// another tenant, both holding every scope. Each must answer 404, word for word as for an id never issued, and
/// change nothing; then the owner sends the same requests and they succeed, so the 404s were authorisation and not
/// a body the API would have refused anyway. A route the walk cannot exercise fails the test, naming the route.
/// Objects of the tenant rather than of a user (<see cref="ResourceKind.TenantWideBecause"/>) are walked by the other tenant only.
/// </summary>
public sealed class ObjectLevelAuthorisationTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => WalkParties.ProvisionAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_users_ids_get_404_on_every_id_route_in_the_openapi_document()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var (cases, gaps) = IdRouteWalk.Plan(OpenApiOperation.ReadAll(document), document);
        var (owner, intruders) = await WalkParties.CreateAsync(api, "alice");
        var violations = new List<string>();

        // 1. A fresh specimen per row, so that the owner's own requests at the end (deletes among them) cannot get
        //    in each other's way, and each intruder request is one that would succeed if it were the owner's.
        var specimens = new List<(IdRouteCase Row, Specimen Specimen)>();
        foreach (var row in cases)
        {
            specimens.Add((row, await row.Shape.CreateAsync(owner.Client)));
        }
        var state = await OwnerState.CaptureAsync(owner.Client, specimens.SelectMany(s => s.Specimen.All));
        var prepared = new List<PreparedCase>();
        foreach (var (row, specimen) in specimens)
        {
            var path = row.PathFor(specimen.IdOf);
            if (path is null)
            {
                gaps.Add($"{row}: the specimen has no object for one of {string.Join(", ", row.ObjectParameters.Keys)}; make its recipe create one");
                continue;
            }
            var neverIssued = row.ObjectParameters.Keys.Select(_ => Guid.CreateVersion7().ToString("N")).ToList();
            var fresh = new Queue<string>(neverIssued);
            var ifMatch = row.Operation.Method is "GET" or "HEAD" ? null : state.ETagOf(specimen.Target.Location);
            prepared.Add(new PreparedCase(
                row, specimen,
                new WalkRequest(row.Operation.Method, path, row.Body, ifMatch),
                new WalkRequest(row.Operation.Method, row.PathFor(_ => fresh.Dequeue())!, row.Body, ifMatch),
                neverIssued));
        }

        // 2. The intruders, with the owner's ids and then with ids never issued: both answers must be the same 404.
        var breached = new HashSet<PreparedCase>();
        foreach (var row in prepared)
        {
            var ownerIds = row.Specimen.All.Select(o => o.Id).ToList();
            var tenantWide = row.Case.ObjectParameters.Values.Any(c => ResourceFactory.ByCollection(c)?.TenantWideBecause is not null);
            foreach (var intruder in intruders.Where(i => !tenantWide || !i.InOwnersTenant))
            {
                var answer = await row.WithOwnersIds.SendAsync(intruder.Client);
                if (!answer.IsNotFoundProblem)
                {
                    violations.Add($"{intruder.Name}: {row.WithOwnersIds} ({row.Case.Shape.Shape}) answered {answer}, not a 404 problem");
                    breached.Add(row);
                    continue;
                }
                var nothing = await row.WithNeverIssuedIds.SendAsync(intruder.Client);
                if (answer.Normalised(ownerIds) != nothing.Normalised(row.NeverIssuedIds))
                {
                    violations.Add($"{intruder.Name}: {row.WithOwnersIds} ({row.Case.Shape.Shape}) tells an owned id from a never-issued one: {answer} versus {nothing}");
                }
            }
        }

        // 3. Nothing of the owner's moved: not one write in the owner's change feed, and every object as it was.
        violations.AddRange(await state.DifferencesAsync());

        // 4. The owner's own requests succeed, so every 404 above was a refusal of the intruder, not of the request.
        //    (Where an intruder got through, the object may have moved on, and the owner's ETag with it.)
        foreach (var row in prepared.Where(p => !breached.Contains(p)))
        {
            var answer = await row.WithOwnersIds.SendAsync(owner.Client);
            if (!answer.IsSuccess)
            {
                gaps.Add($"{row.WithOwnersIds} ({row.Case.Shape.Shape}): the owner's own request answered {answer}, so the intruders' 404 proves nothing; "
                    + "fix the body (RequestBodies, OpenApiExamples) or the specimen (ResourceFactory)");
            }
        }

        // The walk must be aimed at every kind the factory can create; a kind no route reaches means the document
        // lost routes or the reader stopped finding them, and a green walk would then prove less than it claims.
        foreach (var kind in ResourceFactory.Kinds.Where(k => !cases.Any(c => c.ObjectParameters.Values.Contains(k.Collection))))
        {
            gaps.Add($"no route in the document takes an id of '{kind.Collection}': is ResourceFactory's entry stale, or did the walk stop finding routes?");
        }

        foreach (var row in prepared)
        {
            output.WriteLine($"walked {row.WithOwnersIds.Method} {row.Case.Operation.Path} on {row.Case.Shape.Shape}");
        }
        Assert.NotEmpty(prepared);
        Assert.True(gaps.Count == 0 && violations.Count == 0, WalkReport.Describe(gaps, violations));
    }
}

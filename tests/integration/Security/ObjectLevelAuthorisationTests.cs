using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// OWASP API1:2023, broken object-level authorisation. Every route of the API's own OpenAPI document that takes an
/// object's id is called with the owner's ids by another user of the owner's tenant and by the owner's user id in
/// another tenant, both holding every scope. Each must answer 404, word for word as for an id never issued, and
/// change nothing; then the owner sends the same requests and they succeed, so the 404s were authorisation and not
/// a body the API would have refused anyway. A route the walk cannot exercise fails the test, naming the route.
/// </summary>
public sealed class ObjectLevelAuthorisationTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Tenant = "bola-bank";
    private const string OtherTenant = "bola-union";

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync(Tenant);
        await api.ProvisionAsync(OtherTenant);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_users_ids_get_404_on_every_id_route_in_the_openapi_document()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var (cases, gaps) = IdRouteWalk.Plan(OpenApiOperation.ReadAll(document), document);
        var (owner, intruders) = await PartiesAsync("alice");
        var violations = new List<string>();

        // 1. A fresh specimen per row, so that the owner's own requests at the end (deletes among them) cannot get
        //    in each other's way, and each intruder request is one that would succeed if it were the owner's.
        var prepared = new List<PreparedCase>();
        foreach (var row in cases)
        {
            var specimen = await row.Shape.CreateAsync(owner.Client);
            var path = row.PathFor(specimen.IdOf);
            if (path is null)
            {
                gaps.Add($"{row}: the specimen has no object for one of {string.Join(", ", row.ObjectParameters.Keys)}; make its recipe create one");
                continue;
            }
            var neverIssued = row.ObjectParameters.Keys.Select(_ => Guid.CreateVersion7().ToString("N")).ToList();
            var fresh = new Queue<string>(neverIssued);
            var before = new List<ObjectSnapshot>();
            foreach (var owned in specimen.All)
            {
                before.Add(await ObjectSnapshot.ReadAsync(owner.Client, owned.Location));
            }
            var ifMatch = row.Operation.Method is "GET" or "HEAD" ? null : before.Single(s => s.Location == specimen.Target.Location).ETag;
            prepared.Add(new PreparedCase(
                row, specimen, before,
                new WalkRequest(row.Operation.Method, path, row.Body, ifMatch),
                new WalkRequest(row.Operation.Method, row.PathFor(_ => fresh.Dequeue())!, row.Body, ifMatch),
                neverIssued));
        }
        var ownersFeed = await OwnerChangeFeed.EndAsync(owner.Client);

        // 2. The intruders, with the owner's ids and then with ids never issued: both answers must be the same 404.
        foreach (var row in prepared)
        {
            var ownerIds = row.Specimen.All.Select(o => o.Id).ToList();
            foreach (var intruder in intruders)
            {
                var answer = await row.WithOwnersIds.SendAsync(intruder.Client);
                if (!answer.IsNotFoundProblem)
                {
                    violations.Add($"{intruder.Name}: {row.WithOwnersIds} ({row.Case.Shape.Shape}) answered {answer}, not a 404 problem");
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
        foreach (var change in await OwnerChangeFeed.SinceAsync(owner.Client, ownersFeed))
        {
            violations.Add($"the owner's data was written while only intruders called: {change}");
        }
        foreach (var snapshot in prepared.SelectMany(p => p.Before))
        {
            var now = await ObjectSnapshot.ReadAsync(owner.Client, snapshot.Location);
            if (now != snapshot)
            {
                violations.Add($"{snapshot.Location} changed while only intruders called: was {snapshot.ETag} {snapshot.Body}, is {now.Status} {now.ETag} {now.Body}");
            }
        }

        // 4. The owner's own requests succeed, so every 404 above was a refusal of the intruder, not of the request.
        foreach (var row in prepared)
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

    [Fact]
    public async Task Lists_and_queries_by_another_users_ids_never_show_that_users_objects()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var (owner, intruders) = await PartiesAsync("amara");
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
            foreach (var intruder in intruders)
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
            output.WriteLine($"read {read.Operation.Path}{(read.Parameter is null ? "" : $"?{read.Parameter}=<owner's {read.Parameter}>")}");
        }
        Assert.Contains(reads, r => r.Parameter is not null);
        Assert.True(gaps.Count == 0 && violations.Count == 0, WalkReport.Describe(gaps, violations));
    }

    [Fact]
    public async Task Another_users_ids_inside_request_bodies_are_refused_like_ids_never_issued_and_move_nothing()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var (owner, intruders) = await PartiesAsync("amir");
        var gaps = new List<string>();
        var violations = new List<string>();

        // Every id property the document's request bodies have must be a known reference or a declared non-object,
        // and every known reference must still be in the document.
        var inDocument = BodyIdProperties.ReadAll(OpenApiOperation.ReadAll(document), document);
        gaps.AddRange(inDocument.Where(p => !BodyReferences.NonObjects.ContainsKey(p) && BodyReferences.All.All(r => r.Key != p))
            .Select(p => $"{p}: a request body names an object here and BodyReferences has no request for it"));
        gaps.AddRange(BodyReferences.All.Where(r => !inDocument.Contains(r.Key))
            .Select(r => $"{r.Key}: BodyReferences tries it but the document has no such body property; is the entry stale?"));

        var owned = new List<OwnedObject>();
        foreach (var recipe in ResourceFactory.Kinds.SelectMany(k => k.Shapes))
        {
            owned.AddRange((await recipe.CreateAsync(owner.Client)).All);
        }
        var before = new List<ObjectSnapshot>();
        foreach (var o in owned)
        {
            before.Add(await ObjectSnapshot.ReadAsync(owner.Client, o.Location));
        }
        var own = new Dictionary<Party, IntruderObjects>();
        foreach (var intruder in intruders)
        {
            own[intruder] = await IntruderObjectsAsync(intruder.Client);
        }
        var ownersFeed = await OwnerChangeFeed.EndAsync(owner.Client);

        foreach (var reference in BodyReferences.All)
        {
            var ownersId = owned.First(o => o.Collection == reference.Collection).Id;
            foreach (var intruder in intruders)
            {
                var attack = reference.Build(own[intruder], ownersId);
                var answer = await attack.SendAsync(intruder.Client);
                var neverIssued = Guid.CreateVersion7().ToString("N");
                var nothing = await reference.Build(own[intruder], neverIssued).SendAsync(intruder.Client);
                if (answer.IsSuccess || answer.Status is 403 or >= 500 || answer.MediaType != "application/problem+json")
                {
                    violations.Add($"{intruder.Name}: {attack} with the owner's {reference.Property} answered {answer}");
                }
                else if (answer.Normalised([ownersId]) != nothing.Normalised([neverIssued]))
                {
                    violations.Add($"{intruder.Name}: {attack} tells the owner's {reference.Property} from a never-issued one: {answer} versus {nothing}");
                }
            }
        }

        foreach (var change in await OwnerChangeFeed.SinceAsync(owner.Client, ownersFeed))
        {
            violations.Add($"the owner's data was written while only intruders called: {change}");
        }
        foreach (var snapshot in before)
        {
            var now = await ObjectSnapshot.ReadAsync(owner.Client, snapshot.Location);
            if (now != snapshot)
            {
                violations.Add($"{snapshot.Location} changed while only intruders called: was {snapshot.ETag} {snapshot.Body}, is {now.Status} {now.ETag} {now.Body}");
            }
        }

        // With its own id in the same place, each intruder's request succeeds: the owner's id alone was refused.
        foreach (var reference in BodyReferences.All)
        {
            foreach (var intruder in intruders)
            {
                var mine = own[intruder];
                if (mine.Own(reference.Collection) is not { } ownId)
                {
                    gaps.Add($"{reference.Key}: IntruderObjects has nothing of '{reference.Collection}' to put there; give it one");
                    continue;
                }
                var answer = await reference.Build(mine, ownId).SendAsync(intruder.Client);
                if (!answer.IsSuccess)
                {
                    gaps.Add($"{reference.Key}: {intruder.Name}'s request with its own {reference.Property} answered {answer}, so the refusal proves nothing; fix BodyReferences");
                }
            }
        }

        foreach (var property in inDocument)
        {
            output.WriteLine($"body id {property}: {(BodyReferences.NonObjects.TryGetValue(property, out var why) ? "not an object, " + why : "walked")}");
        }
        Assert.NotEmpty(inDocument);
        Assert.True(gaps.Count == 0 && violations.Count == 0, WalkReport.Describe(gaps, violations));
    }

    private static async Task<IntruderObjects> IntruderObjectsAsync(HttpClient intruder)
    {
        var payment = await ResourceFactory.PaymentAsync(intruder);
        var other = await ResourceFactory.AccountAsync(intruder);
        return new IntruderObjects(payment.IdOf("accounts")!, other.Target.Id, payment.IdOf("categories")!, payment.Target.Id);
    }

    /// <summary>The owner, and the two intruders: another user of the owner's tenant, and the owner's user id in another tenant.</summary>
    private async Task<(Party Owner, IReadOnlyList<Party> Intruders)> PartiesAsync(string ownerName)
    {
        var owner = new Party(ownerName, await ClientAsync(Tenant, ownerName));
        // Without a home currency, a budget assignment is refused with 409 whoever sends it; the owner sets one.
        await (await owner.Client.PatchJsonAsync("/v1/settings", new { homeCurrency = "USD" })).ExpectAsync(HttpStatusCode.OK);
        return (owner,
        [
            new Party($"mallory of {Tenant} (every scope)", await ClientAsync(Tenant, "mallory")),
            new Party($"{ownerName} of {OtherTenant} (every scope)", await ClientAsync(OtherTenant, ownerName)),
        ]);
    }

    private async Task<HttpClient> ClientAsync(string tenant, string user) =>
        api.Client(await api.TokenAsync(new TokenSpec(tenant, user) { Scopes = Scopes.All }));
}

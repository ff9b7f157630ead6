using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// OWASP API1:2023 for ids inside request bodies: a transaction posted or patched by another user, or by the owner's
/// user id in another tenant, that names one of the owner's accounts or categories (as account, transfer target,
/// category or split line) is refused exactly as if the id had never been issued, and nothing of the owner's moves.
/// </summary>
public sealed class ObjectLevelAuthorisationInBodiesTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => WalkParties.ProvisionAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_users_ids_inside_request_bodies_are_refused_like_ids_never_issued_and_move_nothing()
    {
        var document = await (await api.Client().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var (owner, intruders) = await WalkParties.CreateAsync(api, "amir");
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
        var own = new Dictionary<Party, IntruderObjects>();
        foreach (var intruder in intruders)
        {
            own[intruder] = await IntruderObjectsAsync(intruder.Client);
        }
        var state = await OwnerState.CaptureAsync(owner.Client, owned);

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

        violations.AddRange(await state.DifferencesAsync());

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
}

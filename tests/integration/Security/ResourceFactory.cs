using System.Globalization;
using System.Net;
using System.Text.Json;
using BudgetBuddy.IntegrationTests.Accounts;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// The objects the authorisation walk knows how to create, keyed by collection. A route whose id belongs to a
/// collection missing here fails the walk: whoever adds <c>/v1/cards/{id}</c> adds a <c>cards</c> entry here.
/// </summary>
internal static class ResourceFactory
{
    public static readonly IReadOnlyList<ResourceKind> Kinds =
    [
        new("accounts", "accountId", [new("an account", AccountAsync)]),
        new("categories", "categoryId", [new("a category", CategoryAsync)]),
        // A transfer is two transactions that point at each other and move two balances: a handler that finds the
        // other side by id alone would leak or move it even where the side named in the path is guarded.
        new("transactions", "transactionId", [new("a categorised payment", PaymentAsync), new("a transfer", TransferAsync)]),
        new("cards", "cardId", [new("a card", CardAsync)]),
        new("imports", "importJobId", [new("an import job", ImportJobAsync)]),
        new("webhooks", "webhookId", [new("a webhook endpoint", WebhookAsync)], "the tenant's webhook endpoints, for holders of admin"),
        // The owner holds every scope, so erases someone else as the back office does: erasing the owner would take
        // the other specimens with it.
        new("erasures", "erasureId", [new("an erasure the owner asked for", ErasureAsync)]),
    ];

    public static ResourceKind? ByCollection(string collection) => Kinds.FirstOrDefault(k => k.Collection == collection);

    public static ResourceKind? ByIdParameter(string name) => Kinds.FirstOrDefault(k => k.IdParameter == name);

    public static async Task<Specimen> AccountAsync(HttpClient owner)
    {
        var account = await CreateAsync(owner, "accounts", AccountTestData.Checking("Owner's everyday", 50_000));
        return new Specimen("an account", account, [account]);
    }

    private static async Task<Specimen> CategoryAsync(HttpClient owner)
    {
        var category = await CategoryOf(owner);
        return new Specimen("a category", category, [category]);
    }

    public static async Task<Specimen> PaymentAsync(HttpClient owner)
    {
        var account = await CreateAsync(owner, "accounts", AccountTestData.Checking("Owner's card", 20_000));
        var category = await CategoryOf(owner);
        var payment = await CreateAsync(owner, "transactions", new
        {
            accountId = account.Id, date = Today, amount = -2_500, payee = "Corner shop", categoryId = category.Id, memo = "owner's memo",
        });
        return new Specimen("a categorised payment", payment, [payment, account, category]);
    }

    private static async Task<Specimen> TransferAsync(HttpClient owner)
    {
        var from = await CreateAsync(owner, "accounts", AccountTestData.Checking("Owner's checking", 90_000));
        var to = await CreateAsync(owner, "accounts", AccountTestData.Checking("Owner's savings", 0));
        var (transfer, body) = await CreateWithBodyAsync(owner, "transactions", new { accountId = from.Id, date = Today, amount = -30_000, transferAccountId = to.Id });
        var pairId = body.GetProperty("transferTransactionId").GetString()!;
        var pair = new OwnedObject("transactions", pairId, $"/v1/transactions/{pairId}");
        return new Specimen("a transfer", transfer, [transfer, pair, from, to]);
    }

    private static async Task<Specimen> CardAsync(HttpClient owner)
    {
        var account = await CreateAsync(owner, "accounts", AccountTestData.Checking("Owner's card account", 0));
        // A number of its own per card: the vault refuses the same number twice for one user.
        var card = await CreateAsync(owner, "cards", new
        {
            pan = TestCardNumbers.NewVisa(), expMonth = 12, expYear = DateTime.UtcNow.Year + 3, holderName = "Owner", accountId = account.Id,
        });
        return new Specimen("a card", card, [card, account]);
    }

    private static async Task<Specimen> ImportJobAsync(HttpClient owner)
    {
        var account = await CreateAsync(owner, "accounts", AccountTestData.Checking("Owner's imported account", 0));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/accounts/{account.Id}/import")
        {
            Content = new StringContent($"date,amount,payee\n{Today},-12.50,Owner's shop\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("Prefer", "respond-async");
        var response = await owner.SendAsync(request);
        var id = (await response.ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var job = new OwnedObject("imports", id, response.Headers.Location?.ToString() ?? throw new InvalidOperationException("202 without a Location"));
        return new Specimen("an import job", job, [job, account]);
    }

    private static readonly string[] AllEventTypes = ["*"];

    private static async Task<Specimen> WebhookAsync(HttpClient owner)
    {
        // A documentation address (TEST-NET-3): public as far as the SSRF guard is concerned, and needs no DNS.
        var webhook = await CreateAsync(owner, "webhooks", new { url = "https://203.0.113.10/budgetbuddy", types = AllEventTypes });
        return new Specimen("a webhook endpoint", webhook, [webhook]);
    }

    private static async Task<Specimen> ErasureAsync(HttpClient owner)
    {
        var response = await owner.DeleteAsync($"/v1/users/erased-{Guid.NewGuid():N}");
        var id = (await response.ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var erasure = new OwnedObject("erasures", id, response.Headers.Location?.ToString() ?? throw new InvalidOperationException("202 without a Location"));
        return new Specimen("an erasure the owner asked for", erasure, [erasure]);
    }

    private static string Today => RouteParameters.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<OwnedObject> CategoryOf(HttpClient owner) =>
        CreateAsync(owner, "categories", new { name = "Owner's " + Guid.NewGuid().ToString("N")[..8], group = "Owner's group" });

    private static async Task<OwnedObject> CreateAsync(HttpClient owner, string collection, object body) =>
        (await CreateWithBodyAsync(owner, collection, body)).Created;

    private static async Task<(OwnedObject Created, JsonElement Body)> CreateWithBodyAsync(HttpClient owner, string collection, object body)
    {
        var response = await owner.PostJsonAsync($"/v1/{collection}", body);
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var location = response.Headers.Location?.ToString() ?? throw new InvalidOperationException($"POST /v1/{collection} answered 201 without a Location");
        return (new OwnedObject(collection, id, location), created);
    }
}

using System.Globalization;
using System.Text.Json;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// Every request-body property that names an object, with a request that puts someone else's id there. The
/// document is the check on this list: an id property it has and this list lacks fails the test, so whoever adds
/// <c>cardId</c> to a body adds its request here.
/// </summary>
internal static class BodyReferences
{
    /// <summary>Id-like body properties that name no object of anyone's, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NonObjects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The bank's own id of a statement line, chosen by the client: it is claimed inside the caller's account
        // (IMPORT#<accountId>#<importId> in the caller's partition), so it reaches nothing of anyone else's.
        ["POST /v1/transactions importId"] = "the bank's id of a statement line, scoped to the caller's own account",
    };

    private static readonly string Day = RouteParameters.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<BodyReference> All =
    [
        // Posting into someone else's account would move their balance and budget.
        new("POST /v1/transactions", "accountId", "accounts", (own, id) => Post(new { accountId = id, date = Day, amount = -100, payee = "Walk" })),
        // A transfer's other side lands in the named account: the way to push or pull money across users.
        new("POST /v1/transactions", "transferAccountId", "accounts", (own, id) => Post(new { accountId = own.Account, date = Day, amount = -100, transferAccountId = id })),
        new("POST /v1/transactions", "categoryId", "categories", (own, id) => Post(new { accountId = own.Account, date = Day, amount = -100, categoryId = id })),
        new("POST /v1/transactions", "splits[].categoryId", "categories", (own, id) => Post(new
        {
            accountId = own.Account, date = Day, amount = -100,
            splits = new[] { new { categoryId = id, amount = -60, memo = "walk" }, new { categoryId = own.Category, amount = -40, memo = "walk" } },
        })),
        // A card filed under someone else's account would tie the intruder's card to their money.
        new("POST /v1/cards", "accountId", "accounts", (own, id) => new WalkRequest("POST", "/v1/cards", Json(new
        {
            pan = Infrastructure.TestCardNumbers.NewVisa(), expMonth = 12, expYear = DateTime.UtcNow.Year + 3, holderName = "Walk", accountId = id,
        }), null)),
        // An alert on someone else's account would report their balance's crossings in the intruder's events.
        new("PUT /v1/alerts", "lowBalance[].accountId", "accounts", (own, id) => new WalkRequest("PUT", "/v1/alerts", Json(new
        {
            lowBalance = new[] { new { accountId = id, below = 1_000 } }, overspend = false,
        }), null)),
        new("PATCH /v1/transactions/{id}", "accountId", "accounts", (own, id) => Patch(own.Transaction, new { accountId = id })),
        new("PATCH /v1/transactions/{id}", "categoryId", "categories", (own, id) => Patch(own.Transaction, new { categoryId = id })),
        // The amount comes along so the lines sum to it whatever the intruder's transaction was.
        new("PATCH /v1/transactions/{id}", "splits[].categoryId", "categories", (own, id) => Patch(own.Transaction, new
        {
            amount = -100,
            splits = new[] { new { categoryId = id, amount = -60, memo = "walk" }, new { categoryId = own.Category, amount = -40, memo = "walk" } },
        })),
    ];

    private static WalkRequest Post(object body) =>
        new("POST", "/v1/transactions", Json(body), null);

    // No If-Match: the change applies to the latest version, so no precondition stands between the intruder and the write.
    private static WalkRequest Patch(string transaction, object body) =>
        new("PATCH", $"/v1/transactions/{transaction}", Json(body), null);

    private static RequestBody Json(object body) => new("application/json", JsonSerializer.Serialize(body));
}

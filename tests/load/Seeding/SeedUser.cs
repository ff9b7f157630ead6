namespace BudgetBuddy.Load.Seeding;

/// <summary>A seeded user: tenant, id, a long-lived token, and the ids a client of theirs would know after its first sync.</summary>
/// <param name="Accounts">Checking, savings, credit card, in that order.</param>
/// <param name="Transactions">Ids of the newest seeded transactions (the first page of the user's list).</param>
/// <param name="ChangesCursor">The delta-sync cursor after a full first sync.</param>
internal sealed record SeedUser(
    string Tenant, string Id, string Token, IReadOnlyList<string> Accounts, IReadOnlyList<string> Categories,
    IReadOnlyList<string> Transactions, string ChangesCursor);

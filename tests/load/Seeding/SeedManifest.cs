namespace BudgetBuddy.Load.Seeding;

/// <summary>
/// What <c>seed</c> made and a run needs: every user with token and ids, and the seeded months. Written as JSON so
/// one seed serves several runs against the same API and DynamoDB; it holds bearer tokens, so it stays in git-ignored
/// folders (<c>.data/</c>, <c>tests/load/results/</c>).
/// </summary>
/// <param name="Months">Months with seeded transactions, oldest first (<c>yyyy-MM</c>); the last is the month seeded on.</param>
/// <param name="TokensExpireAt">When the users' tokens stop working: seed again after that.</param>
internal sealed record SeedManifest(
    DateTimeOffset CreatedAt,
    string Target,
    IReadOnlyList<string> Tenants,
    IReadOnlyList<string> Months,
    long Transactions,
    double SeedSeconds,
    DateTimeOffset TokensExpireAt,
    IReadOnlyList<SeedUser> Users);

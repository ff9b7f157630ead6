using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.Scenarios;

/// <summary>The seeded world a run's steps choose from: the users (across tenants) and the months that have data.</summary>
internal sealed class LoadData(IReadOnlyList<LoadUser> users, IReadOnlyList<string> months, DateOnly today)
{
    public IReadOnlyList<LoadUser> Users { get; } = users;

    /// <summary>Months with seeded transactions, oldest first, <c>yyyy-MM</c>; the last is the current month.</summary>
    public IReadOnlyList<string> Months { get; } = months;

    public string CurrentMonth => Months[^1];

    /// <summary>The date new transactions are posted on.</summary>
    public DateOnly Today { get; } = today;

    public int Tenants => Users.Select(u => u.Tenant).Distinct(StringComparer.Ordinal).Count();

    public static LoadData From(SeedManifest seed) =>
        new([.. seed.Users.Select(LoadUser.From)], seed.Months, DateOnly.FromDateTime(DateTime.UtcNow));
}

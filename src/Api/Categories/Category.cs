namespace BudgetBuddy.Api.Categories;

/// <summary>A budget category, shown under its <see cref="Group"/>; hidden categories stay out of budget views.</summary>
public sealed record Category(
    string Id,
    string Name,
    string Group,
    bool Hidden,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

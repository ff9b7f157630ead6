namespace BudgetBuddy.Api.Categories;

/// <summary>A budget category, shown under its <see cref="Group"/>; hidden categories stay out of budget views.</summary>
/// <param name="Sensitive">
/// Health spending (PHI): every transaction in this category, or with a split line in it, is sensitive: its payee and
/// memos are encrypted at rest and each read of them is audited. Marking a category sensitive also seals the
/// transactions already in it.
/// </param>
public sealed record Category(
    string Id,
    string Name,
    string Group,
    bool Hidden,
    bool Sensitive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// A collection the walk can create objects of: its path segment (<c>accounts</c>), the name its id goes by in other
/// routes' parameters (<c>accountId</c>), and one recipe per shape of object worth attacking separately.
/// <see cref="TenantWideBecause"/> is set for objects that belong to the tenant rather than to a user: another user
/// of the owner's tenant holding every scope may use them, another tenant still may not.
/// </summary>
internal sealed record ResourceKind(string Collection, string IdParameter, IReadOnlyList<SpecimenRecipe> Shapes, string? TenantWideBecause = null);

/// <summary>How the owner creates one shape of object, with everything it needs, through the API.</summary>
internal sealed record SpecimenRecipe(string Shape, Func<HttpClient, Task<Specimen>> CreateAsync);

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// A read of the query walk: a GET, unfiltered or with one id query parameter set to one of the owner's ids.
/// <see cref="TenantWideBecause"/> is set for reads that show the whole tenant by design.
/// </summary>
internal sealed record QueryVariant(OpenApiOperation Operation, string Path, string? Parameter, string? OwnersId, string? TenantWideBecause)
{
    public override string ToString() => $"GET {Path}";
}

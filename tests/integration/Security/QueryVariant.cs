namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>A read of the query walk: a GET, unfiltered or with one id query parameter set to one of the owner's ids.</summary>
internal sealed record QueryVariant(OpenApiOperation Operation, string Path, string? Parameter, string? OwnersId)
{
    public override string ToString() => $"GET {Path}";
}

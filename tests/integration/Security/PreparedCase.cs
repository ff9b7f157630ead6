namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// A row of the walk made concrete: the owner's specimen, the request with the owner's ids, and the same request
/// with ids that were never issued (what "does not exist" looks like to compare against).
/// </summary>
internal sealed record PreparedCase(
    IdRouteCase Case,
    Specimen Specimen,
    WalkRequest WithOwnersIds,
    WalkRequest WithNeverIssuedIds,
    IReadOnlyList<string> NeverIssuedIds);

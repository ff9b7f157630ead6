namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// A row of the walk made concrete: the owner's specimen, snapshots of everything in it, the request with the
/// owner's ids, and the same request with ids that were never issued (what "does not exist" looks like).
/// </summary>
internal sealed record PreparedCase(
    IdRouteCase Case,
    Specimen Specimen,
    IReadOnlyList<ObjectSnapshot> Before,
    WalkRequest WithOwnersIds,
    WalkRequest WithNeverIssuedIds,
    IReadOnlyList<string> NeverIssuedIds);

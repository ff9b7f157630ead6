namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// What the owner created to exercise one route: the object the route is aimed at, plus everything created with it
/// (a transfer's two accounts and its other side), all of which must come through the walk unchanged.
/// </summary>
internal sealed record Specimen(string Shape, OwnedObject Target, IReadOnlyList<OwnedObject> All)
{
    /// <summary>The id to put in a parameter of <paramref name="collection"/>: the target's if it is one, else a companion's.</summary>
    public string? IdOf(string collection) =>
        Target.Collection == collection ? Target.Id : All.FirstOrDefault(o => o.Collection == collection)?.Id;
}

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// One place a request body names an object (<see cref="Property"/> of <see cref="Operation"/>, as
/// <see cref="BodyIdProperties"/> spells it), the collection the id belongs to, and how to build the request
/// around the intruder's own objects with <c>id</c> in that place.
/// </summary>
internal sealed record BodyReference(string Operation, string Property, string Collection, Func<IntruderObjects, string, WalkRequest> Build)
{
    public string Key => $"{Operation} {Property}";
}

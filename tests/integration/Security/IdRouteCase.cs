namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// One row of the walk: an operation that takes object ids, aimed at one shape of its target object, with the
/// collection of each id parameter and the body to send.
/// </summary>
internal sealed record IdRouteCase(
    OpenApiOperation Operation,
    SpecimenRecipe Shape,
    IReadOnlyDictionary<string, string> ObjectParameters,
    RequestBody? Body)
{
    /// <summary>The path with each id parameter filled by <paramref name="idOf"/> (given the collection), or null when it has none.</summary>
    public string? PathFor(Func<string, string?> idOf)
    {
        var path = Operation.Path;
        foreach (var name in Operation.PathParameters)
        {
            var value = ObjectParameters.TryGetValue(name, out var collection) ? idOf(collection) : RouteParameters.NonObjects[name].Value;
            if (value is null)
            {
                return null;
            }
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        return path;
    }

    public override string ToString() => $"{Operation} on {Shape.Shape}";
}

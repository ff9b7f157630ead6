using System.Text.Json;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// Turns the OpenAPI document into the walk: every operation with an object id in its path, once per shape of the
/// object it is aimed at (the last id in the path). What the walk cannot exercise is returned as a gap naming the
/// route and what to teach the test, and the test fails on it: a route nobody taught the walk is not a route that
/// passed.
/// </summary>
internal static class IdRouteWalk
{
    public static (List<IdRouteCase> Cases, List<string> Gaps) Plan(IReadOnlyList<OpenApiOperation> operations, JsonElement document)
    {
        var cases = new List<IdRouteCase>();
        var gaps = new List<string>();
        foreach (var operation in operations)
        {
            var unknown = UnknownPathParameters(operation).ToList();
            gaps.AddRange(unknown);
            var ids = operation.PathParameters.Where(RouteParameters.IsObjectId).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var collections = new Dictionary<string, string>(StringComparer.Ordinal);
            var kinds = new List<ResourceKind>();
            foreach (var id in ids)
            {
                var collection = RouteParameters.CollectionOf(operation.Path, id);
                var kind = collection is null ? null : ResourceFactory.ByCollection(collection);
                if (kind is null)
                {
                    gaps.Add($"{operation}: {{{id}}} is an object id of '{collection ?? "(no collection segment)"}', which ResourceFactory cannot create; add a ResourceKind for it");
                    continue;
                }
                collections[id] = kind.Collection;
                kinds.Add(kind);
            }
            var (body, bodyGap) = RequestBodies.For(operation, document);
            if (bodyGap is not null)
            {
                gaps.Add(bodyGap);
            }
            if (unknown.Count > 0 || kinds.Count != ids.Count || bodyGap is not null)
            {
                continue;
            }
            cases.AddRange(kinds[^1].Shapes.Select(shape => new IdRouteCase(operation, shape, collections, body)));
        }
        return (cases, gaps);
    }

    /// <summary>Path parameters that are neither object ids nor declared non-objects: someone must decide what they are.</summary>
    public static IEnumerable<string> UnknownPathParameters(OpenApiOperation operation) =>
        operation.PathParameters
            .Where(p => !RouteParameters.IsObjectId(p) && !RouteParameters.NonObjects.ContainsKey(p))
            .Select(p => $"{operation}: path parameter {{{p}}} is neither an object id (id, …Id) nor a known non-object; say which in RouteParameters");
}

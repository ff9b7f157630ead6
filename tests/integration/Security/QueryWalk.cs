namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// Turns the OpenAPI document into the reads that take no object id in their path (lists, reports, export, the
/// change feed, a budget month): each once unfiltered, and once per owned object for every id query parameter
/// (<c>GET /v1/transactions?accountId=</c>). An id query parameter of a kind the factory cannot create is a gap.
/// </summary>
internal static class QueryWalk
{
    /// <summary>
    /// Reads that show every user of the tenant by design, guarded by a scope rather than by ownership: another
    /// user of the owner's tenant holding every scope may see the owner's ids there, another tenant still may not.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TenantWide = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The tenant's tamper-evident audit log lists every user's actions with the resources they touched; it is
        // for holders of audit:read (auditors), so it is function-level authorisation (API5), not object-level.
        ["GET /v1/audit"] = "the tenant's audit log, for holders of audit:read",
        // The tenant's event feed drives the bank's own notifications and back office; it is for holders of events:read.
        ["GET /v1/events"] = "the tenant's event feed, for holders of events:read",
    };

    public static (List<QueryVariant> Reads, List<string> Gaps) Plan(IReadOnlyList<OpenApiOperation> operations, IReadOnlyList<OwnedObject> owned)
    {
        var reads = new List<QueryVariant>();
        var gaps = new List<string>();
        foreach (var operation in operations.Where(o => o.Method == "GET" && !o.PathParameters.Any(RouteParameters.IsObjectId)))
        {
            var unknown = IdRouteWalk.UnknownPathParameters(operation).ToList();
            gaps.AddRange(unknown);
            if (unknown.Count > 0)
            {
                continue;
            }
            var path = operation.PathParameters.Aggregate(
                operation.Path, (p, name) => p.Replace("{" + name + "}", RouteParameters.NonObjects[name].Value, StringComparison.Ordinal));
            var tenantWide = TenantWide.GetValueOrDefault(operation.ToString());
            reads.Add(new QueryVariant(operation, path, null, null, tenantWide));
            foreach (var parameter in operation.QueryParameters.Where(RouteParameters.IsObjectId))
            {
                if (ResourceFactory.ByIdParameter(parameter) is not { } kind)
                {
                    gaps.Add($"{operation}: query parameter {parameter} names objects ResourceFactory cannot create; add a ResourceKind for it");
                    continue;
                }
                reads.AddRange(owned.Where(o => o.Collection == kind.Collection)
                    .Select(o => new QueryVariant(operation, $"{path}?{parameter}={o.Id}", parameter, o.Id, tenantWide)));
            }
        }
        return (reads, gaps);
    }
}

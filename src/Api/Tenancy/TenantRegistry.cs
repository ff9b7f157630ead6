using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BudgetBuddy.TenantContracts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BudgetBuddy.Api.Tenancy;

/// <summary>
/// The API's read-only, cached view of the tenant registry. Every request needs its tenant's record (status, tables,
/// keys), so records are cached for <see cref="RegistryOptions.CacheTtl"/>; a token whose <c>kid</c> is unknown
/// forces an early re-read (rotation), at most once per <see cref="RegistryOptions.MinRefreshInterval"/>.
/// </summary>
internal sealed partial class TenantRegistry(
    IAmazonDynamoDB dynamo,
    TenantTables tables,
    TimeProvider time,
    IOptions<RegistryOptions> options,
    ILogger<TenantRegistry> logger)
{
    private readonly ConcurrentDictionary<string, CachedTenant> cache = new(StringComparer.Ordinal);

    public async ValueTask<CachedTenant> GetAsync(string tenantId, CancellationToken ct)
    {
        if (cache.TryGetValue(tenantId, out var cached) && time.GetUtcNow() - cached.FetchedAt < options.Value.CacheTtl)
        {
            return cached;
        }
        return await FetchAsync(tenantId, ct);
    }

    /// <summary>Like <see cref="GetAsync"/>, but re-reads early when the cached keys do not include <paramref name="keyId"/>.</summary>
    public async ValueTask<CachedTenant> GetWithKeyAsync(string tenantId, string? keyId, CancellationToken ct)
    {
        var tenant = await GetAsync(tenantId, ct);
        if (tenant.HasKey(keyId) || time.GetUtcNow() - tenant.FetchedAt < options.Value.MinRefreshInterval)
        {
            return tenant;
        }
        return await FetchAsync(tenantId, ct);
    }

    /// <summary>The keys already cached for a tenant; the JWT handler's key resolver is synchronous.</summary>
    public IEnumerable<SecurityKey> CachedSigningKeys(string tenantId) =>
        cache.TryGetValue(tenantId, out var cached) ? cached.SigningKeys : [];

    /// <summary>Whether a record of this tenant is cached: a tenant that exists, as far as this pod has read.</summary>
    public bool IsKnown(string tenantId) => cache.TryGetValue(tenantId, out var cached) && cached.Record is not null;

    /// <summary>Another cached tenant whose signing keys include <paramref name="keyId"/>, if this pod has read one.</summary>
    public string? CachedOwnerOfKey(string keyId, string except) =>
        cache.FirstOrDefault(e => e.Key != except && e.Value.Record is not null && e.Value.HasKey(keyId)).Key;

    /// <summary>
    /// Every Active tenant, for background work that must reach tenants no request named (events waiting after a
    /// restart). The registry holds one small item per tenant, so reading all of it is the access pattern, not a
    /// table scan of customer data; callers do it every few tens of seconds.
    /// </summary>
    public async Task<IReadOnlyList<TenantRecord>> ActiveAsync(CancellationToken ct)
    {
        var tenants = new List<TenantRecord>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = tables.Registry, ExclusiveStartKey = start, ConsistentRead = true }, ct);
            tenants.AddRange((page.Items ?? []).Select(TenantRecordItem.TryFromItem).OfType<TenantRecord>().Where(t => t.Status == TenantStatus.Active));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return tenants;
    }

    /// <summary>Proves DynamoDB answers and the registry table exists (readiness).</summary>
    public async Task ProbeAsync(CancellationToken ct) =>
        await dynamo.GetItemAsync(new GetItemRequest { TableName = tables.Registry, Key = TenantRecordItem.Key("readiness-probe") }, ct);

    private async Task<CachedTenant> FetchAsync(string tenantId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Registry,
            Key = TenantRecordItem.Key(tenantId),
            ConsistentRead = true,
        }, ct);
        var record = response.IsItemSet ? TenantRecordItem.TryFromItem(response.Item) : null;
        var fetched = new CachedTenant(record, ParseKeys(record), time.GetUtcNow());
        cache[tenantId] = fetched;
        return fetched;
    }

    private List<JsonWebKey> ParseKeys(TenantRecord? record)
    {
        if (record is null)
        {
            return [];
        }
        try
        {
            return new JsonWebKeySet(record.SigningKeys).Keys.ToList();
        }
        catch (ArgumentException e)
        {
            LogBadKeySet(logger, record.TenantId, e.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Registry item of tenant {TenantId} has an unreadable JWK set: {Reason}")]
    private static partial void LogBadKeySet(ILogger logger, string tenantId, string reason);
}

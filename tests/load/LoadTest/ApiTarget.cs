using System.Net;
using BudgetBuddy.Load.Harness;
using BudgetBuddy.Load.Seeding;

namespace BudgetBuddy.Load.LoadTest;

/// <summary>
/// The API over HTTP: requests with the seeded users' tokens through one pool of connections (open model), its
/// readiness checked first, its DynamoDB calls read from its <c>/metrics</c>.
/// </summary>
internal sealed class ApiTarget(Uri url, int maxInFlight, TimeSpan requestTimeout) : ILoadTarget, IDisposable
{
    private readonly ApiClient probe = new(url, 2);
    private readonly HttpClient pool = HttpRequestSender.PooledClient(url, maxInFlight, requestTimeout);

    public Uri Url => url;

    public string Name => url.ToString();

    public string? Note => null;

    public string ResultsSuffix => "";

    public IRequestSender Sender => field ??= new HttpRequestSender(pool);

    public async Task RequireReadyAsync(SeedManifest seed, TimeSpan runLength, CancellationToken ct)
    {
        if (seed.TokensExpireAt < DateTimeOffset.UtcNow + runLength + TimeSpan.FromMinutes(1))
        {
            throw new BenchmarkFailedException($"the seed's tokens expire at {seed.TokensExpireAt:u}, before this run would end: seed again.");
        }
        if (!string.Equals(seed.Target, url.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"note: the seed was made through {seed.Target}; loading {url} (fine if both use the same DynamoDB).");
        }
        try
        {
            var (status, body) = await probe.GetTextAsync("/actuator/health/readiness", ct);
            if (status != HttpStatusCode.OK)
            {
                throw new BenchmarkFailedException($"{probe.Target} is not ready ({(int)status}): {body}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new BenchmarkFailedException($"{probe.Target} does not answer: {e.Message}", e);
        }
    }

    public Task<DynamoDbCallCounts> ReadCallsAsync(CancellationToken ct) => ServerMetrics.ReadAsync(probe, ct);

    public void Dispose()
    {
        pool.Dispose();
        probe.Dispose();
    }
}

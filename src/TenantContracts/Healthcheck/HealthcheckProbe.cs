namespace BudgetBuddy.TenantContracts.Healthcheck;

/// <summary>
/// The container HEALTHCHECK both binaries answer (<c>healthcheck</c>): the runtime image has no shell or curl, so
/// each binary GETs its own health endpoint, prints one line and exits 0 (it answered 2xx) or 1 (anything else,
/// including arguments it cannot use). Only how each finds its endpoint differs.
/// </summary>
public static class HealthcheckProbe
{
    /// <summary>Well inside Docker's default 30 s HEALTHCHECK timeout, so the check reports its own failure instead of being killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Reports a check that could not be made (bad arguments, no address to ask) as unhealthy.</summary>
    /// <returns>The exit code, 1.</returns>
    public static int Unhealthy(string reason)
    {
        Console.Out.WriteLine($"unhealthy: {reason}");
        return 1;
    }

    /// <summary>GETs <paramref name="url"/> without a proxy or redirects and reports the answer.</summary>
    /// <returns>The exit code: 0 for a 2xx answer within <see cref="Timeout"/>, else 1.</returns>
    public static async Task<int> ProbeAsync(Uri url, CancellationToken ct = default)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            Console.Out.WriteLine($"{(response.IsSuccessStatusCode ? "healthy" : "unhealthy")}: GET {url} answered {status}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Unhealthy($"GET {url} did not answer within {Timeout.TotalSeconds:0} s");
        }
#pragma warning disable CA1031 // A health check reports every failure as "unhealthy"; a stack trace helps no one reading `docker inspect`.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Unhealthy($"GET {url} failed: {e.GetBaseException().Message}");
        }
    }
}

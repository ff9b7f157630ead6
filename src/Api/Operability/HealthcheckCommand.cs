namespace BudgetBuddy.Api.Operability;

/// <summary>
/// <c>budgetbuddy-api healthcheck [--url URL]</c>: asks the running API's liveness endpoint whether it is up and
/// exits 0 (it answered 2xx) or 1 (anything else), printing one line. It exists because the runtime image has no
/// shell or curl, so Docker's HEALTHCHECK has to run the binary itself.
/// </summary>
internal static class HealthcheckCommand
{
    public const string Name = "healthcheck";

    // Well inside Docker's default 30 s HEALTHCHECK timeout, so the check reports its own failure instead of being killed.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <param name="args">The arguments after <see cref="Name"/>.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        Uri url;
        try
        {
            url = args switch
            {
                [] => HealthcheckTarget.Resolve(Environment.GetEnvironmentVariable),
                ["--url", var given] => new Uri(given, UriKind.Absolute),
                _ => throw new FormatException($"usage: budgetbuddy-api {Name} [--url http://127.0.0.1:8080{HealthcheckTarget.LivenessPath}]"),
            };
        }
        catch (FormatException e)
        {
            Console.Out.WriteLine($"unhealthy: {e.Message}");
            return 1;
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            Console.Out.WriteLine($"{(response.IsSuccessStatusCode ? "healthy" : "unhealthy")}: GET {url} answered {status}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Console.Out.WriteLine($"unhealthy: GET {url} did not answer within {Timeout.TotalSeconds:0} s");
            return 1;
        }
#pragma warning disable CA1031 // A health check reports every failure as "unhealthy"; a stack trace helps no one reading `docker inspect`.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Out.WriteLine($"unhealthy: GET {url} failed: {e.GetBaseException().Message}");
            return 1;
        }
    }
}

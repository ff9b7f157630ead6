using System.CommandLine;

namespace BudgetBuddy.Operator.Cli;

/// <summary>
/// <c>healthcheck [--url URL]</c>: asks a running operator's <c>/healthz</c> whether it is up and exits 0 (2xx) or 1
/// (anything else, including bad arguments), printing one line. The runtime image has no shell or curl, so Docker's
/// HEALTHCHECK runs the binary itself.
/// </summary>
internal static class HealthcheckCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8081/healthz";

    // Well inside Docker's default 30 s HEALTHCHECK timeout, so the check reports its own failure instead of being killed.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The health endpoint to ask (match `run --urls` when it is not the default).",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var command = new Command("healthcheck", "Exit 0 if the operator's health endpoint answers 2xx within 3 s, else 1 (for a container HEALTHCHECK).")
        {
            url,
        };
        command.SetAction((result, ct) => ProbeAsync(result.GetValue(url)!, ct));
        return command;
    }

    private static async Task<int> ProbeAsync(string given, CancellationToken ct)
    {
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url))
        {
            Console.Out.WriteLine($"unhealthy: --url '{given}' is not an absolute URL");
            return 1;
        }
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            Console.Out.WriteLine($"{(response.IsSuccessStatusCode ? "healthy" : "unhealthy")}: GET {url} answered {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
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

using System.CommandLine;
using BudgetBuddy.TenantContracts.Healthcheck;

namespace BudgetBuddy.Operator.Cli;

/// <summary>
/// <c>healthcheck [--url URL]</c>: the container's HEALTHCHECK (see <see cref="HealthcheckProbe"/>), asking a running
/// operator's <c>/healthz</c>.
/// </summary>
internal static class HealthcheckCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8081/healthz";

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

    private static Task<int> ProbeAsync(string given, CancellationToken ct) =>
        Uri.TryCreate(given, UriKind.Absolute, out var url)
            ? HealthcheckProbe.ProbeAsync(url, ct)
            : Task.FromResult(HealthcheckProbe.Unhealthy($"--url '{given}' is not an absolute URL"));
}

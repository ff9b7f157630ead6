using BudgetBuddy.TenantContracts.Healthcheck;

namespace BudgetBuddy.Api.Operability;

/// <summary>
/// <c>budgetbuddy-api healthcheck [--url URL]</c>: the container's HEALTHCHECK (see <see cref="HealthcheckProbe"/>),
/// asking the API's liveness endpoint where <see cref="HealthcheckTarget"/> finds it.
/// </summary>
internal static class HealthcheckCommand
{
    public const string Name = "healthcheck";

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
            return HealthcheckProbe.Unhealthy(e.Message);
        }
        return await HealthcheckProbe.ProbeAsync(url);
    }
}

using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BudgetBuddy.Api.Operability;

/// <summary>
/// Writes health in the Spring Boot actuator shape that platform tooling already understands:
/// <c>{"status":"UP"|"DOWN","components":{"name":{"status":...,"details":{...}}}}</c>.
/// </summary>
internal static class ActuatorHealthWriter
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", StatusOf(report.Status));
        if (report.Entries.Count > 0)
        {
            json.WriteStartObject("components");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", StatusOf(entry.Status));
                if (entry.Description is { } description)
                {
                    json.WriteStartObject("details");
                    json.WriteString("description", description);
                    json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static string StatusOf(HealthStatus status) => status == HealthStatus.Unhealthy ? "DOWN" : "UP";
}

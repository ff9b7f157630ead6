using BudgetBuddy.Api.Storage;
using BudgetBuddy.TenantContracts.LogRedaction;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;

namespace BudgetBuddy.Api.Operability;

internal static class TelemetryExtensions
{
    public const string ServiceName = "budgetbuddy-api";

    /// <summary>The OpenTelemetry SDK's own variable; the chart sets it from <c>api.config.otlpEndpoint</c>.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// JSON logs on stdout carrying trace and span ids; OpenTelemetry traces, metrics and logs over OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a laptop without a collector pays nothing. Every logger is
    /// redacting: no provider (console, OTLP, a test's capture) ever sees a card number, token or private key.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.AddSecretRedaction();

        // The .NET meters (Kestrel, HttpClient, ASP.NET Core) on no dashboard or alert: their adapter took ~3 % of the
        // API's CPU under load. Request durations come from UseHttpMetrics; process metrics and event counters stay.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(ServiceName))
                .WithTracing(t => t
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddSource(DynamoDbMetricsHandler.ActivitySource.Name))
                .WithMetrics(m => m
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation())
                .WithLogging()
                .UseOtlpExporter();
        }
        return builder;
    }
}

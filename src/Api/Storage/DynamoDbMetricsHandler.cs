using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Prometheus;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// Times every DynamoDB call by operation and outcome, and opens a trace span for it, so slow storage shows up in
/// <c>/metrics</c> and in traces without each caller measuring itself.
/// </summary>
internal sealed class DynamoDbMetricsHandler : PipelineHandler
{
    public static readonly ActivitySource ActivitySource = new("BudgetBuddy.DynamoDb");

    private static readonly Histogram CallDuration = Metrics.CreateHistogram(
        "budgetbuddy_dynamodb_call_duration_seconds",
        "Duration of DynamoDB calls made by the API, retries included.",
        new HistogramConfiguration
        {
            LabelNames = ["operation", "outcome"],
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var operation = OperationName(executionContext);
        using var activity = ActivitySource.StartActivity($"DynamoDB {operation}", ActivityKind.Client);
        activity?.SetTag("db.system", "dynamodb");
        activity?.SetTag("db.operation", operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await base.InvokeAsync<T>(executionContext);
            outcome = "ok";
            return result;
        }
        catch (AmazonServiceException e)
        {
            outcome = e.ErrorCode ?? "error";
            activity?.SetStatus(ActivityStatusCode.Error, e.ErrorCode);
            throw;
        }
        finally
        {
            CallDuration.WithLabels(operation, outcome).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static string OperationName(IExecutionContext context)
    {
        var name = context.RequestContext.RequestName ?? "Unknown";
        return name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
    }
}

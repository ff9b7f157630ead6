using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using BudgetBuddy.Load.Harness;

namespace BudgetBuddy.Load.Storage;

/// <summary>
/// Counts every DynamoDB call the storage path makes, by operation and outcome, with its time, retries included: the
/// API's <c>budgetbuddy_dynamodb_call_duration_seconds</c> measured the same way (a handler outermost in the SDK's
/// pipeline, operation named by the request type without "Request", outcome <c>ok</c> or the error code), so the two
/// runs' "DynamoDB per request" lines compare call for call.
/// </summary>
internal sealed class CallCounter
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Operation, string Outcome), (double Sum, long Count)> calls = [];

    public DynamoDbCallCounts Snapshot()
    {
        lock (gate)
        {
            return new DynamoDbCallCounts(new Dictionary<(string, string), (double, long)>(calls));
        }
    }

    public PipelineHandler Handler() => new Counting(this);

    private void Record(string operation, string outcome, double seconds)
    {
        lock (gate)
        {
            var (sum, count) = calls.GetValueOrDefault((operation, outcome));
            calls[(operation, outcome)] = (sum + seconds, count + 1);
        }
    }

    private sealed class Counting(CallCounter counter) : PipelineHandler
    {
        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var name = executionContext.RequestContext.RequestName ?? "Unknown";
            var operation = name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
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
                throw;
            }
            finally
            {
                counter.Record(operation, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }
}

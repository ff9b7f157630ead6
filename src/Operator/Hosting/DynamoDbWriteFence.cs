using Amazon.Runtime;
using Amazon.Runtime.Internal;
using BudgetBuddy.Operator.Runtime;
using BudgetBuddy.Operator.Runtime.Fencing;

namespace BudgetBuddy.Operator.Hosting;

/// <summary>
/// In the DynamoDB client's pipeline, inside its retry loop so that every attempt is checked: a call that may change
/// something goes out only while <see cref="LeaseFence"/> holds. Reads are named (an operation the list does not know
/// is taken for a write), so a new write operation cannot slip through.
/// </summary>
internal sealed class DynamoDbWriteFence(Func<LeaseFence> fence) : PipelineHandler
{
    private static readonly string[] ReadPrefixes = ["Get", "BatchGet", "TransactGet", "Describe", "List", "Query", "Scan"];

    public override void InvokeSync(IExecutionContext executionContext)
    {
        Check(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Check(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    /// <summary>The operation's name without the SDK's suffix, e.g. <c>PutItem</c>.</summary>
    internal static string OperationName(IExecutionContext context)
    {
        var name = context.RequestContext.RequestName ?? "Unknown";
        return name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
    }

    internal static bool IsRead(string operation) => ReadPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal));

    private void Check(IExecutionContext context)
    {
        var operation = OperationName(context);
        if (!IsRead(operation))
        {
            fence().ThrowIfNotHeld(ControllerMetrics.DynamoDbTarget, operation);
        }
    }
}

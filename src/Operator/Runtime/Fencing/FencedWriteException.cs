namespace BudgetBuddy.Operator.Runtime.Fencing;

/// <summary>
/// A write refused because this replica cannot prove it still holds the Lease. Not a failure of the key being
/// reconciled: the workers give the key back for whoever leads next, without backoff, error log or event.
/// </summary>
internal sealed class FencedWriteException : Exception
{
    public FencedWriteException()
    {
    }

    public FencedWriteException(string message)
        : base(message)
    {
    }

    public FencedWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FencedWriteException(string target, string operation)
        : base($"Refused {target} write {operation}: this replica cannot prove it still holds the Lease.")
    {
        Target = target;
        Operation = operation;
    }

    /// <summary>Where the write was going: <c>kubernetes</c> or <c>dynamodb</c>.</summary>
    public string? Target { get; }

    /// <summary>What the write was, e.g. <c>POST /api/v1/namespaces/t/events</c> or <c>PutItem</c>.</summary>
    public string? Operation { get; }
}

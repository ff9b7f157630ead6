namespace BudgetBuddy.Operator.Runtime;

/// <summary>Why a watch was started again.</summary>
public enum WatchRestartReason
{
    /// <summary>The server ended the watch normally (its timeout): watch again from the last resourceVersion.</summary>
    Closed,

    /// <summary>410 Gone: the resourceVersion is too old, events may be lost, so list again.</summary>
    Expired,

    /// <summary>Any other failure: reconnect after a jittered exponential backoff.</summary>
    Error,
}

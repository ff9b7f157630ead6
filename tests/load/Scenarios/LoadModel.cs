namespace BudgetBuddy.Load.Scenarios;

/// <summary>How a scenario offers its load.</summary>
internal enum LoadModel
{
    /// <summary>Requests due at t0 + i/rate, sent whether or not earlier ones were answered (arrivals like many independent clients).</summary>
    Open,

    /// <summary>A fixed set of keep-alive connections, each sending its next request only after its last answer, paced to share the rate.</summary>
    Closed,
}

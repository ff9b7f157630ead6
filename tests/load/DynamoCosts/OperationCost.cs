using System.Globalization;

namespace BudgetBuddy.Load.DynamoCosts;

/// <summary>
/// What one kind of DynamoDB call cost the store: its CPU per call (from the store's share of all cores over the
/// measured calls) and the wall time per call the client saw with <see cref="InFlight"/> calls outstanding.
/// </summary>
internal sealed record OperationCost(string Name, string Shape, int Calls, int InFlight, double StoreCpuMsPerCall, double WallMsPerCall)
{
    /// <param name="storePercentOfCores">The store's share of all cores over the phase, 100 = every core busy.</param>
    public static OperationCost From(string name, string shape, int calls, int inFlight, double storePercentOfCores, TimeSpan wall, int cores)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        var cpuMs = storePercentOfCores / 100 * cores * wall.TotalMilliseconds;
        return new OperationCost(name, shape, calls, inFlight, cpuMs / calls, wall.TotalMilliseconds * inFlight / calls);
    }

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-30} {StoreCpuMsPerCall,8:F3} ms {WallMsPerCall,8:F2} ms   {Shape}");

    public const string Header = "call                           store CPU   latency   shape";
}

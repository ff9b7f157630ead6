using BudgetBuddy.Load.LoadTest;

namespace BudgetBuddy.Load.Bench;

/// <summary>
/// CPU time a completed request cost the machine, in milliseconds, split by who spent it: the API, DynamoDB Local, and
/// the load generator. On a machine whose cores run out first, capacity is inversely proportional to <see cref="TotalMs"/>.
/// </summary>
internal sealed record RequestCost(double ApiMs, double DynamoDbMs, double ClientMs)
{
    public double TotalMs => ApiMs + DynamoDbMs + ClientMs;

    public static RequestCost? Of(LoadSummary run)
    {
        if (run.Cpu is not { } cpu || run.AchievedRate <= 0)
        {
            return null;
        }
        // A share of all cores over the window, as milliseconds of one core per completed request.
        double Ms(double percent) => percent / 100 * run.Machine.Cores * 1000 / run.AchievedRate;
        return new RequestCost(
            Ms(cpu.ProcessGroupPercent.GetValueOrDefault("api")),
            Ms(cpu.ProcessGroupPercent.GetValueOrDefault("dynamodb")),
            Ms(cpu.ClientPercent));
    }
}

namespace BudgetBuddy.Api.Money;

/// <summary>
/// Bounds on amounts in minor units. ±10^15 leaves room for sums of millions of amounts inside a long, so balances
/// can never overflow.
/// </summary>
internal static class MinorUnits
{
    public const long Max = 1_000_000_000_000_000;

    public static bool InRange(long amount) => amount is >= -Max and <= Max;
}

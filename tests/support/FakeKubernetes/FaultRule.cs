namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>Fail the next <see cref="Remaining"/> requests that match with a Status of <see cref="StatusCode"/>.</summary>
internal sealed class FaultRule(int remaining, int statusCode, string? pathContains, string? method)
{
    public int Remaining { get; private set; } = remaining;

    public int StatusCode { get; } = statusCode;

    public bool TryTake(string requestMethod, string pathAndQuery)
    {
        if (Remaining <= 0
            || (method is not null && !string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
            || (pathContains is not null && !pathAndQuery.Contains(pathContains, StringComparison.Ordinal)))
        {
            return false;
        }

        Remaining--;
        return true;
    }
}

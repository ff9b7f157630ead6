namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>Waits for what background work brings about (events delivered, an erasure finished), failing with what did not happen.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out: {what}");
            await Task.Delay(100);
        }
    }
}

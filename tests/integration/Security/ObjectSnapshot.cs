namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>An owned object as its owner reads it: status, ETag (its version) and the whole body, balances included.</summary>
internal sealed record ObjectSnapshot(string Location, int Status, string? ETag, string Body)
{
    public static async Task<ObjectSnapshot> ReadAsync(HttpClient owner, string location)
    {
        using var response = await owner.GetAsync(location);
        return new ObjectSnapshot(location, (int)response.StatusCode, response.Headers.ETag?.ToString(), await response.Content.ReadAsStringAsync());
    }
}

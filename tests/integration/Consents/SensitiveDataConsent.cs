using System.Net;
using System.Net.Http.Json;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Consents;

/// <summary>Records the user's sensitive-data consent, which marking anything sensitive needs.</summary>
internal static class SensitiveDataConsent
{
    public static async Task GrantAsync(HttpClient client) =>
        await (await client.PutAsJsonAsync("/v1/consents", new { purpose = "sensitive-data", granted = true, version = "2026-01", source = "app" }))
            .ExpectAsync(HttpStatusCode.OK);
}

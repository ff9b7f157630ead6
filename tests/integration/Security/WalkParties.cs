using System.Net;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Security;

/// <summary>
/// Who takes part in an authorisation walk: the owner, another user of the owner's tenant, and the owner's own user
/// id in another tenant (so a store keyed by user alone, forgetting the tenant, would be caught). Everyone holds
/// every scope, so no refusal can come from a missing scope instead of from ownership.
/// </summary>
internal static class WalkParties
{
    public const string Tenant = "bola-bank";
    public const string OtherTenant = "bola-union";

    public static async Task ProvisionAsync(ApiFixture api)
    {
        await api.ProvisionAsync(Tenant);
        await api.ProvisionAsync(OtherTenant);
    }

    public static async Task<(Party Owner, IReadOnlyList<Party> Intruders)> CreateAsync(ApiFixture api, string ownerName)
    {
        var owner = new Party(ownerName, await ClientAsync(api, Tenant, ownerName), InOwnersTenant: true);
        // Without a home currency, a budget assignment is refused with 409 whoever sends it; the owner sets one.
        await (await owner.Client.PatchJsonAsync("/v1/settings", new { homeCurrency = "USD" })).ExpectAsync(HttpStatusCode.OK);
        return (owner,
        [
            new Party($"mallory of {Tenant} (every scope)", await ClientAsync(api, Tenant, "mallory"), InOwnersTenant: true),
            new Party($"{ownerName} of {OtherTenant} (every scope)", await ClientAsync(api, OtherTenant, ownerName), InOwnersTenant: false),
        ]);
    }

    private static async Task<HttpClient> ClientAsync(ApiFixture api, string tenant, string user) =>
        api.Client(await api.TokenAsync(new TokenSpec(tenant, user) { Scopes = Scopes.All }));
}

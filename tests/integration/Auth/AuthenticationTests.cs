using System.Net;
using BudgetBuddy.IntegrationTests.Accounts;
using BudgetBuddy.IntegrationTests.Infrastructure;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.IntegrationTests.Auth;

public sealed class AuthenticationTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("auth-demo");
        await api.ProvisionAsync("auth-acme");
        await api.ProvisionAsync("auth-frozen", suspended: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        await (await (await api.ClientAsync("auth-demo", "alice")).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        var response = await api.Client().GetAsync("/v1/accounts");
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_that_is_not_the_tenants_is_401()
    {
        using var stranger = SigningKey.Generate();
        using var demoKey = await api.SigningKeyOf("auth-demo");
        // Same kid as the tenant's real key, different private key: the signature cannot verify.
        var forged = TestTokens.Sign(new TokenSpec("auth-demo", "alice") { SignWith = stranger, KeyId = demoKey.KeyId }, demoKey);

        var problem = await (await api.Client(forged).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("signature", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_claiming_one_tenant_but_signed_with_another_tenants_key_is_401()
    {
        using var acmeKey = await api.SigningKeyOf("auth-acme");
        var crossTenant = TestTokens.Sign(new TokenSpec("auth-demo", "alice") { SignWith = acmeKey }, acmeKey);

        await (await api.Client(crossTenant).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        using var demoKey = await api.SigningKeyOf("auth-demo");
        var unsigned = TestTokens.WithoutSignature("auth-demo", "alice", demoKey.KeyId);

        await (await api.Client(unsigned).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_401_beyond_the_30_second_skew_but_accepted_within_it()
    {
        var now = DateTime.UtcNow;
        var expired = await api.TokenAsync(new TokenSpec("auth-demo", "alice") { IssuedAt = now.AddHours(-1), Expires = now.AddSeconds(-45) });
        var justExpired = await api.TokenAsync(new TokenSpec("auth-demo", "alice") { IssuedAt = now.AddHours(-1), Expires = now.AddSeconds(-10) });

        var problem = await (await api.Client(expired).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await api.Client(justExpired).GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        var token = await api.TokenAsync(new TokenSpec("auth-demo", "alice") { Issuer = "https://evil.example" });
        var problem = await (await api.Client(token).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("issuer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        var token = await api.TokenAsync(new TokenSpec("auth-demo", "alice") { Audience = "some-other-api" });
        var problem = await (await api.Client(token).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("audience", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_naming_an_unregistered_tenant_is_401()
    {
        using var demoKey = await api.SigningKeyOf("auth-demo");
        var token = TestTokens.Sign(new TokenSpec("nobody-here", "alice"), demoKey);
        await (await api.Client(token).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_401()
    {
        await (await api.Client("not.a.jwt").GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_the_write_scope_can_read_but_not_write_403()
    {
        var readOnly = api.Client(await api.TokenAsync(new TokenSpec("auth-demo", "alice") { Scopes = [Scopes.BudgetRead] }));

        await (await readOnly.GetAsync("/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        var problem = await (await readOnly.PostJsonAsync("/v1/accounts", AccountTestData.Checking())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains(Scopes.BudgetWrite, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_the_read_scope_cannot_list_403()
    {
        var writeOnly = api.Client(await api.TokenAsync(new TokenSpec("auth-demo", "alice") { Scopes = [Scopes.BudgetWrite] }));
        await (await writeOnly.GetAsync("/v1/categories")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_token_of_a_suspended_tenant_is_403()
    {
        var problem = await (await (await api.ClientAsync("auth-frozen", "alice")).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("suspended", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

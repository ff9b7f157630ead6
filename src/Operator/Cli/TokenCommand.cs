using System.CommandLine;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.Operator.Tokens;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Cli;

/// <summary><c>token &lt;tenant&gt; &lt;user&gt;</c>: print a signed access token and nothing else on stdout.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("tenant") { Description = "Tenant id." };
        var user = new Argument<string>("user") { Description = "User id (the token's sub)." };
        var scopes = new Option<string>("--scopes")
        {
            Description = $"Space-separated scopes ({string.Join(", ", Scopes.All)}).",
            DefaultValueFactory = _ => $"{Scopes.BudgetRead} {Scopes.BudgetWrite}",
        };
        var lifetime = new Option<int>("--lifetime") { Description = "Seconds until the token expires.", DefaultValueFactory = _ => 3600 };
        var issuer = new Option<string>("--issuer")
        {
            Description = "Token issuer (env Auth__Issuer).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Auth__Issuer") ?? TokenContract.DefaultIssuer,
        };
        var audience = new Option<string>("--audience")
        {
            Description = "Token audience (env Auth__Audience).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Auth__Audience") ?? TokenContract.DefaultAudience,
        };
        var command = new Command("token", "Mint an access token signed with the tenant's private key (local development).")
        {
            tenant, user, scopes, lifetime, issuer, audience, CliOptions.SecretsDir,
        };
        command.SetAction(async (result, ct) =>
        {
            var requested = result.GetValue(scopes)!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var unknown = requested.Except(Scopes.All).ToList();
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: unknown scope(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Scopes.All)}.");
                return 2;
            }
            var tenantId = result.GetValue(tenant)!;
            if (!TenantId.IsValid(tenantId))
            {
                await Console.Error.WriteLineAsync($"error: '{tenantId}' is not a valid tenant id.");
                return 2;
            }
            var issuerService = new TenantTokenIssuer(new LocalTenantSecretStore(result.GetValue(CliOptions.SecretsDir)!), TimeProvider.System);
            try
            {
                var token = await issuerService.IssueAsync(new TokenRequest(
                    tenantId,
                    result.GetValue(user)!,
                    requested,
                    TimeSpan.FromSeconds(result.GetValue(lifetime)),
                    result.GetValue(issuer)!,
                    result.GetValue(audience)!), ct);
                Console.WriteLine(token);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

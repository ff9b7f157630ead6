using System.Net;
using System.Text.RegularExpressions;
using BudgetBuddy.IntegrationTests.Accounts;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Auth;

/// <summary>Tokens never reach a log, whatever happens to the request that carried them.</summary>
public sealed partial class LogHygieneTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex JwtShaped();

    [Fact]
    public async Task No_log_line_at_any_level_contains_a_bearer_token()
    {
        await api.ProvisionAsync("hygiene");
        var valid = await api.TokenAsync("hygiene", "alice");
        var expired = await api.TokenAsync(new TokenSpec("hygiene", "alice") { IssuedAt = DateTime.UtcNow.AddHours(-2), Expires = DateTime.UtcNow.AddHours(-1) });
        var wrongAudience = await api.TokenAsync(new TokenSpec("hygiene", "alice") { Audience = "elsewhere" });

        await (await api.Client(valid).PostJsonAsync("/v1/accounts", AccountTestData.Checking())).ExpectAsync(HttpStatusCode.Created);
        await (await api.Client(valid).PostRawAsync("/v1/accounts", "{broken")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await api.Client(expired).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Client(wrongAudience).GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Client(valid[..^5] + "AAAAA").GetAsync("/v1/accounts")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var lines = api.Factory.Logs.Lines;
        Assert.NotEmpty(lines);
        foreach (var token in new[] { valid, expired, wrongAudience })
        {
            var signature = token[(token.LastIndexOf('.') + 1)..];
            Assert.DoesNotContain(lines, l => l.Contains(signature, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(lines, l => JwtShaped().IsMatch(l));
    }
}

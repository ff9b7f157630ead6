using System.Net;
using System.Text.RegularExpressions;
using BudgetBuddy.IntegrationTests.Infrastructure;

namespace BudgetBuddy.IntegrationTests.Operability;

/// <summary>Every answer, data or problem, carries the hardening headers; HSTS only over TLS as the load balancer reports it.</summary>
public sealed partial class SecurityHeadersTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await api.ProvisionAsync("headers");
        client = await api.ClientAsync("headers", "alice");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("""<script[^>]*\ssrc="([^"]+)"[^>]*>""")]
    private static partial Regex ScriptSource();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    private static void AssertHardened(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.StartsWith("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task An_authenticated_answer_is_never_stored_sniffed_or_framed()
    {
        using var response = await client.GetAsync("/v1/accounts");

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertHardened(response);
    }

    [Theory]
    [InlineData(null, "/v1/accounts", HttpStatusCode.Unauthorized)]
    [InlineData("alice", "/v1/accounts/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("alice", "/v1/accounts?limit=0", HttpStatusCode.BadRequest)]
    public async Task Problems_carry_the_same_headers(string? user, string url, HttpStatusCode status)
    {
        using var caller = user is null ? api.Client() : await api.ClientAsync("headers", user);

        using var response = await caller.GetAsync(url);

        await response.ExpectProblemAsync(status);
        AssertHardened(response);
    }

    [Fact]
    public async Task Health_answers_are_not_stored_either()
    {
        using var response = await api.Client().GetAsync("/actuator/health/liveness");

        AssertHardened(response);
    }

    [Fact]
    public async Task Hsts_is_sent_when_the_load_balancer_says_the_client_used_tls_and_only_then()
    {
        using var overTls = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts");
        overTls.Headers.Add("X-Forwarded-Proto", "https");
        using var tlsResponse = await client.SendAsync(overTls);
        using var plainResponse = await client.GetAsync("/v1/accounts");

        Assert.Equal("max-age=31536000; includeSubDomains", Header(tlsResponse, "Strict-Transport-Security"));
        Assert.Equal("", Header(plainResponse, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_docs_page_may_run_its_own_scripts_and_every_script_it_names_comes_from_this_origin()
    {
        using var anonymous = api.Client();
        using var page = await anonymous.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = Header(page, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            // 'self' covers them only if they are relative to this origin, and they must really be served from it.
            Assert.False(Uri.TryCreate(script, UriKind.Absolute, out _), $"{script} is not on this origin");
            using var response = await anonymous.GetAsync(new Uri(new Uri(anonymous.BaseAddress!, "/docs/"), script));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        }
    }
}

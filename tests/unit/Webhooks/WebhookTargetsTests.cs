using System.Net;
using BudgetBuddy.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.UnitTests.Webhooks;

public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata")]
    [InlineData("::ffff:a9fe:a9fe", "cloud metadata")]
    [InlineData("64:ff9b::169.254.169.254", "cloud metadata")]
    [InlineData("169.254.1.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fdff:ffff::1", "private")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:192.168.0.1", "private")]
    [InlineData("::10.0.0.1", "private")]
    [InlineData("2002:c0a8:0101::1", "private")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("100.127.255.254", "shared (CGNAT)")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    public void Addresses_inside_the_host_the_network_or_the_cloud_are_forbidden(string address, string kind) =>
        Assert.Equal(kind, ForbiddenAddresses.KindOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(ForbiddenAddresses.KindOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "cloud metadata")]
    [InlineData("https://[fd00:ec2::254]/hook", "cloud metadata")]
    [InlineData("https://2130706433/hook", "loopback")]
    [InlineData("https://0x7f.1/hook", "loopback")]
    public async Task Urls_naming_a_forbidden_address_are_refused(string url, string kind)
    {
        var problem = await ProblemAsync(Targets(), url);
        Assert.NotNull(problem);
        Assert.Contains(kind, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_is_judged_by_every_address_it_resolves_to()
    {
        var dns = new FixedDns { ["hooks.example.com"] = ["93.184.215.14"], ["sneaky.example.com"] = ["93.184.215.14", "10.1.2.3"], ["meta.example.com"] = ["169.254.169.254"] };
        var targets = Targets(dns: dns);
        Assert.Null(await ProblemAsync(targets, "https://hooks.example.com/budgetbuddy"));
        Assert.Contains("10.1.2.3, a private address", await ProblemAsync(targets, "https://sneaky.example.com/"), StringComparison.Ordinal);
        Assert.Contains("cloud metadata", await ProblemAsync(targets, "https://meta.example.com/"), StringComparison.Ordinal);
        Assert.Contains("does not resolve", await ProblemAsync(targets, "https://nowhere.example.com/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Localhost_is_loopback_whatever_it_is_called()
    {
        var targets = Targets(dns: new SystemHostAddresses());
        Assert.Contains("loopback", await ProblemAsync(targets, "https://localhost/hook"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://93.184.215.14/hook", "https")]
    [InlineData("ftp://93.184.215.14/hook", "https")]
    [InlineData("https://user:pass@93.184.215.14/hook", "user name or password")]
    [InlineData("https://user@93.184.215.14/hook", "user name or password")]
    [InlineData("/relative/hook", "https")]
    [InlineData("not a url", "absolute")]
    [InlineData("", "absolute")]
    [InlineData("https://93.184.215.14/hook#part", "fragment")]
    public void Urls_of_the_wrong_shape_are_refused_before_any_lookup(string url, string words)
    {
        var problem = Targets().ShapeProblem(url, out _);
        Assert.NotNull(problem);
        Assert.Contains(words, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_over_http_is_allowed_only_when_configured_and_only_for_loopback()
    {
        var strict = Targets();
        Assert.NotNull(strict.ShapeProblem("http://127.0.0.1:8080/hook", out _));
        Assert.Contains("loopback", await ProblemAsync(strict, "https://127.0.0.1:8443/hook"), StringComparison.Ordinal);

        var dns = new FixedDns { ["mixed.example.com"] = ["127.0.0.1", "93.184.215.14"] };
        var relaxed = Targets(allowLoopback: true, dns: dns);
        Assert.Null(await ProblemAsync(relaxed, "http://127.0.0.1:8080/hook"));
        Assert.Null(await ProblemAsync(relaxed, "https://[::1]:8443/hook"));
        // Loopback is the one exception: everything else stays forbidden, and plain http stays loopback's alone.
        Assert.Contains("private", await ProblemAsync(relaxed, "https://10.0.0.1/hook"), StringComparison.Ordinal);
        Assert.Contains("cloud metadata", await ProblemAsync(relaxed, "http://169.254.169.254/latest/"), StringComparison.Ordinal);
        Assert.Contains("https", await ProblemAsync(relaxed, "http://93.184.215.14/hook"), StringComparison.Ordinal);
        Assert.Contains("https", await ProblemAsync(relaxed, "http://mixed.example.com/hook"), StringComparison.Ordinal);
    }

    private static async Task<string?> ProblemAsync(WebhookTargets targets, string url) =>
        targets.ShapeProblem(url, out var target) ?? await targets.ProblemAsync(target!, CancellationToken.None);

    private static WebhookTargets Targets(bool allowLoopback = false, IHostAddresses? dns = null) =>
        new(dns ?? new FixedDns(), Options.Create(new WebhooksOptions { AllowLoopback = allowLoopback }));

    /// <summary>A DNS that knows only the names it is given; any other name does not resolve.</summary>
    private sealed class FixedDns : Dictionary<string, string[]>, IHostAddresses
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
                : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}

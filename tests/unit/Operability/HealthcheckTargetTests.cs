using BudgetBuddy.Api.Operability;

namespace BudgetBuddy.UnitTests.Operability;

/// <summary>The healthcheck must ask the address Kestrel listens on, read from the variables Kestrel reads.</summary>
public sealed class HealthcheckTargetTests
{
    private static Uri Resolve(string? urls = null, string? httpPorts = null) =>
        HealthcheckTarget.Resolve(name => name switch
        {
            "ASPNETCORE_URLS" => urls,
            "ASPNETCORE_HTTP_PORTS" => httpPorts,
            _ => null,
        });

    [Fact]
    public void Without_either_variable_it_asks_the_images_port_8080_on_loopback()
    {
        Assert.Equal("http://127.0.0.1:8080/actuator/health/liveness", Resolve().ToString());
    }

    [Theory]
    [InlineData("9090", 9090)]
    [InlineData("9090;9091", 9090)]
    [InlineData(" 7000 , 7001", 7000)]
    public void The_first_http_port_is_asked_on_loopback(string ports, int expected)
    {
        Assert.Equal($"http://127.0.0.1:{expected}/actuator/health/liveness", Resolve(httpPorts: ports).ToString());
    }

    [Theory]
    [InlineData("http://+:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://*:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost", "http://127.0.0.1:80/")]
    [InlineData("HTTP://10.1.2.3:5000/base", "http://10.1.2.3:5000/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("https://+:5001; http://+:5000", "http://127.0.0.1:5000/")]
    public void A_wildcard_or_localhost_url_becomes_loopback_and_a_specific_address_is_kept(string urls, string expectedBase)
    {
        Assert.Equal(new Uri(new Uri(expectedBase), "actuator/health/liveness"), Resolve(urls: urls));
    }

    [Fact]
    public void Urls_win_over_http_ports_as_they_do_in_kestrel()
    {
        Assert.Equal(5000, Resolve(urls: "http://+:5000", httpPorts: "8080").Port);
    }

    [Theory]
    [InlineData("https://+:5001", null)]
    [InlineData("http://+:notaport", null)]
    [InlineData("http://+:70000", null)]
    [InlineData("http://[::1:5000", null)]
    [InlineData(null, "eighty")]
    [InlineData(null, "0")]
    public void Settings_this_check_cannot_reach_are_a_format_error_naming_the_variable(string? urls, string? httpPorts)
    {
        var error = Assert.Throws<FormatException>(() => Resolve(urls, httpPorts));
        Assert.Contains(urls is null ? "ASPNETCORE_HTTP_PORTS" : "ASPNETCORE_URLS", error.Message, StringComparison.Ordinal);
    }
}

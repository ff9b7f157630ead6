namespace BudgetBuddy.Api;

/// <summary>Settings of the HTTP surface (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest accepted request body; bigger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a POST's answer is kept for replay under its Idempotency-Key.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Networks (CIDR, comma-separated) of the load balancer, whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed;
    /// loopback always is. On EKS with the ALB in IP mode: the VPC's CIDR.
    /// </summary>
    public string TrustedProxyNetworks { get; set; } = "";

    /// <summary>Whether every entry of <see cref="TrustedProxyNetworks"/> is a network in CIDR notation.</summary>
    public bool HasValidTrustedNetworks => TrustedNetworkEntries().All(n => System.Net.IPNetwork.TryParse(n, out _));

    /// <summary>The networks of <see cref="TrustedProxyNetworks"/>.</summary>
    /// <exception cref="FormatException">An entry is not a network in CIDR notation.</exception>
    public IEnumerable<System.Net.IPNetwork> TrustedNetworks() => TrustedNetworkEntries().Select(System.Net.IPNetwork.Parse);

    private string[] TrustedNetworkEntries() =>
        TrustedProxyNetworks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

using System.Net;
using System.Net.Sockets;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The addresses a webhook must never reach, by what they are: this host, the pod network and the VPC, the cloud's
/// metadata service, and whatever is not one machine on the internet. An IPv6 address that carries an IPv4 address
/// (mapped, NAT64, 6to4) is judged by the IPv4 address it leads to.
/// </summary>
internal static class ForbiddenAddresses
{
    public const string Loopback = "loopback";

    // Metadata first: it lies inside link-local and unique-local ranges, and naming it says more.
    private static readonly (IPNetwork Network, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "cloud metadata"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "cloud metadata"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("127.0.0.0/8"), Loopback),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        // IETF protocol assignments and benchmarking: never a customer's server.
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), Loopback),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "private"),
        (IPNetwork.Parse("fc00::/7"), "private"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>What kind of forbidden address <paramref name="address"/> is, or null for an address on the internet.</summary>
    public static string? KindOf(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } inner)
        {
            return KindOf(inner);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes());
        }
        foreach (var (network, kind) in Ranges)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }
        return null;
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }
        // IPv4-compatible (::a.b.c.d, deprecated but still parsed): the first 96 bits zero, and not :: or ::1.
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return null;
    }
}

using System.Net;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>Resolves a host name to its addresses; the system's DNS in the API, a fixed answer in tests.</summary>
internal interface IHostAddresses
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

internal sealed class SystemHostAddresses : IHostAddresses
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

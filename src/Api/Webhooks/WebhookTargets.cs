using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The SSRF guard of webhook targets. A URL is outside input that the API will call from inside the cluster, so it
/// must be absolute https without user info, and every address its host resolves to must be on the internet
/// (<see cref="ForbiddenAddresses"/>). It is checked when registered, for a clear 400, and again at every delivery
/// inside the connection itself (<see cref="ConnectAsync"/>): the socket connects to an address this check just
/// passed, so a DNS answer that changes between check and connect (rebinding) has nothing to slip through.
/// </summary>
internal sealed class WebhookTargets(IHostAddresses dns, IOptions<WebhooksOptions> options)
{
    public const int MaxUrlLength = 2000;

    /// <summary>What is wrong with <paramref name="url"/> on its face, before any lookup; null when nothing is.</summary>
    public string? ShapeProblem(string? url, out Uri? target)
    {
        target = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return $"url must be an absolute https URL of at most {MaxUrlLength} characters.";
        }
        var http = parsed.Scheme == Uri.UriSchemeHttp && options.Value.AllowLoopback;
        if (parsed.Scheme != Uri.UriSchemeHttps && !http)
        {
            return "url must use https.";
        }
        if (parsed.UserInfo.Length > 0)
        {
            return "url must not carry a user name or password; authenticate the sender by its signature.";
        }
        if (parsed.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) || parsed.Fragment.Length > 0)
        {
            return "url must name a host, and have no fragment.";
        }
        target = parsed;
        return null;
    }

    /// <summary>What forbids <paramref name="target"/> as its host resolves now; null when it may be called.</summary>
    public async Task<string?> ProblemAsync(Uri target, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.Value.ConnectTimeout);
        try
        {
            return Judge(target.Scheme, target.IdnHost, await AddressesOfAsync(target.IdnHost, limit.Token));
        }
        catch (Exception e) when (e is SocketException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"url's host '{target.IdnHost}' does not resolve.";
        }
    }

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses the connection unless every
    /// address passes, then connects to those same addresses.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme ?? Uri.UriSchemeHttps;
        var addresses = await AddressesOfAsync(host, ct);
        if (Judge(scheme, host, addresses) is { } problem)
        {
            throw new WebhookTargetRefusedException(problem);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The problem with calling <paramref name="host"/> at <paramref name="addresses"/> over <paramref name="scheme"/>, or null.</summary>
    public string? Judge(string scheme, string host, IReadOnlyList<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return $"url's host '{host}' does not resolve.";
        }
        var allowLoopback = options.Value.AllowLoopback;
        foreach (var address in addresses)
        {
            var kind = ForbiddenAddresses.KindOf(address);
            if (kind is not null && !(kind == ForbiddenAddresses.Loopback && allowLoopback))
            {
                return $"url's host '{host}' resolves to {address}, a {kind} address; a webhook must reach a public address.";
            }
        }
        if (scheme == Uri.UriSchemeHttps)
        {
            return null;
        }
        return scheme == Uri.UriSchemeHttp && allowLoopback && addresses.All(a => ForbiddenAddresses.KindOf(a) == ForbiddenAddresses.Loopback)
            ? null
            : "url must use https.";
    }

    private async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await dns.ResolveAsync(host, ct);
}

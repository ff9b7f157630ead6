using System.Net;
using System.Net.Sockets;
using BudgetBuddy.Api.Webhooks;

namespace BudgetBuddy.IntegrationTests.Webhooks;

/// <summary>Answers one name with <paramref name="first"/> once, then with <paramref name="later"/>: a rebinding DNS.</summary>
internal sealed class ChangingDns(string name, string[] first, string[] later) : IHostAddresses
{
    private int asked;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => host == name
        ? Task.FromResult((Interlocked.Increment(ref asked) == 1 ? first : later).Select(IPAddress.Parse).ToArray())
        : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}

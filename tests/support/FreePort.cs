using System.Net;
using System.Net.Sockets;

namespace BudgetBuddy.TestSupport;

/// <summary>Loopback ports for the servers a test or benchmark starts.</summary>
public static class FreePort
{
    /// <summary>
    /// A loopback port that nothing listens on at the moment of asking: the OS hands it out and it is given back at
    /// once, so another process could take it before the caller binds it; the window is small enough for tests.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace BudgetBuddy.IntegrationTests.Infrastructure;

/// <summary>A loopback port that nothing listens on at the moment of asking (the OS just handed it out and took it back).</summary>
public static class UnusedPort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BudgetBuddy.TestSupport.FakeKubernetes;

/// <summary>
/// One open watch: the lines still to send, in order. The store offers it every write (under its lock, so lines are
/// queued in resourceVersion order) and the HTTP handler streams them out.
/// </summary>
internal sealed class WatchStream(ApiResource resource, string? ns, ObjectSelector selector, bool bookmarks) : IDisposable
{
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource dropped = new();

    public ChannelReader<string> Lines => lines.Reader;

    /// <summary>Cancelled when the server drops the watch abruptly (connection reset, nothing more sent).</summary>
    public CancellationToken Dropped => dropped.Token;

    public bool Bookmarks => bookmarks;

    public void Offer(StoredEvent stored)
    {
        if (!stored.Resource.SameResourceAs(resource) || (ns is not null && ns != stored.Namespace))
        {
            return;
        }

        var matchedBefore = stored.Previous is not null && selector.Matches(stored.Previous);
        var matchesNow = selector.Matches(stored.Type == "DELETED" && stored.Previous is not null ? stored.Previous : stored.Object);
        var type = stored.Type switch
        {
            "ADDED" when matchesNow => "ADDED",
            "MODIFIED" when matchedBefore && matchesNow => "MODIFIED",
            "MODIFIED" when matchesNow => "ADDED",
            "MODIFIED" when matchedBefore => "DELETED",
            "DELETED" when matchesNow => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            Send(type, stored.Object);
        }
    }

    public void SendAdded(JsonObject obj)
    {
        if (selector.Matches(obj))
        {
            Send("ADDED", obj);
        }
    }

    public void SendBookmark(long resourceVersion, bool initialEventsEnd = false)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        Send("BOOKMARK", new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion, ["metadata"] = metadata });
    }

    public void SendError(JsonObject status) => Send("ERROR", status);

    /// <summary>Ends the stream: gracefully after the queued lines, or abruptly.</summary>
    public void End(bool abort)
    {
        lines.Writer.TryComplete();
        if (abort)
        {
            dropped.Cancel();
        }
    }

    public void Dispose() => dropped.Dispose();

    private void Send(string type, JsonObject obj) =>
        lines.Writer.TryWrite($"{{\"type\":\"{type}\",\"object\":{WireJson.Write(obj)}}}\n");
}

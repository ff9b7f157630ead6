using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace BudgetBuddy.Api.Security;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (an escaped NUL in the path, a malformed request line or
/// header) and answers them with a bare 400: no problem body, none of the security headers. It offers no hook to
/// change that answer, only a diagnostic event, raised after it decided to refuse and before it writes. So each
/// HTTP/1.x connection's response side goes through a <see cref="RejectedRequestWriter"/>, and the event arms the
/// connection's writer to send <see cref="RejectedRequestResponse"/> in place of Kestrel's answer. Should a Kestrel
/// version stop raising the event, the bare 400 comes back; nothing else changes.
/// </summary>
internal sealed class RejectedRequests : IObserver<KeyValuePair<string, object?>>
{
    /// <summary>Raised by Kestrel with the refused request's features (<c>HttpProtocol.SetBadRequestState</c>).</summary>
    public const string EventName = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    private readonly ConcurrentDictionary<string, RejectedRequestWriter> writers = new(StringComparer.Ordinal);

    /// <summary>Connection middleware: the connection's responses pass through a writer the event can arm.</summary>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var writer = new RejectedRequestWriter(transport.Output);
        writers[connection.ConnectionId] = writer;
        connection.Transport = new Transport(transport.Input, writer);
        try
        {
            await next(connection);
        }
        finally
        {
            writers.TryRemove(connection.ConnectionId, out _);
            connection.Transport = transport;
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != EventName || value.Value is not IFeatureCollection features
            || features.Get<IHttpConnectionFeature>()?.ConnectionId is not { } connectionId
            || !writers.TryGetValue(connectionId, out var writer)
            || features.Get<IHttpResponseFeature>()?.HasStarted != false)
        {
            return;
        }
        // HTTP/2 and HTTP/3 refuse a stream inside a framed connection, and over TLS this writer sees records, not
        // the answer: in both, what passes here is not one answer to replace. (TLS ends at the load balancer.)
        var request = features.Get<IHttpRequestFeature>();
        var protocol = request?.Protocol ?? "";
        if (request?.Scheme != "http" || Microsoft.AspNetCore.Http.HttpProtocol.IsHttp2(protocol) || Microsoft.AspNetCore.Http.HttpProtocol.IsHttp3(protocol))
        {
            return;
        }
        var status = (features.Get<IBadRequestExceptionFeature>()?.Error as Microsoft.AspNetCore.Http.BadHttpRequestException)?.StatusCode
            ?? StatusCodes.Status400BadRequest;
        writer.Replace(RejectedRequestResponse.For(status));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    /// <summary>Subscribes to the host's diagnostic listener, which is the one Kestrel raises its event on.</summary>
    public IDisposable Subscribe(DiagnosticListener listener) => listener.Subscribe(this, name => name == EventName);

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace BudgetBuddy.UnitTests.OperatorRuntime;

/// <summary>A test custom resource.</summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "test.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Widget";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec Spec { get; set; } = new();
}

/// <summary>The spec of <see cref="Widget"/>.</summary>
public sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}

/// <summary>
/// Answers the real KubernetesClient in-process (a message handler, no socket) from scripts: one queue of LIST
/// answers and one of WATCH answers. A watch with no script left stays open until its request is cancelled; a list
/// with no script left is a 500. Every request is recorded.
/// </summary>
internal sealed class ScriptedKubernetesApi : DelegatingHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> lists = new();
    private readonly ConcurrentQueue<Func<Task<HttpResponseMessage>>> watches = new();
    private readonly ConcurrentQueue<Uri> requests = new();

    public IReadOnlyList<Uri> Requests => [.. requests];

    public IReadOnlyList<Uri> WatchRequests => [.. requests.Where(IsWatch)];

    public static Kubernetes ClientFor(ScriptedKubernetesApi api) =>
        new(new KubernetesClientConfiguration { Host = "http://kubernetes.test" }, api);

    public void List(string resourceVersion, params string[] items) => lists.Enqueue(() => Json(HttpStatusCode.OK, ListBody(resourceVersion, items)));

    public void ListFails(HttpStatusCode status) => lists.Enqueue(() => Json(status, StatusBody((int)status)));

    public void Watch(params string[] events) => watches.Enqueue(() => Task.FromResult(Lines(events)));

    /// <summary>A watch that answers only once <paramref name="gate"/> completes, so a test can act in between.</summary>
    public void WatchAfter(Task gate, params string[] events) => watches.Enqueue(async () =>
    {
        await gate;
        return Lines(events);
    });

    public void WatchFails(HttpStatusCode status) => watches.Enqueue(() => Task.FromResult(Json(status, StatusBody((int)status))));

    public static string Object(string name, string resourceVersion, int size = 1, string ns = "ns") =>
        $$$"""{"apiVersion":"test.io/v1","kind":"Widget","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","resourceVersion":"{{{resourceVersion}}}"},"spec":{"size":{{{size}}}}}""";

    public static string Event(string type, string json) => $$"""{"type":"{{type}}","object":{{json}}}""";

    public static string Bookmark(string resourceVersion) =>
        Event("BOOKMARK", $$$"""{"apiVersion":"test.io/v1","kind":"Widget","metadata":{"resourceVersion":"{{{resourceVersion}}}"}}""");

    public static string Gone() => Event("ERROR", StatusBody(410));

    public static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        requests.Enqueue(uri);
        var response = IsWatch(uri)
            ? watches.TryDequeue(out var watch) ? await watch().WaitAsync(cancellationToken) : OpenForever()
            : lists.TryDequeue(out var list) ? list() : Json(HttpStatusCode.InternalServerError, StatusBody(500));
        // A real handler links the two; KubernetesClient reads the request back from the response.
        response.RequestMessage = request;
        return response;
    }

    private static bool IsWatch(Uri uri) => uri.Query.Contains("watch=true", StringComparison.Ordinal);

    private static string ListBody(string resourceVersion, string[] items) =>
        $$"""{"apiVersion":"test.io/v1","kind":"WidgetList","metadata":{"resourceVersion":"{{resourceVersion}}"},"items":[{{string.Join(",", items)}}]}""";

    private static string StatusBody(int code) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"scripted {{code}}","reason":"{{(code == 410 ? "Expired" : "InternalError")}}","code":{{code}}}""";

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Lines(string[] events) =>
        new(HttpStatusCode.OK) { Content = new StringContent(string.Concat(events.Select(e => e + "\n")), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage OpenForever() =>
        new(HttpStatusCode.OK) { Content = new StreamContent(new SilentStream()) };

    /// <summary>A response body that never sends a byte until the reader gives up.</summary>
    private sealed class SilentStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

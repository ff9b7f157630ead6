using System.Collections.Concurrent;
using BudgetBuddy.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BudgetBuddy.IntegrationTests.Operator;

/// <summary>
/// Forwards DynamoDB calls to DynamoDB Local and records each one's operation (its <c>X-Amz-Target</c>), so a test
/// counts what one operator process sent from outside it. It can also hold calls of one operation until released, to
/// catch a process with a reconcile in hand.
/// </summary>
public sealed class RecordingDynamoDbProxy : IAsyncDisposable
{
    /// <summary>Operations that read; every other one changes something.</summary>
    private static readonly string[] ReadPrefixes = ["Get", "BatchGet", "TransactGet", "Describe", "List", "Query", "Scan"];

    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private readonly ConcurrentQueue<string> operations = new();
    private readonly Lock gate = new();
    private string? heldOperation;
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RecordingDynamoDbProxy(WebApplication app, Uri upstreamUrl)
    {
        this.app = app;
        upstream = new HttpClient { BaseAddress = upstreamUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Url => app.BaseUrl();

    /// <summary>
    /// Answers calls DynamoDB Local cannot (a control plane it lacks, say): given the operation and the request's JSON
    /// body, it writes the answer and returns true, or returns false to let the call through.
    /// </summary>
    public Func<string, byte[], HttpContext, Task<bool>>? Intercept { get; set; }

    /// <summary>Every operation received so far, in arrival order (e.g. <c>PutItem</c>).</summary>
    public IReadOnlyList<string> Operations => [.. operations];

    /// <summary>The operations received so far that change something.</summary>
    public IReadOnlyList<string> Writes => [.. operations.Where(IsWrite)];

    public static async Task<RecordingDynamoDbProxy> StartAsync(string upstreamUrl)
    {
        var app = LoopbackServer.Create();
        var proxy = new RecordingDynamoDbProxy(app, new Uri(upstreamUrl));
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    public static bool IsWrite(string operation) => !ReadPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Holds the next calls of <paramref name="operation"/> (e.g. <c>CreateTable</c>) until <see cref="Release"/>.</summary>
    public void Hold(string operation)
    {
        lock (gate)
        {
            heldOperation = operation;
            release = new(TaskCreationOptions.RunContinuationsAsynchronously);
            held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when a call of the held operation has arrived and waits.</summary>
    public Task WaitUntilHoldingAsync(TimeSpan timeout)
    {
        lock (gate)
        {
            return held.Task.WaitAsync(timeout);
        }
    }

    /// <summary>Lets held calls through and holds nothing more.</summary>
    public void Release()
    {
        lock (gate)
        {
            heldOperation = null;
            release.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        operations.Enqueue(operation);
        Task wait = Task.CompletedTask;
        lock (gate)
        {
            if (operation == heldOperation)
            {
                held.TrySetResult();
                wait = release.Task;
            }
        }
        await wait;

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (Intercept is { } intercept && await intercept(operation, body.ToArray(), context))
        {
            return;
        }
        request.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        // The signature covers the Host header; keep the one the client signed.
        request.Headers.Host = context.Request.Host.Value;

        using var response = await upstream.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}

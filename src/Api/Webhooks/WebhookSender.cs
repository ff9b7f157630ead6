using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Prometheus;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// Sends one signed delivery (Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>) through the guarded client (<see cref="WebhookTargets.ConnectAsync"/>): short timeouts,
/// no redirect followed, the answer read only up to a cap and thrown away. It never throws for the receiver's sake:
/// every way a send can end is a <see cref="DeliveryOutcome"/>, counted by outcome.
/// </summary>
internal sealed partial class WebhookSender(IHttpClientFactory clients, IOptions<WebhooksOptions> options, ILogger<WebhookSender> logger)
{
    public const string ClientName = "webhooks";

    // The process's registry hands every instance the same counter.
    private readonly Counter deliveries = Metrics.CreateCounter(
        "budgetbuddy_webhook_deliveries_total",
        "Webhook delivery attempts, by outcome: delivered, rejected, timeout, refused (SSRF guard) or network_error.",
        new CounterConfiguration { LabelNames = ["outcome"] });

    /// <param name="messageId">The event's id: receivers de-duplicate by it, so every attempt of one event sends the same.</param>
    /// <param name="timestamp">The attempt's time, signed with the payload; receivers refuse one too far from their clock.</param>
    /// <param name="payload">The JSON body, sent and signed byte for byte as given.</param>
    public async Task<DeliveryOutcome> SendAsync(WebhookEndpoint endpoint, string messageId, DateTimeOffset timestamp, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.RequestTimeout);
        DeliveryOutcome outcome;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ReadOnlyMemoryContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("webhook-id", messageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Header(endpoint.Secrets, messageId, timestamp, payload.Span));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            await DiscardAsync(response.Content, settings.MaxResponseBytes, deadline.Token);
            var status = (int)response.StatusCode;
            outcome = new DeliveryOutcome(status is >= 200 and < 300 ? DeliveryResult.Delivered : DeliveryResult.Rejected, status, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = new DeliveryOutcome(DeliveryResult.Timeout, null, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            Refused(messageId, endpoint, refused.Message);
            outcome = new DeliveryOutcome(DeliveryResult.Refused, null, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e) when (e.InnerException is TimeoutException)
        {
            outcome = new DeliveryOutcome(DeliveryResult.Timeout, null, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            Failed(messageId, endpoint, e);
            outcome = new DeliveryOutcome(DeliveryResult.NetworkError, null, Stopwatch.GetElapsedTime(started));
        }
        deliveries.WithLabels(DeliveryResults.Name(outcome.Result)).Inc();
        return outcome;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of the answer, so a receiver cannot hold the sender with an endless body.</summary>
    private static async Task DiscardAsync(HttpContent content, int limit, CancellationToken ct)
    {
        await using var body = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[Math.Min(limit, 16 * 1024)];
        for (var read = 0; read < limit;)
        {
            var n = await body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, limit - read)), ct);
            if (n == 0)
            {
                return;
            }
            read += n;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {MessageId} to {Endpoint} refused by the SSRF guard: {Reason}")]
    private partial void Refused(string messageId, WebhookEndpoint endpoint, string reason);

    // The exception's message, not the request: a failed connection says nothing of the payload or the secrets.
    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {MessageId} to {Endpoint} failed")]
    private partial void Failed(string messageId, WebhookEndpoint endpoint, Exception error);
}

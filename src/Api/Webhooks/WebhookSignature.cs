using System.Text;
using StandardWebhooks;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The <c>webhook-signature</c> header: one <c>v1,&lt;base64 HMAC-SHA256&gt;</c> per secret that is signing now,
/// separated by spaces, so a receiver holding either the new or the rotated-out secret verifies during the overlap.
/// </summary>
internal static class WebhookSignature
{
    public static string Header(IReadOnlyList<string> secrets, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        return string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, text)));
    }
}

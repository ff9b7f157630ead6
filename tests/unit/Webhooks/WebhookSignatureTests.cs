using System.Text;
using BudgetBuddy.Api.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace BudgetBuddy.UnitTests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Payload = """{"type":"transaction.created","id":"019ab2f5e6f7a08b1c2d3e4f5a6b7c01","data":{"amount":-4250}}""";

    [Fact]
    public void A_new_secret_is_32_random_bytes_in_the_standard_form()
    {
        var secret = WebhookSecret.New();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSecret.New());
    }

    [Fact]
    public void The_receiver_verifies_a_signature_with_the_standard_webhooks_verifier()
    {
        var secret = WebhookSecret.New();
        var headers = Headers([secret], "msg_1", DateTimeOffset.UtcNow);
        new StandardWebhook(secret).Verify(Payload, headers);

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSecret.New()).Verify(Payload, headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(Payload.Replace("-4250", "-9999", StringComparison.Ordinal), headers));
    }

    [Fact]
    public void During_a_rotation_a_receiver_holding_either_secret_verifies()
    {
        var current = WebhookSecret.New();
        var previous = WebhookSecret.New();
        var timestamp = DateTimeOffset.UtcNow;
        var headers = Headers([current, previous], "msg_2", timestamp);

        var signatures = headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.All(signatures, s => Assert.StartsWith("v1,", s, StringComparison.Ordinal));
        // The current secret signs first: StandardWebhooks 1.1.2's Verify only ever matches a signature followed by
        // another, so a receiver on that library verifies with the new secret as soon as it has it.
        new StandardWebhook(current).Verify(Payload, headers);
        // Each signature, as a receiver that checks them one by one (the specification's way) sees it.
        var verifiedBy = signatures.Select(signature => new[] { current, previous }.Count(secret => Verifies(secret, headers, signature))).ToList();
        Assert.Equal([1, 1], verifiedBy);
        Assert.False(Verifies(current, headers, signatures[1]));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSecret.New()).Verify(Payload, headers));
    }

    private static bool Verifies(string secret, HeaderDictionary headers, string signature)
    {
        var single = new HeaderDictionary { ["webhook-id"] = headers["webhook-id"], ["webhook-timestamp"] = headers["webhook-timestamp"], ["webhook-signature"] = signature };
        try
        {
            new StandardWebhook(secret).Verify(Payload, single);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    private static HeaderDictionary Headers(IReadOnlyList<string> secrets, string id, DateTimeOffset timestamp) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = WebhookSignature.Header(secrets, id, timestamp, Encoding.UTF8.GetBytes(Payload)),
    };
}

namespace BudgetBuddy.Api.Webhooks;

/// <summary>How one delivery attempt ended; <see cref="DeliveryResults.Name"/> is its label on the wire and in metrics.</summary>
public enum DeliveryResult
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The receiver answered another status (a redirect included: none is followed).</summary>
    Rejected,

    /// <summary>No answer within the connect or request timeout.</summary>
    Timeout,

    /// <summary>The SSRF guard refused the target as it resolved at send time; nothing was sent.</summary>
    Refused,

    /// <summary>The connection failed (refused, reset, TLS, DNS).</summary>
    NetworkError,
}

public static class DeliveryResults
{
    public static string Name(DeliveryResult result) => result switch
    {
        DeliveryResult.Delivered => "delivered",
        DeliveryResult.Rejected => "rejected",
        DeliveryResult.Timeout => "timeout",
        DeliveryResult.Refused => "refused",
        DeliveryResult.NetworkError => "network_error",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    public static readonly IReadOnlyList<string> Names = [.. Enum.GetValues<DeliveryResult>().Select(Name)];
}

using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Idempotency;

/// <summary>The <c>Idempotency-Key</c> request header (IETF draft): 1–255 visible ASCII characters.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static string? Read(HttpRequest request, ValidationErrors errors)
    {
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return null;
        }
        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            errors.Add(Header, $"{Header} must be one value of 1-{MaxLength} visible ASCII characters.");
            return null;
        }
        return key;
    }
}

namespace BudgetBuddy.Api.Encryption;

/// <summary>
/// A tenant's data keys cannot be used: not provisioned yet, or not unwrappable under this API's KEK (a
/// misconfiguration). Answered 503: the request is fine, the server cannot serve encrypted data right now.
/// </summary>
internal sealed class TenantKeysUnavailableException : Exception
{
    public TenantKeysUnavailableException(string message) : base(message)
    {
    }

    public TenantKeysUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }

    public TenantKeysUnavailableException()
    {
    }
}

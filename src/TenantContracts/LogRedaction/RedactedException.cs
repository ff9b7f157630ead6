namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>
/// Stands in for a logged exception whose text held a secret. Providers write an exception through its
/// <see cref="Message"/> and <see cref="ToString"/>; both are the original's, redacted, with the type names and the
/// stack traces of the whole chain kept. The original is not reachable from it (no inner exception), so no provider
/// can walk back to the unredacted text.
/// </summary>
public sealed class RedactedException : Exception
{
    private readonly string text;

    private RedactedException(string originalType, string message, string text)
        : base(message)
    {
        OriginalType = originalType;
        this.text = text;
    }

    /// <summary>The full name of the exception type that was logged.</summary>
    public string OriginalType { get; }

    /// <summary>
    /// The exception itself when its text holds no secret (the usual case, so providers see the real type), otherwise a
    /// <see cref="RedactedException"/> carrying its redacted text.
    /// </summary>
    public static Exception? From(Exception? exception)
    {
        if (exception is null or RedactedException)
        {
            return exception;
        }
        var original = exception.ToString();
        var redacted = SecretRedactor.Redact(original);
        if (ReferenceEquals(redacted, original))
        {
            return exception;
        }
        return new RedactedException(exception.GetType().FullName ?? exception.GetType().Name, SecretRedactor.Redact(exception.Message), redacted);
    }

    public override string ToString() => text;
}

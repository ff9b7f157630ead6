namespace BudgetBuddy.Api.Sensitive;

/// <summary>
/// The audit record of a sensitive read could not be written, so the content is withheld. Answered 503: the request
/// is fine, the server cannot disclose right now. The message names ids and counts only, never content.
/// </summary>
internal sealed class DisclosureNotRecordedException : Exception
{
    public DisclosureNotRecordedException(string message) : base(message)
    {
    }

    public DisclosureNotRecordedException(string message, Exception inner) : base(message, inner)
    {
    }

    public DisclosureNotRecordedException()
    {
    }
}

using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Storage;

internal enum WriteStatus
{
    Done,
    NotFound,
    PreconditionFailed,

    /// <summary>Concurrent writers kept winning; the client may retry.</summary>
    Contended,

    /// <summary>The item is as the client last saw it, but its state forbids the write (e.g. an account with transactions).</summary>
    Blocked,

    /// <summary>The request does not fit what is stored (e.g. a category that is not the caller's); see the errors.</summary>
    Invalid,
}

/// <summary>
/// What a write came to: done, with <see cref="Value"/> as it now stands (or as planned, for a create); or refused, with
/// the errors of an <see cref="WriteStatus.Invalid"/> request or the <see cref="Detail"/> of a
/// <see cref="WriteStatus.Blocked"/> one; or not done for a reason its status says.
/// </summary>
internal sealed record WriteOutcome<T>(WriteStatus Status, T? Value = default, ValidationErrors? Errors = null, string? Detail = null)
{
    public static WriteOutcome<T> Done(T value) => new(WriteStatus.Done, value);

    public static WriteOutcome<T> Invalid(ValidationErrors errors) => new(WriteStatus.Invalid, Errors: errors);

    /// <param name="detail">Why the stored state forbids the write, for the client to resolve.</param>
    public static WriteOutcome<T> Blocked(string detail) => new(WriteStatus.Blocked, Detail: detail);

    public static WriteOutcome<T> Of(WriteStatus status) => new(status);
}

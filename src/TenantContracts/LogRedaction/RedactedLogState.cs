namespace BudgetBuddy.TenantContracts.LogRedaction;

/// <summary>
/// What a provider receives in place of a log entry's state or scope that held a secret: the redacted message
/// (<see cref="ToString"/>, which the console's JSON formatter writes as <c>State.Message</c>) and the redacted
/// structured values, keys and order kept, so structured sinks (JSON console, OTLP) still get named fields.
/// </summary>
public sealed class RedactedLogState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public KeyValuePair<string, object?> this[int index] => values[index];

    public int Count => values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;
}

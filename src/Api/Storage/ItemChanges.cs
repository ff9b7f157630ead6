using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// The attributes a PATCH changes: values to SET and numbers to ADD. Balances change by ADD, never by overwrite, so
/// an edit cannot undo money that moved concurrently.
/// </summary>
internal sealed class ItemChanges
{
    public Dictionary<string, AttributeValue> Set { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Add { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Set.Count == 0 && Add.Count == 0;
}

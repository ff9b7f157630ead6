using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>
/// The attributes a PATCH changes: values to SET, numbers to ADD and attributes to REMOVE. Balances change by ADD, never by overwrite, so
/// an edit cannot undo money that moved concurrently.
/// </summary>
internal sealed class ItemChanges
{
    public Dictionary<string, AttributeValue> Set { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Add { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Remove { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Set.Count == 0 && Add.Count == 0 && Remove.Count == 0;
}

using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.TenantContracts;

/// <summary>A secondary index as the contracts define it: keys and full projection.</summary>
public sealed record IndexDefinition(string Name, string PartitionKey, string SortKey);

/// <summary>
/// The shape of a table, independent of its name and capacity: what provisioning creates and what the API relies on.
/// All key attributes are strings.
/// </summary>
public sealed record TableDefinition(
    string PartitionKey,
    string? SortKey,
    IReadOnlyList<IndexDefinition> GlobalSecondaryIndexes,
    string? TimeToLiveAttribute)
{
    public IEnumerable<string> KeyAttributes =>
        new[] { PartitionKey, SortKey }
            .Concat(GlobalSecondaryIndexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    public List<AttributeDefinition> AttributeDefinitions() =>
        KeyAttributes.Select(a => new AttributeDefinition(a, ScalarAttributeType.S)).ToList();

    public List<KeySchemaElement> KeySchema()
    {
        var keys = new List<KeySchemaElement> { new(PartitionKey, KeyType.HASH) };
        if (SortKey is not null)
        {
            keys.Add(new KeySchemaElement(SortKey, KeyType.RANGE));
        }
        return keys;
    }

    public static List<KeySchemaElement> IndexKeySchema(IndexDefinition index) =>
        [new(index.PartitionKey, KeyType.HASH), new(index.SortKey, KeyType.RANGE)];
}

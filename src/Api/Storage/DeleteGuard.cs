using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>A condition an item must meet to be deleted, with the names and values its expression uses.</summary>
internal sealed record DeleteGuard(string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values);

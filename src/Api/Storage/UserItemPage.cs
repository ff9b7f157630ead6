using Amazon.DynamoDBv2.Model;

namespace BudgetBuddy.Api.Storage;

/// <summary>One page of a user's items and the sort key to continue after, if more exist.</summary>
internal sealed record UserItemPage(IReadOnlyList<Dictionary<string, AttributeValue>> Items, string? ContinueAfter);

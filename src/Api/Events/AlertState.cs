using Amazon.DynamoDBv2.Model;
using BudgetBuddy.Api.Storage;

namespace BudgetBuddy.Api.Events;

/// <summary>
/// The user's item <c>ALERTSTATE</c>: the accounts now below their threshold and the category months now overspent, as
/// the projector last saw them. An alert fires on the change from fine to crossed, so a balance that stays low does not
/// fire again with each later transaction, and fires anew once it recovered and falls again.
/// </summary>
internal sealed class AlertState
{
    public const string SortKey = "ALERTSTATE";

    public HashSet<string> Below { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Overspent { get; } = new(StringComparer.Ordinal);

    public bool Changed { get; set; }

    public static AlertState FromItem(Dictionary<string, AttributeValue>? item)
    {
        var state = new AlertState();
        state.Below.UnionWith(item?.GetValueOrDefault("below")?.SS ?? []);
        state.Overspent.UnionWith(item?.GetValueOrDefault("overspent")?.SS ?? []);
        return state;
    }

    public TransactWriteItem Put(string table, string userId)
    {
        var item = LedgerKeys.Key(userId, SortKey);
        // A string set cannot be empty in DynamoDB: an empty one is left out.
        if (Below.Count > 0)
        {
            item["below"] = new AttributeValue { SS = [.. Below.Order(StringComparer.Ordinal)] };
        }
        if (Overspent.Count > 0)
        {
            item["overspent"] = new AttributeValue { SS = [.. Overspent.Order(StringComparer.Ordinal)] };
        }
        return new TransactWriteItem { Put = new Put { TableName = table, Item = item } };
    }
}

using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// The DynamoDB IAM actions a folder of our source needs, read from its calls: every <c>.XxxAsync(</c> whose name is
/// an <see cref="IAmazonDynamoDB"/> operation. A transaction is authorised item by item, so TransactWriteItems needs
/// the action of each kind of item the code builds (<c>Put</c> → PutItem, ...), not an action of its own.
/// </summary>
internal static partial class DynamoDbCallsInSource
{
    private static readonly HashSet<string> Operations = typeof(IAmazonDynamoDB).GetMethods()
        .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
        .Select(m => m.Name[..^"Async".Length])
        .ToHashSet(StringComparer.Ordinal);

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
    private static readonly Dictionary<string, string> TransactItemActions = new(StringComparer.Ordinal)
    {
        ["Put"] = "dynamodb:PutItem",
        ["Update"] = "dynamodb:UpdateItem",
        ["Delete"] = "dynamodb:DeleteItem",
        ["ConditionCheck"] = "dynamodb:ConditionCheckItem",
    };

    public static IReadOnlySet<string> ActionsUnder(string sourceFolder)
    {
        var sources = Directory.EnumerateFiles(RepositoryFiles.PathOf(sourceFolder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        var operations = sources.SelectMany(s => AsyncCall().Matches(s).Select(m => m.Groups["name"].Value))
            .Where(Operations.Contains)
            .ToHashSet(StringComparer.Ordinal);

        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case "TransactWriteItems":
                    actions.UnionWith(sources.SelectMany(s => TransactItem().Matches(s).Select(m => TransactItemActions[m.Groups["kind"].Value])));
                    break;
                case "TransactGetItems":
                    actions.Add("dynamodb:GetItem");
                    break;
                default:
                    actions.Add($"dynamodb:{operation}");
                    break;
            }
        }
        return actions;
    }

    [GeneratedRegex(@"\.(?<name>[A-Z][A-Za-z]+)Async\(")]
    private static partial Regex AsyncCall();

    // `new Put { ... }`, or the TransactWriteItem property (`Update = ...`) for items built elsewhere with `new()`.
    [GeneratedRegex(@"\bnew\s+(?:Amazon\.DynamoDBv2\.Model\.)?(?<kind>Put|Update|Delete|ConditionCheck)\s*[({]|\b(?<kind>Put|Update|Delete|ConditionCheck)\s*=(?![=>])")]
    private static partial Regex TransactItem();
}

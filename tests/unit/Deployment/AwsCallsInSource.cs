using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// The IAM actions a folder of our source needs, read from its calls:
/// <list type="bullet">
/// <item>every <c>.XxxAsync(</c> whose name is an <see cref="IAmazonDynamoDB"/> operation is <c>dynamodb:Xxx</c>, except
/// that a transaction is authorised item by item: TransactWriteItems needs the action of each kind of item the code
/// builds (<c>Put</c> → PutItem, ...), TransactGetItems needs GetItem;</item>
/// <item>a call of the key-encryption key (<c>.GenerateDataKeyAsync(</c>, <c>.UnwrapAsync(</c>) needs the KMS actions
/// its KMS implementation (src/TenantContracts/Keys/KmsKeyEncryptionKey.cs) makes in that method.</item>
/// </list>
/// </summary>
internal static partial class AwsCallsInSource
{
    public const string KmsKeyEncryptionKeySource = "src/TenantContracts/Keys/KmsKeyEncryptionKey.cs";

    private static readonly HashSet<string> DynamoDbOperations = typeof(IAmazonDynamoDB).GetMethods()
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

    /// <summary>Each method of the KMS key-encryption key and the KMS actions it calls, read from its source.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> KeyEncryptionKeyActions { get; } = ReadKeyEncryptionKeyActions();

    public static IReadOnlySet<string> ActionsUnder(string sourceFolder)
    {
        var sources = Directory.EnumerateFiles(RepositoryFiles.PathOf(sourceFolder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var called = sources.SelectMany(s => AsyncCall().Matches(s).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);

        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in called.Where(DynamoDbOperations.Contains))
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
        foreach (var method in called.Where(KeyEncryptionKeyActions.ContainsKey))
        {
            actions.UnionWith(KeyEncryptionKeyActions[method]);
        }
        return actions;
    }

    private static Dictionary<string, IReadOnlySet<string>> ReadKeyEncryptionKeyActions()
    {
        var source = RepositoryFiles.Text(KmsKeyEncryptionKeySource);
        var methods = PublicAsyncMethod().Matches(source);
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < methods.Count; i++)
        {
            var end = i + 1 < methods.Count ? methods[i + 1].Index : source.Length;
            var body = source[methods[i].Index..end];
            result[methods[i].Groups["name"].Value] = KmsCall().Matches(body).Select(m => $"kms:{m.Groups["operation"].Value}").ToHashSet(StringComparer.Ordinal);
        }
        return result;
    }

    [GeneratedRegex(@"\.(?<name>[A-Z][A-Za-z]+)Async\(")]
    private static partial Regex AsyncCall();

    // `new Put { ... }`, or the TransactWriteItem property (`Update = ...`) for items built elsewhere with `new()`.
    [GeneratedRegex(@"\bnew\s+(?:Amazon\.DynamoDBv2\.Model\.)?(?<kind>Put|Update|Delete|ConditionCheck)\s*[({]|\b(?<kind>Put|Update|Delete|ConditionCheck)\s*=(?![=>])")]
    private static partial Regex TransactItem();

    [GeneratedRegex(@"public\s+async\s+Task(?:<[^\n]*?>)?\s+(?<name>[A-Z]\w*)Async\(")]
    private static partial Regex PublicAsyncMethod();

    [GeneratedRegex(@"\bkms\.(?<operation>[A-Z]\w*)Async\(")]
    private static partial Regex KmsCall();
}

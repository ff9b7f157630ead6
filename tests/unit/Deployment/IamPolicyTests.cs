using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// eks/iam/*.json grant each workload the DynamoDB calls its code makes, on BudgetBuddy's tables only, and nothing the
/// other workload's job needs. The calls are read from the source, so a new call fails here before it fails in EKS.
/// </summary>
public sealed class IamPolicyTests
{
    private const string Account = "123456789012";
    private const string Tenant = "acme";

    private static readonly string Region = DeploymentFiles.Region;
    private static readonly string KeyEncryptionKey = $"arn:aws:kms:{Region}:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>What envsubst fills in (eks/README.md); a placeholder not listed here fails the parse test.</summary>
    internal static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = Region,
        ["AWS_ACCOUNT_ID"] = Account,
        ["KEK_KEY_ARN"] = KeyEncryptionKey,
    };

    private static readonly TenantTables Tables = new(ChartFiles.StringValue("dynamodb.tablePrefix"));
    private static readonly IamPolicyDocument Api = Load("eks/iam/api-policy.json");
    private static readonly IamPolicyDocument Operator = Load("eks/iam/operator-policy.json");

    private static readonly string[] ItemActions =
    [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem",
        "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    ];

    private static readonly string[] TableLifecycleActions =
    [
        "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTimeToLive",
        "dynamodb:UpdateContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource",
    ];

    private static string TableArn(string table) => $"arn:aws:dynamodb:{Region}:{Account}:table/{table}";

    private static string RegistryArn => TableArn(Tables.Registry);

    private static string LedgerArn => TableArn(Tables.Ledger(Tenant));

    private static string AuditArn => TableArn(Tables.Audit(Tenant));

    private static IamPolicyDocument Load(string path) => IamPolicyDocument.Parse(RepositoryFiles.Text(path), Placeholders);

    [Theory]
    [InlineData("eks/iam/api-policy.json")]
    [InlineData("eks/iam/operator-policy.json")]
    public void Policies_are_valid_IAM_documents_whose_placeholders_the_guide_fills(string path)
    {
        var filled = Placeholders.Aggregate(RepositoryFiles.Text(path), (text, p) => text.Replace("${" + p.Key + "}", p.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("${", filled, StringComparison.Ordinal);
        Assert.NotEmpty(Load(path).Statements);
    }

    [Theory]
    [InlineData("eks/iam/api-policy.json")]
    [InlineData("eks/iam/operator-policy.json")]
    public void No_statement_grants_every_action_or_reaches_beyond_budgetbuddys_tables_and_key(string path)
    {
        var tablePrefix = TableArn(Tables.Prefix);
        foreach (var statement in Load(path).Statements)
        {
            Assert.DoesNotContain(statement.Actions, a => a is "*" || a.EndsWith(":*", StringComparison.Ordinal));
            Assert.DoesNotContain("*", statement.Resources);
            if (statement.Actions.Any(a => a.StartsWith("dynamodb:", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.All(statement.Resources, r => Assert.StartsWith(tablePrefix, r, StringComparison.Ordinal));
            }
            if (statement.Actions.Any(a => a.StartsWith("kms:", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.Equal([KeyEncryptionKey], statement.Resources);
            }
        }
    }

    [Fact]
    public void The_api_policy_allows_every_DynamoDB_call_the_api_code_makes_on_tenant_ledgers_and_their_indexes()
    {
        var calls = DynamoDbCallsInSource.ActionsUnder("src/Api");
        // The money path is a transaction of puts and updates; if the scan misses it, the scan is broken.
        Assert.Contains("dynamodb:PutItem", calls);
        Assert.Contains("dynamodb:UpdateItem", calls);
        Assert.Contains("dynamodb:Query", calls);

        Assert.All(calls, action => Assert.True(Api.Allows(action, LedgerArn), $"API policy lacks {action} on {LedgerArn}"));
        foreach (var index in LedgerTable.Definition.GlobalSecondaryIndexes)
        {
            Assert.True(Api.Allows("dynamodb:Query", $"{LedgerArn}/index/{index.Name}"), $"API policy lacks Query on index {index.Name}");
        }
        Assert.True(Api.Allows("dynamodb:GetItem", RegistryArn), "the API resolves tenants from the registry");
    }

    [Fact]
    public void The_api_can_neither_change_tables_nor_write_the_registry_nor_scan()
    {
        foreach (var table in new[] { RegistryArn, LedgerArn, AuditArn })
        {
            Assert.All(TableLifecycleActions, action => Assert.False(Api.Allows(action, table), $"API policy allows {action} on {table}"));
            Assert.False(Api.Allows("dynamodb:Scan", table), "every access pattern is a GetItem or a Query, never a Scan");
        }
        foreach (var write in new[] { "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem" })
        {
            Assert.False(Api.Allows(write, RegistryArn), $"the API only reads the registry, yet may {write}");
        }
    }

    [Fact]
    public void The_api_reaches_the_audit_table_only_append_only_and_only_once_its_code_does()
    {
        var apiUsesAudit = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/Api"), "*.cs", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains("AuditTable", StringComparison.Ordinal));

        Assert.Equal(apiUsesAudit, Api.Allows("dynamodb:PutItem", AuditArn));
        // Hash-chained and append-only: no policy of the API may rewrite or remove an entry.
        Assert.False(Api.Allows("dynamodb:UpdateItem", AuditArn));
        Assert.False(Api.Allows("dynamodb:DeleteItem", AuditArn));
    }

    [Fact]
    public void Neither_policy_reaches_tables_of_another_prefix_or_region()
    {
        var otherApp = TableArn("orders");
        var otherRegion = LedgerArn.Replace($":{Region}:", ":eu-west-1:", StringComparison.Ordinal);
        foreach (var policy in new[] { Api, Operator })
        {
            foreach (var action in policy.Actions.Where(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
            {
                Assert.False(policy.Allows(action, otherApp), $"{action} reaches {otherApp}");
                Assert.False(policy.Allows(action, otherRegion), $"{action} reaches {otherRegion}");
            }
        }
    }

    [Fact]
    public void The_operator_policy_allows_every_DynamoDB_call_the_operator_code_makes()
    {
        var calls = DynamoDbCallsInSource.ActionsUnder("src/Operator");
        Assert.Contains("dynamodb:CreateTable", calls);
        Assert.Contains("dynamodb:UpdateContinuousBackups", calls);

        foreach (var action in calls)
        {
            // Items are only ever the registry's; everything else is done to each of the three tables.
            string[] tables = ItemActions.Contains(action) ? [RegistryArn]
                : action == "dynamodb:DeleteTable" ? [LedgerArn, AuditArn]
                : [RegistryArn, LedgerArn, AuditArn];
            Assert.All(tables, table => Assert.True(Operator.Allows(action, table), $"operator policy lacks {action} on {table}"));
        }
    }

    [Fact]
    public void The_operator_can_delete_tenant_tables_but_never_the_shared_registry()
    {
        Assert.True(Operator.Allows("dynamodb:DeleteTable", LedgerArn));
        Assert.True(Operator.Allows("dynamodb:DeleteTable", AuditArn));
        Assert.False(Operator.Allows("dynamodb:DeleteTable", RegistryArn));
    }

    [Fact]
    public void The_operator_cannot_read_or_write_tenant_data()
    {
        foreach (var table in new[] { LedgerArn, AuditArn, $"{LedgerArn}/index/{LedgerTable.Gsi1}" })
        {
            Assert.All(ItemActions, action => Assert.False(Operator.Allows(action, table), $"operator policy allows {action} on {table}"));
        }
    }

    [Fact]
    public void The_key_encryption_key_is_usable_only_with_a_tenant_encryption_context()
    {
        var kms = Operator.Statements.Where(s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(kms);
        Assert.All(kms, statement =>
        {
            Assert.Subset(new HashSet<string>(["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"], StringComparer.Ordinal), statement.Actions.ToHashSet(StringComparer.Ordinal));
            // Null=false: the request must carry a `tenant` context entry, which binds each wrapped key to its tenant.
            Assert.Equal("false", (string?)statement.Condition?["Null"]?["kms:EncryptionContext:tenant"]);
        });
    }
}

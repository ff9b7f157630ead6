using System.Text.RegularExpressions;
using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.UnitTests.Deployment;

/// <summary>
/// eks/iam/*.json grant each workload the AWS calls its code makes, on BudgetBuddy's tables and key only, and nothing
/// the other workload's job needs. The calls are read from the source, so a new call fails here before it fails in EKS.
/// </summary>
public sealed partial class IamPolicyTests
{
    private const string Account = "123456789012";
    private const string Tenant = "acme";

    private static readonly string Region = DeploymentFiles.Region;
    private static readonly string KeyEncryptionKey = $"arn:aws:kms:{Region}:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>What envsubst fills in (eks/README.md); a placeholder not listed here fails the parse test.</summary>
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = Region,
        ["AWS_ACCOUNT_ID"] = Account,
        ["KEK_KEY_ARN"] = KeyEncryptionKey,
    };

    private static readonly TenantTables Tables = new(ChartFiles.StringValue("dynamodb.tablePrefix"));
    private static readonly IamPolicyDocument Api = Load("eks/iam/api-policy.json");
    private static readonly IamPolicyDocument Operator = Load("eks/iam/operator-policy.json");
    // The API also runs the shared audit verification and compliance checks of TenantContracts: their calls are its calls.
    private static readonly HashSet<string> ApiCalls = new(
        AwsCallsInSource.ActionsUnder("src/Api")
            .Concat(AwsCallsInSource.ActionsUnder("src/TenantContracts/Audit"))
            .Concat(AwsCallsInSource.ActionsUnder("src/TenantContracts/Compliance")),
        StringComparer.Ordinal);
    // A point-in-time restore is run by an engineer with their own role (docs/disaster-recovery.md), not by the operator.
    private static readonly IReadOnlySet<string> RestoreCalls = AwsCallsInSource.ActionsUnder("src/Operator/Restore");
    // So is a retention pass (README, Operator section), which scans and updates the tenant's items.
    private static readonly IReadOnlySet<string> RetentionCalls = AwsCallsInSource.ActionsUnder("src/Operator/Retention");
    private static readonly IReadOnlySet<string> OperatorCalls = Directory.EnumerateDirectories(RepositoryFiles.PathOf("src/Operator"))
        .Where(folder => Path.GetFileName(folder) is not ("Retention" or "bin" or "obj"))
        .SelectMany(folder => AwsCallsInSource.ActionsUnder(Path.GetRelativePath(RepositoryFiles.Root, folder)))
        .Where(a => a != "dynamodb:RestoreTableToPointInTime").ToHashSet(StringComparer.Ordinal);

    private static readonly string[] ItemActions =
    [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem",
        "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    ];

    private static readonly string[] ItemWrites = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];

    /// <summary>What the API does to an erasure record: reads it, and starts, resumes and completes it by update.</summary>
    private static readonly string[] ErasureRecordActions = ["dynamodb:GetItem", "dynamodb:UpdateItem"];

    private static readonly string[] RegistryItemActions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"];

    private static readonly string[] DataKeyActions = ["dynamodb:Query", "dynamodb:PutItem"];

    private static readonly string[] SigningKeyActions = ["dynamodb:GetItem", "dynamodb:PutItem"];

    private static readonly string[] TableLifecycleActions =
    [
        "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTimeToLive",
        "dynamodb:UpdateContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource",
    ];

    private static string TableArn(string table) => $"arn:aws:dynamodb:{Region}:{Account}:table/{table}";

    private static string RegistryArn => TableArn(Tables.Registry);

    private static string LedgerArn => TableArn(Tables.Ledger(Tenant));

    private static string AuditArn => TableArn(Tables.Audit(Tenant));

    private static string KeysArn => TableArn(Tables.Keys(Tenant));

    /// <summary>A request's context as DynamoDB gives it: the partition key values it touches.</summary>
    private static Dictionary<string, string[]> Partition(string partitionKey) => new() { ["dynamodb:LeadingKeys"] = [partitionKey] };

    /// <summary>A KMS request's context as KmsKeyEncryptionKey sends it.</summary>
    private static Dictionary<string, string[]> TenantContext(string tenant) => new()
    {
        [$"kms:EncryptionContext:{KmsKeyEncryptionKey.TenantContextKey}"] = [tenant],
        ["kms:EncryptionContextKeys"] = [KmsKeyEncryptionKey.TenantContextKey],
    };

    // The partition values come from the API's own key builders, so the policy is checked against what the code writes.
    private static Dictionary<string, string[]> UserPartition => Partition(LedgerKeys.UserPartition("alice"));

    private static Dictionary<string, string[]> DataKeyPartition => Partition(DataKeyItem.Partition);

    private static Dictionary<string, string[]> SigningKeyPartition => Partition(SigningKeyRingItem.Partition);

    private static IamPolicyDocument Load(string path) => IamPolicyDocument.Parse(RepositoryFiles.Text(path), Placeholders);

    private static bool IsKms(string action) => action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase);

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
            if (statement.Actions.Any(IsKms))
            {
                Assert.Equal([KeyEncryptionKey], statement.Resources);
            }
        }
    }

    [Fact]
    public void The_scan_of_the_source_finds_the_calls_each_workload_is_known_to_make()
    {
        // If these go missing, the scan is broken and the policy tests below would pass vacuously.
        Assert.Subset(ApiCalls.ToHashSet(), new HashSet<string>(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"]));
        Assert.Subset(OperatorCalls.ToHashSet(), new HashSet<string>(["dynamodb:CreateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:PutItem", "kms:GenerateDataKey", "kms:Decrypt"]));
        Assert.Equal(["kms:GenerateDataKey"], AwsCallsInSource.KeyEncryptionKeyActions["GenerateDataKey"]);
        Assert.Equal(["kms:Decrypt"], AwsCallsInSource.KeyEncryptionKeyActions["Unwrap"]);
    }

    [Fact]
    public void The_api_may_make_each_DynamoDB_call_of_its_code_on_users_items_of_tenant_ledgers_and_their_indexes()
    {
        foreach (var action in ApiCalls.Where(a => !IsKms(a)))
        {
            Assert.True(Api.Allows(action, LedgerArn, UserPartition), $"API policy lacks {action} on a user's items of {LedgerArn}");
        }
        foreach (var index in LedgerTable.Definition.GlobalSecondaryIndexes)
        {
            foreach (var key in new[] { TransactionItem.AccountIndexKey("alice", "a1"), TransactionItem.UserIndexKey("alice") })
            {
                Assert.True(Api.Allows("dynamodb:Query", $"{LedgerArn}/index/{index.Name}", Partition(key)), $"API policy lacks Query on index {index.Name} for {key}");
            }
        }
        Assert.True(Api.Allows("dynamodb:GetItem", RegistryArn, Partition(Tenant)), "the API resolves tenants from the registry");
        // An erasure's record outlives the user's partition, in its own.
        var erasure = Partition(LedgerKeys.ErasurePartition("e1"));
        Assert.All(ErasureRecordActions, action => Assert.True(Api.Allows(action, LedgerArn, erasure), $"API policy lacks {action} on erasure records"));
        Assert.All(ItemWrites.Except(ErasureRecordActions), action => Assert.False(Api.Allows(action, LedgerArn, erasure), $"API policy allows {action} on erasure records"));
    }

    [Fact]
    public void The_api_may_make_each_call_of_its_event_code_on_the_event_partitions()
    {
        // A commit puts its outbox entry; the projector and delivery do the rest under the lease.
        var eventCalls = AwsCallsInSource.ActionsUnder("src/Api/Events");
        Assert.Subset(eventCalls.ToHashSet(), new HashSet<string>(["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"]));
        var partitions = new[] { OutboxItem.Partition(0), EventItem.Partition(EventShards.Count - 1), ShardState.Partition };
        foreach (var action in eventCalls.Append("dynamodb:PutItem"))
        {
            Assert.All(partitions, p => Assert.True(Api.Allows(action, LedgerArn, Partition(p)), $"API policy lacks {action} on {p}"));
        }
        Assert.False(Api.Allows("dynamodb:PutItem", LedgerArn, Partition("TENANT#KEYS")), "event rights must not reach the data keys");
    }

    [Fact]
    public void The_api_sets_ledger_partition_keys_only_through_the_key_builders_the_policy_is_checked_with()
    {
        var assignments = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/Api"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => PartitionKeyAssignment().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();

        // LedgerKeys sets PK (a user's partition, or one of the tenant's own: webhooks); TransactionItem sets the index
        // keys; the events' items set their tenant-level partitions, which the tests below check. Anything else may write a
        // partition the policy refuses.
        string[] builders = ["LedgerKeys.cs:", "TransactionItem.cs:", "OutboxItem.cs:", "EventItem.cs:", "ShardState.cs:"];
        Assert.NotEmpty(assignments);
        Assert.All(assignments, a => Assert.True(builders.Any(b => a.StartsWith(b, StringComparison.Ordinal)), a));
    }

    [Fact]
    public void The_api_may_keep_the_tenants_webhook_endpoints_and_their_deliveries_in_their_own_partitions_only()
    {
        var endpoints = Partition(BudgetBuddy.Api.Webhooks.WebhookItem.Partition);
        var deliveries = Partition(BudgetBuddy.Api.Webhooks.WebhookDeliveries.Partition("019ab2f4d5e69f7a0b1c2d3e4f5a6b01"));
        foreach (var action in new[] { "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query" })
        {
            Assert.True(Api.Allows(action, LedgerArn, endpoints), $"API policy lacks {action} on the webhook endpoints");
            Assert.True(Api.Allows(action, LedgerArn, deliveries), $"API policy lacks {action} on an endpoint's deliveries");
        }
        // The statement opens these partitions and no other: not the data keys, not the registry, not another table.
        Assert.False(Api.Allows("dynamodb:PutItem", LedgerArn, DataKeyPartition));
        Assert.False(Api.Allows("dynamodb:PutItem", AuditArn, endpoints));
        Assert.False(Api.Allows("dynamodb:PutItem", LedgerArn, Partition("WEBHOOK#x")));
    }

    [Fact]
    public void The_api_can_neither_change_tables_nor_write_the_registry_and_scans_only_for_compliance_evidence()
    {
        // Requests are served by GetItem and Query; the one Scan is the compliance report's sample for plaintext card
        // numbers, over a tenant's own tables, and the policy allows it exactly when that code is there.
        // The other reads the registry through: the list of tenants, for background work no request names.
        var scansForEvidence = AwsCallsInSource.ActionsUnder("src/TenantContracts/Compliance").Contains("dynamodb:Scan");
        var listsTenants = AwsCallsInSource.ActionsUnder("src/Api/Tenancy").Contains("dynamodb:Scan");
        Assert.Equal(listsTenants, AwsCallsInSource.ActionsUnder("src/Api").Contains("dynamodb:Scan"));
        foreach (var table in new[] { RegistryArn, LedgerArn, AuditArn })
        {
            Assert.All(TableLifecycleActions, action => Assert.False(Api.Allows(action, table), $"API policy allows {action} on {table}"));
            Assert.Equal(table == RegistryArn ? listsTenants : scansForEvidence, Api.Allows("dynamodb:Scan", table, UserPartition));
        }
        Assert.All(ItemWrites, write => Assert.False(Api.Allows(write, RegistryArn, Partition(Tenant)), $"the API only reads the registry, yet may {write}"));
    }

    [Fact]
    public void The_api_never_writes_tenant_data_keys_and_reads_them_only_once_its_code_unwraps_them()
    {
        Assert.All(ItemWrites, write => Assert.False(Api.Allows(write, LedgerArn, DataKeyPartition), $"the API may {write} a data key: a lost key loses data"));

        var unwraps = ApiCalls.Contains("kms:Decrypt");
        Assert.Equal(unwraps, Api.Allows("dynamodb:Query", LedgerArn, DataKeyPartition));
        Assert.Equal(unwraps, Api.Allows("kms:Decrypt", KeyEncryptionKey, TenantContext(Tenant)));
        Assert.All(ApiCalls.Where(IsKms), action => Assert.True(Api.Allows(action, KeyEncryptionKey, TenantContext(Tenant)), $"API policy lacks {action}"));
        if (!ApiCalls.Any(IsKms))
        {
            Assert.DoesNotContain(Api.Actions, IsKms);
        }
    }

    [Fact]
    public void The_api_appends_to_audit_trails_and_may_delete_only_records_not_yet_chained()
    {
        var pending = Partition(AuditItems.PendingPartition);
        var chain = Partition(AuditItems.ChainPartition);
        var auditCalls = AwsCallsInSource.ActionsUnder("src/Api/Audit");
        Assert.Contains("dynamodb:PutItem", auditCalls);

        Assert.All(auditCalls, action => Assert.True(
            Api.Allows(action, AuditArn, pending) || Api.Allows(action, AuditArn, chain), $"API policy lacks {action} on {AuditArn}"));
        Assert.True(Api.Allows("dynamodb:PutItem", AuditArn, pending));
        Assert.True(Api.Allows("dynamodb:PutItem", AuditArn, chain));
        Assert.True(Api.Allows("dynamodb:DeleteItem", AuditArn, pending), "the chainer removes each record from PENDING as it chains it");

        // A chained record is evidence: the API may neither change nor remove it, nor use the table for anything else.
        Assert.False(Api.Allows("dynamodb:DeleteItem", AuditArn, chain));
        Assert.All(new[] { pending, chain, UserPartition }, p => Assert.False(Api.Allows("dynamodb:UpdateItem", AuditArn, p)));
        Assert.False(Api.Allows("dynamodb:PutItem", AuditArn, UserPartition));
    }

    [Fact]
    public void Neither_policy_reaches_tables_of_another_prefix_or_region()
    {
        var otherApp = TableArn("orders");
        var otherRegion = LedgerArn.Replace($":{Region}:", ":eu-west-1:", StringComparison.Ordinal);
        foreach (var policy in new[] { Api, Operator })
        {
            foreach (var action in policy.Actions.Where(a => !IsKms(a)))
            {
                foreach (var context in new[] { UserPartition, DataKeyPartition })
                {
                    Assert.False(policy.Allows(action, otherApp, context), $"{action} reaches {otherApp}");
                    Assert.False(policy.Allows(action, otherRegion, context), $"{action} reaches {otherRegion}");
                }
            }
        }
    }

    [Fact]
    public void The_operator_may_make_each_call_of_its_code()
    {
        foreach (var action in OperatorCalls.Where(a => !IsKms(a)))
        {
            if (ItemActions.Contains(action))
            {
                // Items the operator touches are registry items, the tenant's data keys and its sealed signing keys.
                Assert.True(
                    Operator.Allows(action, RegistryArn, Partition(Tenant)) || Operator.Allows(action, LedgerArn, DataKeyPartition)
                        || Operator.Allows(action, LedgerArn, SigningKeyPartition),
                    $"operator policy lacks {action} on registry items, data keys and signing keys");
                continue;
            }
            string[] tables = action == "dynamodb:DeleteTable" ? [LedgerArn, AuditArn, KeysArn] : [RegistryArn, LedgerArn, AuditArn, KeysArn];
            Assert.All(tables, table => Assert.True(Operator.Allows(action, table), $"operator policy lacks {action} on {table}"));
        }
        Assert.All(OperatorCalls.Where(IsKms), action => Assert.True(Operator.Allows(action, KeyEncryptionKey, TenantContext(Tenant)), $"operator policy lacks {action} on the KEK"));

        Assert.All(RegistryItemActions, a => Assert.True(Operator.Allows(a, RegistryArn, Partition(Tenant)), $"operator policy lacks {a} on registry items"));
        Assert.All(DataKeyActions, a => Assert.True(Operator.Allows(a, LedgerArn, DataKeyPartition), $"operator policy lacks {a} on data keys"));
        Assert.All(SigningKeyActions, a => Assert.True(Operator.Allows(a, LedgerArn, SigningKeyPartition), $"operator policy lacks {a} on sealed signing keys"));
    }

    [Fact]
    public void Only_the_operator_reaches_the_sealed_signing_keys_and_only_to_read_and_replace_them()
    {
        // The API verifies tokens with public keys; able to open this item, it could mint any tenant's tokens. Its
        // compliance Scan is the one read that no partition condition narrows, hence the KMS check below.
        Assert.All(ItemActions.Where(a => a != "dynamodb:Scan"), action => Assert.False(Api.Allows(action, LedgerArn, SigningKeyPartition), $"API policy allows {action} on sealed signing keys"));
        Assert.All(ItemActions.Except(SigningKeyActions), action => Assert.False(Operator.Allows(action, LedgerArn, SigningKeyPartition), $"operator policy allows {action} on sealed signing keys"));
        Assert.False(Operator.Allows("dynamodb:GetItem", LedgerArn, UserPartition));

        // The API's compliance Scan reads every item of a ledger, this one included; KMS must refuse it the ring's key.
        var signingKeysContext = new Dictionary<string, string[]>
        {
            [$"kms:EncryptionContext:{KmsKeyEncryptionKey.TenantContextKey}"] = [Tenant],
            [$"kms:EncryptionContext:{KmsKeyEncryptionKey.UseContextKey}"] = [KmsKeyEncryptionKey.SigningKeysUse],
            ["kms:EncryptionContextKeys"] = [KmsKeyEncryptionKey.TenantContextKey, KmsKeyEncryptionKey.UseContextKey],
        };
        Assert.False(Api.Allows("kms:Decrypt", KeyEncryptionKey, signingKeysContext), "the API could unwrap the key of the sealed signing keys");
        Assert.True(Operator.Allows("kms:Decrypt", KeyEncryptionKey, signingKeysContext));
        Assert.True(Operator.Allows("kms:GenerateDataKey", KeyEncryptionKey, signingKeysContext));
    }

    [Fact]
    public void The_operator_can_delete_tenant_tables_but_never_the_shared_registry()
    {
        Assert.True(Operator.Allows("dynamodb:DeleteTable", LedgerArn));
        Assert.True(Operator.Allows("dynamodb:DeleteTable", AuditArn));
        Assert.True(Operator.Allows("dynamodb:DeleteTable", KeysArn));
        Assert.False(Operator.Allows("dynamodb:DeleteTable", RegistryArn));
    }

    [Fact]
    public void The_api_keeps_user_keys_in_the_keys_table_and_the_operator_never_touches_them()
    {
        // Sealing makes a user's key, opening reads it, erasure destroys it; nothing else of the keys table is the API's.
        foreach (var action in new[] { "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem" })
        {
            Assert.True(Api.Allows(action, KeysArn, UserPartition), $"API policy lacks {action} on user keys");
            Assert.False(Operator.Allows(action, KeysArn, UserPartition), $"operator policy allows {action} on user keys");
        }
        Assert.False(Api.Allows("dynamodb:Query", KeysArn, UserPartition), "no access pattern lists keys");
        Assert.False(Api.Allows("dynamodb:Scan", KeysArn), "no access pattern lists keys");
        Assert.False(Api.Allows("dynamodb:GetItem", KeysArn, Partition("TENANT#KEYS")), "the keys table holds user keys only");
        // The compliance report shows whether backups could hold them.
        Assert.True(Api.Allows("dynamodb:DescribeContinuousBackups", KeysArn), "the compliance report reads the keys table's backup setting");
    }

    [Fact]
    public void The_operator_cannot_read_or_write_users_data_nor_rewrite_or_remove_a_data_key()
    {
        foreach (var table in new[] { LedgerArn, AuditArn, $"{LedgerArn}/index/{LedgerTable.Gsi1}" })
        {
            Assert.All(ItemActions, action => Assert.False(Operator.Allows(action, table, UserPartition), $"operator policy allows {action} on users' items of {table}"));
        }
        Assert.All(ItemActions, action => Assert.False(Operator.Allows(action, AuditArn, DataKeyPartition), $"operator policy allows {action} on {AuditArn}"));
        // Data keys are written once (attribute_not_exists) and kept: an update or delete could make data unreadable.
        Assert.False(Operator.Allows("dynamodb:UpdateItem", LedgerArn, DataKeyPartition));
        Assert.False(Operator.Allows("dynamodb:DeleteItem", LedgerArn, DataKeyPartition));
    }

    public static TheoryData<string> Workloads => new() { "api", "operator" };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_key_encryption_key_works_only_under_exactly_a_tenant_encryption_context(string workload)
    {
        var (policy, calls) = workload == "api" ? (Api, ApiCalls) : (Operator, OperatorCalls);
        Assert.Contains(calls, IsKms);
        foreach (var action in calls.Where(IsKms))
        {
            Assert.True(policy.Allows(action, KeyEncryptionKey, TenantContext(Tenant)), $"{workload} policy lacks {action} on the KEK");
            Assert.False(policy.Allows(action, KeyEncryptionKey), $"{action} without an encryption context");
            var extraKey = new Dictionary<string, string[]>(TenantContext(Tenant)) { ["kms:EncryptionContextKeys"] = [KmsKeyEncryptionKey.TenantContextKey, "purpose"] };
            Assert.False(policy.Allows(action, KeyEncryptionKey, extraKey), $"{action} with context keys beyond the tenant");
            Assert.False(policy.Allows(action, KeyEncryptionKey.Replace("1234abcd", "99999999", StringComparison.Ordinal), TenantContext(Tenant)), $"{action} on another key");
        }
        // Only the operator makes data keys; the API only unwraps what the operator made.
        Assert.Equal(workload == "operator", policy.Allows("kms:GenerateDataKey", KeyEncryptionKey, TenantContext(Tenant)));
    }

    [GeneratedRegex(@"\[LedgerTable\.(?:PartitionKey|Gsi\d+PartitionKey)\]\s*=")]
    private static partial Regex PartitionKeyAssignment();

    [Fact]
    public void The_disaster_recovery_guide_names_every_call_a_restore_makes()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "disaster-recovery.md"));

        Assert.Contains("dynamodb:RestoreTableToPointInTime", RestoreCalls);
        Assert.All(RestoreCalls, action => Assert.Contains(action["dynamodb:".Length..], guide, StringComparison.Ordinal));
        Assert.False(Operator.Allows("dynamodb:RestoreTableToPointInTime", LedgerArn), "the operator's role must not restore tables: engineers do");
    }

    [Fact]
    public void The_readme_names_every_call_a_retention_pass_makes_and_the_operators_role_cannot_scan_user_items()
    {
        var readme = RepositoryFiles.Text("README.md");

        Assert.Contains("dynamodb:Scan", RetentionCalls);
        Assert.All(RetentionCalls, action => Assert.Contains(action["dynamodb:".Length..], readme, StringComparison.Ordinal));
        Assert.False(Operator.Allows("dynamodb:Scan", LedgerArn, UserPartition), "the operator's role must not read users' items: engineers run the retention pass");
    }
}

using System.CommandLine;
using Amazon.DynamoDBv2;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Keys;

namespace BudgetBuddy.Operator.Cli;

/// <summary>
/// Options shared by the local commands. Defaults come from the same environment variables the API reads, so one
/// environment configures both.
/// </summary>
internal static class CliOptions
{
    public static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local (env DynamoDb__ServiceUrl; empty = AWS).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DynamoDb__ServiceUrl"),
    };

    public static readonly Option<string> Region = new("--region")
    {
        Description = "AWS region (env DynamoDb__Region).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DynamoDb__Region") ?? "us-east-1",
    };

    public static readonly Option<string> TablePrefix = new("--table-prefix")
    {
        Description = "Prefix of every table name (env DynamoDb__TablePrefix).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DynamoDb__TablePrefix") ?? TenantTables.DefaultPrefix,
    };

    public static readonly Option<string> SecretsDir = new("--secrets-dir")
    {
        Description = "Folder holding each tenant's Secret as files (env BUDGETBUDDY_SECRETS_DIR).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BUDGETBUDDY_SECRETS_DIR") ?? Path.Combine(".data", "secrets"),
    };

    public static readonly Option<string> KeyFile = new("--kek-file")
    {
        Description = "Local key-encryption key file, created when missing (env Encryption__LocalKeyFile). Ignored with --kms-key-id.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Encryption__LocalKeyFile") ?? Path.Combine(".data", "kek.key"),
    };

    public static readonly Option<string?> KmsKeyId = new("--kms-key-id")
    {
        Description = "ARN of the KMS key that wraps tenant data keys (env Encryption__KmsKeyId); the API must use the same.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Encryption__KmsKeyId") is { Length: > 0 } arn ? arn : null,
    };

    /// <summary>The KEK named by <c>--kms-key-id</c> (KMS) or else <c>--kek-file</c> (local).</summary>
    public static KeyEncryptionKeyOptions Encryption(ParseResult result) => result.GetValue(KmsKeyId) is { } arn
        ? new KeyEncryptionKeyOptions { KeyProvider = KeyEncryptionKeyOptions.Kms, KmsKeyId = arn }
        : new KeyEncryptionKeyOptions { KeyProvider = KeyEncryptionKeyOptions.Local, LocalKeyFile = result.GetValue(KeyFile)! };

    /// <summary>The served registry record of <paramref name="tenantId"/>; null, said on stderr, for an invalid or unregistered id.</summary>
    public static async Task<TenantRecord?> RegisteredTenantAsync(IAmazonDynamoDB dynamo, DynamoDbOptions settings, string tenantId, CancellationToken ct)
    {
        if (!TenantId.IsValid(tenantId))
        {
            await Console.Error.WriteLineAsync($"error: '{tenantId}' is not a valid tenant id.");
            return null;
        }
        var record = await TenantRecordItem.ReadAsync(dynamo, settings.Tables.Registry, tenantId, ct);
        if (record is null)
        {
            await Console.Error.WriteLineAsync($"error: tenant {tenantId} is not registered in {settings.Tables.Registry}.");
        }
        return record;
    }

    public static DynamoDbOptions DynamoDb(ParseResult result) => new()
    {
        ServiceUrl = result.GetValue(Endpoint),
        Region = result.GetValue(Region)!,
        TablePrefix = result.GetValue(TablePrefix)!,
    };
}

using System.CommandLine;
using BudgetBuddy.TenantContracts;

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

    public static DynamoDbSettings DynamoDb(ParseResult result) => new()
    {
        ServiceUrl = result.GetValue(Endpoint),
        Region = result.GetValue(Region)!,
        TablePrefix = result.GetValue(TablePrefix)!,
    };
}

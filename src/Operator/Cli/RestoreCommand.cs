using System.CommandLine;
using System.Globalization;
using BudgetBuddy.Operator.Restore;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Cli;

/// <summary><c>restore &lt;tenant&gt; --to &lt;time&gt;</c>: the disaster-recovery path of docs/runbooks/DisasterRecovery.md.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("tenant") { Description = "The tenant id to restore." };
        var to = new Option<string>("--to")
        {
            Description = "The point in time to restore to, ISO 8601 with an offset (e.g. 2026-12-07T03:15:00Z); within the tables' point-in-time recovery window.",
            Required = true,
        };
        var command = new Command("restore", "Restore a tenant's tables to a point in time into new tables, verify the restored audit chain, and switch the registry to them only when it verifies.")
        {
            tenant, to, CliOptions.Endpoint, CliOptions.Region, CliOptions.TablePrefix,
        };
        command.SetAction(async (result, ct) =>
        {
            var tenantId = result.GetValue(tenant)!;
            if (!TenantId.IsValid(tenantId))
            {
                await Console.Error.WriteLineAsync($"error: '{tenantId}' is not a valid tenant id.");
                return 2;
            }
            if (!DateTimeOffset.TryParse(result.GetValue(to), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                await Console.Error.WriteLineAsync($"error: --to '{result.GetValue(to)}' is not a time (ISO 8601, e.g. 2026-12-07T03:15:00Z).");
                return 2;
            }
            var settings = CliOptions.DynamoDb(result);
            using var dynamo = settings.CreateClient();
            try
            {
                var outcome = await new TenantRestore(dynamo, settings.Tables, TimeProvider.System).RunAsync(tenantId, time, Console.WriteLine, ct);
                return outcome.Switched ? 0 : 1;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
            catch (Amazon.DynamoDBv2.AmazonDynamoDBException e)
            {
                // No point-in-time recovery on the table, a time outside its window, or no permission: DynamoDB says which.
                await Console.Error.WriteLineAsync($"error: DynamoDB refused the restore ({e.ErrorCode}): {e.Message}");
                return 2;
            }
        });
        return command;
    }
}

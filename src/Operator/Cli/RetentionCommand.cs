using System.CommandLine;
using BudgetBuddy.Operator.Retention;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Cli;

/// <summary>
/// <c>retention apply &lt;tenant&gt;</c>: stamps the tenant's existing transactions, closed accounts and audit records
/// with the expiry its current retention policy (from the registry) gives them, with the caller's own credentials. The
/// API stamps what it writes; this is for what was written before a policy change. Exit 0 when done, 1 when records were
/// chained meanwhile (run it again), 2 on error.
/// </summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("tenant") { Description = "Tenant id." };
        var apply = new Command("apply", "Stamp the tenant's existing items with the expiry its current retention policy gives them.")
        {
            tenant, CliOptions.Endpoint, CliOptions.Region, CliOptions.TablePrefix,
        };
        apply.SetAction(async (result, ct) =>
        {
            var settings = CliOptions.DynamoDb(result);
            using var dynamo = settings.CreateClient();
            if (await CliOptions.RegisteredTenantAsync(dynamo, settings, result.GetValue(tenant)!, ct) is not { } record)
            {
                return 2;
            }
            var stamped = await new RetentionRestamp(dynamo, TimeProvider.System).ApplyAsync(record, ct);
            Console.WriteLine($"retention of tenant {record.TenantId}: {record.Retention}");
            Console.WriteLine($"restamped {stamped.Transactions} transactions, {stamped.ClosedAccounts} closed accounts and {stamped.AuditRecords} audit records; {stamped.Skipped} changed by the API meanwhile (stamped by it)");
            if (stamped.ChainMoved)
            {
                Console.WriteLine("records were chained while this ran: run it again to stamp them in order");
                return 1;
            }
            return 0;
        });
        return new Command("retention", "Tenant data retention.") { apply };
    }
}

using System.CommandLine;
using Amazon.DynamoDBv2;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Cli;

/// <summary><c>deprovision &lt;tenant&gt;</c>: stop serving a tenant without Kubernetes; tables only with --delete-tables.</summary>
internal static class DeprovisionCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("tenant") { Description = "Tenant id." };
        var deleteTables = new Option<bool>("--delete-tables") { Description = "Also delete the tenant's ledger and audit tables (their data is lost)." };
        var command = new Command("deprovision", "Unregister a tenant (the API stops serving it); keep its tables unless --delete-tables.")
        {
            tenant, deleteTables, CliOptions.Endpoint, CliOptions.Region, CliOptions.TablePrefix, CliOptions.KeyFile, CliOptions.KmsKeyId,
        };
        command.SetAction(async (result, ct) =>
        {
            var tenantId = result.GetValue(tenant)!;
            if (!TenantId.IsValid(tenantId))
            {
                await Console.Error.WriteLineAsync($"error: '{tenantId}' is not a valid tenant id.");
                return 2;
            }
            var settings = CliOptions.DynamoDb(result);
            using var dynamo = settings.CreateClient();
            var provisioner = new TenantProvisioner(dynamo, settings.Tables, new LocalTenantSecretStore(result.GetValue(CliOptions.SecretsDir) ?? ".data/secrets"),
                CliOptions.Encryption(result).Create(settings.Region), TimeProvider.System);
            try
            {
                var report = await provisioner.DeprovisionAsync(tenantId, result.GetValue(deleteTables), ct);
                if (report.Claim is { Owned: false } claim)
                {
                    await Console.Error.WriteLineAsync($"error: tenant id {tenantId} is owned by {claim.Owner}; nothing was changed.");
                    return 1;
                }
                foreach (var change in report.Changes)
                {
                    Console.WriteLine($"{change.Resource}: {change.Action}");
                }
                Console.WriteLine(report.Changes.Count == 0 ? $"tenant {tenantId}: nothing to do" : $"tenant {tenantId}: deprovisioned");
                return 0;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

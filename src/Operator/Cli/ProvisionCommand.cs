using System.CommandLine;
using Amazon.DynamoDBv2;
using BudgetBuddy.Operator.Provisioning;
using BudgetBuddy.TenantContracts;

namespace BudgetBuddy.Operator.Cli;

/// <summary><c>provision &lt;tenant&gt;</c>: create or update a tenant without Kubernetes.</summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("tenant") { Description = "Tenant id: 3-40 lower-case letters, digits and '-'." };
        var displayName = new Option<string?>("--display-name") { Description = "Human-readable tenant name." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for tables to become ACTIVE.", DefaultValueFactory = _ => 300 };
        var command = new Command("provision", "Create or update a tenant's tables, data keys, signing key and registry item (idempotent).")
        {
            tenant, displayName, timeout, CliOptions.Endpoint, CliOptions.Region, CliOptions.TablePrefix, CliOptions.SecretsDir, CliOptions.KeyFile, CliOptions.KmsKeyId,
        };
        command.SetAction(async (result, ct) =>
        {
            var tenantId = result.GetValue(tenant)!;
            if (!TenantId.IsValid(tenantId))
            {
                await Console.Error.WriteLineAsync($"error: '{tenantId}' is not a valid tenant id (3-40 lower-case letters, digits and '-').");
                return 2;
            }
            var settings = CliOptions.DynamoDb(result);
            using var dynamo = settings.CreateClient();
            var provisioner = new TenantProvisioner(dynamo, settings.Tables, new LocalTenantSecretStore(result.GetValue(CliOptions.SecretsDir)!),
                CliOptions.Encryption(result).Create(settings.Region), TimeProvider.System);
            var report = await provisioner.ProvisionUntilReadyAsync(
                new TenantRequest(tenantId, result.GetValue(displayName)), TimeSpan.FromSeconds(result.GetValue(timeout)), ct);

            foreach (var change in report.Changes)
            {
                Console.WriteLine($"{change.Resource}: {change.Action}");
            }
            foreach (var warning in report.Warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {warning.Reason}: {warning.Message}");
            }
            if (report.Claim is { Owned: false } claim)
            {
                await Console.Error.WriteLineAsync($"error: {claim.ConflictMessage(tenantId)}");
                return 1;
            }
            if (!report.Ready)
            {
                await Console.Error.WriteLineAsync($"error: tenant {tenantId} is not ready: {string.Join("; ", report.WaitingFor)}");
                return 1;
            }
            Console.WriteLine(report.Changes.Count == 0 && report.Warnings.Count == 0
                ? $"tenant {tenantId}: already up to date (signing key {report.SigningKeyId}, data key {report.DataKeyId})"
                : $"tenant {tenantId}: ready (signing key {report.SigningKeyId}, data key {report.DataKeyId})");
            return 0;
        });
        return command;
    }
}

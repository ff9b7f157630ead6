using System.CommandLine;
using System.Text.Json;
using BudgetBuddy.TenantContracts;
using BudgetBuddy.TenantContracts.Audit;
using BudgetBuddy.TenantContracts.Compliance;

namespace BudgetBuddy.Operator.Cli;

/// <summary>
/// <c>compliance-report &lt;tenant&gt;</c>: the same checks as <c>GET /v1/compliance/report</c>, straight against
/// DynamoDB with the caller's own credentials (for a scheduled job or an auditor), without the API. Records the API
/// has not chained yet are not part of the verified chain. Exit 0 when compliant, 1 when a control failed.
/// </summary>
internal static class ComplianceReportCommand
{
    public static Command Create()
    {
        var tenant = new Argument<string>("tenant") { Description = "Tenant id." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the API's shape) instead of a table." };
        var maxKeyAge = new Option<int>("--max-data-key-age-days") { Description = "Oldest the newest data key may be.", DefaultValueFactory = _ => new CompliancePolicy().MaxDataKeyAgeDays };
        var sample = new Option<int>("--pan-sample") { Description = "Items of each table to scan for plaintext card numbers.", DefaultValueFactory = _ => new CompliancePolicy().PanScanSampleSize };
        foreach (var positive in new[] { maxKeyAge, sample })
        {
            positive.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                {
                    r.AddError($"{positive.Name} must be 1 or more.");
                }
            });
        }
        var command = new Command("compliance-report", "Check a tenant's controls (encryption, PITR, audit chain, key age, plaintext card numbers, rate plan) and print the evidence.")
        {
            tenant, json, maxKeyAge, sample, CliOptions.Endpoint, CliOptions.Region, CliOptions.TablePrefix,
        };
        command.SetAction(async (result, ct) =>
        {
            var settings = CliOptions.DynamoDb(result);
            using var dynamo = settings.CreateClient();
            if (await CliOptions.RegisteredTenantAsync(dynamo, settings, result.GetValue(tenant)!, ct) is not { } record)
            {
                return 2;
            }
            var checker = new ComplianceChecker(dynamo, new AuditChainVerifier(dynamo, TimeProvider.System), TimeProvider.System, emulated: !string.IsNullOrWhiteSpace(settings.ServiceUrl));
            var report = await checker.RunAsync(
                record, new CompliancePolicy(result.GetValue(maxKeyAge), result.GetValue(sample)), [], ct);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, ComplianceJsonContext.Default.ComplianceReport));
            }
            else
            {
                Console.WriteLine($"compliance report for tenant {report.Tenant} at {report.GeneratedAt:O}");
                foreach (var control in report.Controls)
                {
                    Console.WriteLine($"{control.Status.ToUpperInvariant(),-12} {control.Id,-34} {control.Evidence}");
                }
                Console.WriteLine(report.Compliant ? "compliant: no control failed" : "NOT COMPLIANT: a control failed");
            }
            return report.Compliant ? 0 : 1;
        });
        return command;
    }
}

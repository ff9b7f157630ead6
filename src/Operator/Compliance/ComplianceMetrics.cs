using BudgetBuddy.TenantContracts.Compliance;
using Prometheus;

namespace BudgetBuddy.Operator.Compliance;

/// <summary>
/// <c>budgetbuddy_compliance_control_status{tenant,control}</c>: 1 when the control passed at the last check, 0 when
/// it failed; a control the store cannot show (unsupported, as on DynamoDB Local) has no series. And when each tenant
/// was last checked, so a check that stopped running shows too.
/// </summary>
public sealed class ComplianceMetrics
{
    private readonly Gauge status;
    private readonly Gauge checkedAt;

    public ComplianceMetrics(CollectorRegistry? registry = null)
    {
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        status = factory.CreateGauge(
            "budgetbuddy_compliance_control_status",
            "Each tenant's compliance controls at the last periodic check: 1 passed, 0 failed.",
            new GaugeConfiguration { LabelNames = ["tenant", "control"] });
        checkedAt = factory.CreateGauge(
            "budgetbuddy_compliance_last_check_timestamp_seconds",
            "When each tenant's controls were last checked (Unix seconds).",
            new GaugeConfiguration { LabelNames = ["tenant"] });
    }

    public void Record(ComplianceReport report)
    {
        foreach (var control in report.Controls)
        {
            if (control.Status == ComplianceControl.Unsupported)
            {
                status.RemoveLabelled(report.Tenant, control.Id);
            }
            else
            {
                status.WithLabels(report.Tenant, control.Id).Set(control.Status == ComplianceControl.Pass ? 1 : 0);
            }
        }
        checkedAt.WithLabels(report.Tenant).Set(report.GeneratedAt.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>A tenant gone (deleted, or no longer this operator's) leaves no stale series behind.</summary>
    public void Forget(string tenant, IEnumerable<string> controls)
    {
        foreach (var control in controls)
        {
            status.RemoveLabelled(tenant, control);
        }
        checkedAt.RemoveLabelled(tenant);
    }
}

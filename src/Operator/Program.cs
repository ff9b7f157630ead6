using System.CommandLine;
using BudgetBuddy.Operator.Cli;

namespace BudgetBuddy.Operator;

/// <summary>Entry point of the operator binary. Named apart from the API's <c>Program</c> so tests can load both.</summary>
internal static class OperatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("BudgetBuddy operator: tenant provisioning for DynamoDB, and local tooling.")
        {
            RunCommand.Create(),
            ProvisionCommand.Create(),
            DeprovisionCommand.Create(),
            TokenCommand.Create(),
            ComplianceReportCommand.Create(),
            RetentionCommand.Create(),
            RestoreCommand.Create(),
            HealthcheckCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync();
    }
}

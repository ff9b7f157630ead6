using System.CommandLine;
using BudgetBuddy.Operator.Cli;

var root = new RootCommand("BudgetBuddy operator: tenant provisioning for DynamoDB, and local tooling.")
{
    ProvisionCommand.Create(),
    TokenCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

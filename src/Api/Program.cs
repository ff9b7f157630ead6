using BudgetBuddy.Api;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Alerts;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Compliance;
using BudgetBuddy.Api.Consents;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Exports;
using BudgetBuddy.Api.Imports;
using BudgetBuddy.Api.Imports.Jobs;
using BudgetBuddy.Api.Operability;
using BudgetBuddy.Api.Reports;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Transactions;

// The container's HEALTHCHECK runs this binary (the image has no shell or curl); it must not start a second server.
if (args is [HealthcheckCommand.Name, .. var healthcheckArgs])
{
    return await HealthcheckCommand.RunAsync(healthcheckArgs);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults();

var app = builder.Build();
app.UseApiDefaults();
app.MapAccountsApi();
app.MapCategoriesApi();
app.MapTransactionsApi();
app.MapImportsApi();
app.MapImportJobsApi();
app.MapConsentsApi();
app.MapBudgetsApi();
app.MapSettingsApi();
app.MapChangesApi();
app.MapEventsApi();
app.MapAlertsApi();
app.MapReportsApi();
app.MapExportsApi();
app.MapAuditApi();
app.MapCardsApi();
app.MapComplianceApi();
app.Run();
return 0;

/// <summary>Entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;

using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Reports;

/// <summary>
/// Read-only reports over budget buckets. Handlers validate the range, read the settings item and one key range
/// (accounts, buckets, categories) at once, and leave the arithmetic to <see cref="ReportCalculator"/>.
/// </summary>
internal static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/reports").WithTags("Reports");
        group.MapGet("/spending", GetSpending)
            .WithName("GetSpendingReport")
            .WithSummary("Spending in the home currency from one month to another (yyyy-MM; default: the last 12 months), net of refunds; income and transfers are not spending.")
            .WithDescription("groupBy=category (the default) answers a row per category with spending, largest first, uncategorised outflow as categoryId "
                + "UNCATEGORIZED; groupBy=month answers rows of {month, amount}, one per month of the range, zero included.")
            .AddOpenApiOperationTransformer(SpendingRowShapes.DescribeAsync)
            .RequireAuthorization(Policies.BudgetRead);
        group.MapGet("/income-expense", GetIncomeExpense)
            .WithName("GetIncomeExpenseReport")
            .WithSummary("Per month (yyyy-MM; default: the last 12 months) in the home currency: uncategorised income, spending net of refunds, and the difference, with totals.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapGet("/net-worth", GetNetWorth)
            .WithName("GetNetWorthReport")
            .WithSummary("Net worth in the home currency at the end of each month (yyyy-MM; default: the last 12 months), and in each other currency at the end of the last.")
            .WithDescription("Net worth is the opening balances of all accounts of the currency, closed ones too, plus every transaction in it up to the month's end, "
                + "transfers included. Opening balances count from the beginning, in every month. With no transaction dated after `to`, the last month equals "
                + "the sum of the accounts' current balances.")
            .RequireAuthorization(Policies.BudgetRead);
        return app;
    }

    // Both row shapes answer 200; SpendingRowShapes documents the 200 as one of the two.
    private static async Task<Results<Ok<SpendingReport<MonthSpending>>, Ok<SpendingReport<CategorySpending>>, ValidationProblem>> GetSpending(
        string? from, string? to, string? groupBy, Caller caller, [AsParameters] ReportServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var range = ReportRange.Parse(from, to, Today(services.Time), errors);
        var grouping = SpendingGrouping.Parse(groupBy, errors);
        if (range is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (currency, inputs) = await InputsAsync(caller, range.FromMonth, range, services, ct);
        return grouping == SpendingGrouping.Month
            ? TypedResults.Ok(ReportCalculator.SpendingByMonth(range, currency, inputs.Buckets))
            : TypedResults.Ok(ReportCalculator.SpendingByCategory(range, currency, inputs.Buckets, inputs.Categories));
    }

    private static async Task<Results<Ok<IncomeExpenseReport>, ValidationProblem>> GetIncomeExpense(
        string? from, string? to, Caller caller, [AsParameters] ReportServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var range = ReportRange.Parse(from, to, Today(services.Time), errors);
        if (range is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var (currency, inputs) = await InputsAsync(caller, range.FromMonth, range, services, ct);
        return TypedResults.Ok(ReportCalculator.IncomeExpense(range, currency, inputs.Buckets));
    }

    private static async Task<Results<Ok<NetWorthReport>, ValidationProblem>> GetNetWorth(
        string? from, string? to, Caller caller, [AsParameters] ReportServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var range = ReportRange.Parse(from, to, Today(services.Time), errors);
        if (range is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // Net worth at a month's end is everything that ever moved, so the buckets are read from the beginning.
        var (currency, inputs) = await InputsAsync(caller, fromMonth: null, range, services, ct);
        return TypedResults.Ok(ReportCalculator.NetWorth(range, currency, inputs.Buckets, inputs.Accounts));
    }

    // Months are calendar months in UTC: the API knows no time zone of the user's.
    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // Without a home currency the user has no account, hence no money to report: the report is empty, whatever the
    // range held.
    private static async Task<(string? Currency, BudgetInputs Inputs)> InputsAsync(
        Caller caller, string? fromMonth, ReportRange range, ReportServices services, CancellationToken ct)
    {
        var inputs = await services.Inputs.ReadAsync(caller, fromMonth, range.ToMonth, ct);
        return inputs.HomeCurrency is null ? (null, new BudgetInputs(null, [], [], [])) : (inputs.HomeCurrency, inputs);
    }
}

using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Money;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Budgets;

internal static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/budgets").WithTags("Budgets");
        group.MapGet("/{month}", GetBudgetMonth)
            .WithName("GetBudgetMonth")
            .WithSummary("The envelope budget of a month (yyyy-MM): per category assigned, activity and available (rolled over), income and what is left to budget.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPut("/{month}/categories/{categoryId}", SetAssigned)
            .WithName("SetAssigned").WithSummary("Set what is assigned to a category in a month, in home-currency minor units.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Results<Ok<BudgetMonth>, ValidationProblem>> GetBudgetMonth(
        string month, Caller caller, [AsParameters] BudgetServices services, CancellationToken ct)
    {
        if (!BudgetMonthName.TryParse(month, out _))
        {
            return InvalidMonth();
        }
        return TypedResults.Ok(await ComputeAsync(caller, month, services, ct));
    }

    private static async Task<Results<Ok<BudgetCategoryLine>, ValidationProblem, ProblemHttpResult>> SetAssigned(
        string month, string categoryId, SetAssignedRequest request, Caller caller, HttpContext http, [AsParameters] BudgetServices services, CancellationToken ct)
    {
        if (!BudgetMonthName.TryParse(month, out _))
        {
            return InvalidMonth();
        }
        var errors = new ValidationErrors();
        if (request.Assigned is not { } assigned)
        {
            errors.Add("assigned", "assigned is required, in minor units of the home currency.");
        }
        else if (!MinorUnits.InRange(assigned))
        {
            errors.Add("assigned", $"assigned must be between -{MinorUnits.Max} and {MinorUnits.Max} minor units.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (!ResourceId.IsWellFormed(categoryId) || await services.Categories.Collection.GetAsync(caller, categoryId, ct) is null)
        {
            return Problems.NotFound("category", categoryId);
        }
        var currency = (await services.Settings.GetAsync(caller, ct)).HomeCurrency;
        if (currency is null)
        {
            return Problems.Conflict("There is no home currency yet: open an account or set homeCurrency in /v1/settings first.");
        }

        var bucket = new BucketKey(month, currency, categoryId);
        await services.Committer.CommitAsync(
            caller,
            RequestAudit.Of(http),
            [new LedgerWrite("budget", new Amazon.DynamoDBv2.Model.TransactWriteItem { Update = BudgetBucketItem.SetAssigned(caller.Tenant.LedgerTable, caller.UserId, bucket, request.Assigned!.Value) })],
            [new ChangedEntity("budget", bucket.Id, ChangeOp.Upsert, bucket.SortKey)],
            ct);
        var budget = await ComputeAsync(caller, month, services, ct);
        return TypedResults.Ok(budget.Categories.Single(c => c.CategoryId == categoryId));
    }

    private static async Task<BudgetMonth> ComputeAsync(Caller caller, string month, BudgetServices services, CancellationToken ct)
    {
        var (currency, _, buckets, categories) = await services.Inputs.ReadAsync(caller, fromMonth: null, month, ct);
        return BudgetCalculator.Month(month, currency, buckets, categories);
    }

    private static ValidationProblem InvalidMonth() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["month must be yyyy-MM, e.g. 2026-03."] });
}

using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Consents;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Categories;

internal static class CategoriesApi
{
    private const string Resource = "category";

    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/categories").WithTags("Categories");

        group.MapGet("", ListCategories)
            .WithName("ListCategories").WithSummary("List the caller's categories, oldest first, a page at a time.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPost("", CreateCategory)
            .WithName("CreateCategory").WithSummary("Create a category. Send an Idempotency-Key to make retries safe.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapGet("/{id}", GetCategory)
            .WithName("GetCategory").WithSummary("Read one category; its ETag is the version to send in If-Match.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPatch("/{id}", UpdateCategory)
            .WithName("UpdateCategory").WithSummary("Change name, group, hidden or sensitive (merge patch). Marking it sensitive also seals the transactions already in it.")
            .Accepts<UpdateCategoryRequest>("application/json", "application/merge-patch+json")
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapDelete("/{id}", DeleteCategory)
            .WithName("DeleteCategory").WithSummary("Delete a category.")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static Task<Results<Ok<ListResponse<Category>>, ValidationProblem>> ListCategories(
        int? limit, string? cursor, Caller caller, [AsParameters] CategoryServices services, CancellationToken ct) =>
        ResourceHandlers.ListAsync(services.Store.Collection, caller, limit, cursor, ct);

    private static async Task<Results<Created<Category>, ValidationProblem, ProblemHttpResult>> CreateCategory(
        CreateCategoryRequest request, Caller caller, HttpContext http, [AsParameters] CategoryServices services, ConsentStore consents, CancellationToken ct)
    {
        var errors = CategoryValidation.Validate(request);
        if (!errors.Any && request.Sensitive == true && !await consents.IsGrantedAsync(caller, ConsentPurposes.SensitiveData, ct))
        {
            return ConsentRequired.Problem(ConsentPurposes.SensitiveData);
        }
        return await ResourceHandlers.CreateAsync(
            services.Creator, caller, http, request, errors,
            ApiJsonContext.Default.CreateCategoryRequest, ApiJsonContext.Default.Category,
            () =>
            {
                var category = services.Store.New(request);
                var write = LedgerWrites.Insert(caller, Resource, CategoryItem.ToItem(caller.UserId, category));
                return new NewResource<Category>([write], [services.Store.Collection.Change(category.Id, ChangeOp.Create)], $"/v1/categories/{category.Id}", category);
            },
            c => c.Version,
            ct);
    }

    private static Task<Results<Ok<Category>, ProblemHttpResult>> GetCategory(
        string id, Caller caller, HttpResponse response, [AsParameters] CategoryServices services, CancellationToken ct) =>
        ResourceHandlers.GetAsync(services.Store.Collection, Resource, caller, id, response, c => c.Version, ct);

    private static async Task<Results<Ok<Category>, ValidationProblem, ProblemHttpResult>> UpdateCategory(
        string id, UpdateCategoryRequest patch, Caller caller, HttpContext http, [AsParameters] CategoryServices services, ConsentStore consents, CancellationToken ct)
    {
        var errors = CategoryValidation.Validate(patch);
        if (!errors.Any && patch.Sensitive == true && ResourceId.IsWellFormed(id) && !await consents.IsGrantedAsync(caller, ConsentPurposes.SensitiveData, ct))
        {
            return ConsentRequired.Problem(ConsentPurposes.SensitiveData);
        }
        var result = await ResourceHandlers.UpdateAsync(
            services.Store.Collection, Resource, caller, id, http, errors,
            category => CategoryStore.Plan(category, patch), c => c.Version, ct);
        // Marking seals the transactions already in the category; sent again, it finishes a sweep that was cut short.
        if (patch.Sensitive == true && result.Result is Ok<Category> { Value.Sensitive: true })
        {
            await services.Sealer.SealTransactionsOfAsync(caller, RequestAudit.Of(http), id, ct);
        }
        return result;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategory(
        string id, Caller caller, HttpRequest request, [AsParameters] CategoryServices services, Budgets.BudgetBuckets buckets, CancellationToken ct)
    {
        // A category that money was assigned to or spent from carries history; deleting it would orphan that history.
        var history = ResourceId.IsWellFormed(id)
            && (await buckets.ReadAsync(caller, fromMonth: null, toMonth: "9999-12", ct)).Any(b => b.CategoryId == id && (b.Assigned != 0 || b.Activity != 0));
        if (history)
        {
            return Problems.Conflict("The category has budget history (assigned money or transactions); hide it instead, or move its transactions first.");
        }
        return await ResourceHandlers.DeleteAsync(services.Store.Collection, Resource, caller, id, request, ct);
    }
}

using BudgetBuddy.Api.Auth;
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
            .WithName("UpdateCategory").WithSummary("Change name, group or hidden (merge patch).")
            .Accepts<UpdateCategoryRequest>("application/json", "application/merge-patch+json")
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapDelete("/{id}", DeleteCategory)
            .WithName("DeleteCategory").WithSummary("Delete a category.")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Results<Ok<ListResponse<Category>>, ValidationProblem>> ListCategories(
        int? limit, string? cursor, Caller caller, [AsParameters] CategoryServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(limit, cursor, CategoryStore.Collection, CategoryItem.SortKeyPrefix, errors);
        if (page is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await services.Store.ListAsync(caller, page, ct));
    }

    private static async Task<Results<Created<Category>, ValidationProblem, ProblemHttpResult>> CreateCategory(
        CreateCategoryRequest request, Caller caller, HttpContext http, [AsParameters] CategoryServices services, CancellationToken ct)
    {
        var errors = CategoryValidation.Validate(request);
        var key = IdempotencyKey.Read(http.Request, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var outcome = await services.Creator.CreateAsync(
            caller, "POST /v1/categories", key, request, ApiJsonContext.Default.CreateCategoryRequest, ApiJsonContext.Default.Category,
            () =>
            {
                var category = services.Store.New(request);
                return new NewResource<Category>([CategoryStore.PutNew(caller, category)], $"/v1/categories/{category.Id}", category);
            },
            ct);
        return outcome.KeyReused ? Problems.IdempotencyKeyReused() : outcome.ToCreated(http.Response, a => a.Version);
    }

    private static async Task<Results<Ok<Category>, ProblemHttpResult>> GetCategory(
        string id, Caller caller, HttpResponse response, [AsParameters] CategoryServices services, CancellationToken ct)
    {
        var category = ResourceId.IsWellFormed(id) ? await services.Store.GetAsync(caller, id, ct) : null;
        if (category is null)
        {
            return Problems.NotFound(Resource, id);
        }
        response.Headers.ETag = EntityTag.For(category.Version);
        return TypedResults.Ok(category);
    }

    private static async Task<Results<Ok<Category>, ValidationProblem, ProblemHttpResult>> UpdateCategory(
        string id, UpdateCategoryRequest patch, Caller caller, HttpContext http, [AsParameters] CategoryServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var errors = CategoryValidation.Validate(patch);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (status, category) = await services.Store.UpdateAsync(caller, id, patch, EntityTag.RequiredVersion(http.Request), ct);
        if (status != WriteStatus.Done)
        {
            return Problems.ForWrite(status, Resource, id);
        }
        http.Response.Headers.ETag = EntityTag.For(category!.Version);
        return TypedResults.Ok(category);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategory(
        string id, Caller caller, HttpRequest request, [AsParameters] CategoryServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var status = await services.Store.DeleteAsync(caller, id, EntityTag.RequiredVersion(request), ct);
        return status == WriteStatus.Done ? TypedResults.NoContent() : Problems.ForWrite(status, Resource, id);
    }
}

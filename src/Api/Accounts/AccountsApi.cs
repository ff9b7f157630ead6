using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Accounts;

internal static class AccountsApi
{
    private const string Resource = "account";

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/accounts").WithTags("Accounts");

        group.MapGet("", ListAccounts)
            .WithName("ListAccounts").WithSummary("List the caller's accounts, oldest first, a page at a time.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPost("", CreateAccount)
            .WithName("CreateAccount").WithSummary("Open an account. Send an Idempotency-Key to make retries safe.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapGet("/{id}", GetAccount)
            .WithName("GetAccount").WithSummary("Read one account; its ETag is the version to send in If-Match.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPatch("/{id}", UpdateAccount)
            .WithName("UpdateAccount").WithSummary("Change name, type, closed or opening balance (merge patch).")
            .Accepts<UpdateAccountRequest>("application/json", "application/merge-patch+json")
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapDelete("/{id}", DeleteAccount)
            .WithName("DeleteAccount").WithSummary("Delete an account.")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Results<Ok<ListResponse<Account>>, ValidationProblem>> ListAccounts(
        int? limit, string? cursor, Caller caller, [AsParameters] AccountServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(limit, cursor, AccountStore.Collection, AccountItem.SortKeyPrefix, errors);
        if (page is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await services.Store.ListAsync(caller, page, ct));
    }

    private static async Task<Results<Created<Account>, ValidationProblem, ProblemHttpResult>> CreateAccount(
        CreateAccountRequest request, Caller caller, HttpContext http, [AsParameters] AccountServices services, CancellationToken ct)
    {
        var errors = AccountValidation.Validate(request);
        var key = IdempotencyKey.Read(http.Request, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var outcome = await services.Creator.CreateAsync(
            caller, "POST /v1/accounts", key, request, ApiJsonContext.Default.CreateAccountRequest, ApiJsonContext.Default.Account,
            () =>
            {
                var account = services.Store.New(request);
                return new NewResource<Account>([AccountStore.PutNew(caller, account)], $"/v1/accounts/{account.Id}", account);
            },
            ct);
        return outcome.KeyReused ? Problems.IdempotencyKeyReused() : outcome.ToCreated(http.Response, a => a.Version);
    }

    private static async Task<Results<Ok<Account>, ProblemHttpResult>> GetAccount(
        string id, Caller caller, HttpResponse response, [AsParameters] AccountServices services, CancellationToken ct)
    {
        var account = ResourceId.IsWellFormed(id) ? await services.Store.GetAsync(caller, id, ct) : null;
        if (account is null)
        {
            return Problems.NotFound(Resource, id);
        }
        response.Headers.ETag = EntityTag.For(account.Version);
        return TypedResults.Ok(account);
    }

    private static async Task<Results<Ok<Account>, ValidationProblem, ProblemHttpResult>> UpdateAccount(
        string id, UpdateAccountRequest patch, Caller caller, HttpContext http, [AsParameters] AccountServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var errors = AccountValidation.Validate(patch);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (status, account) = await services.Store.UpdateAsync(caller, id, patch, EntityTag.RequiredVersion(http.Request), ct);
        if (status != WriteStatus.Done)
        {
            return Problems.ForWrite(status, Resource, id);
        }
        http.Response.Headers.ETag = EntityTag.For(account!.Version);
        return TypedResults.Ok(account);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccount(
        string id, Caller caller, HttpRequest request, [AsParameters] AccountServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var status = await services.Store.DeleteAsync(caller, id, EntityTag.RequiredVersion(request), ct);
        return status == WriteStatus.Done ? TypedResults.NoContent() : Problems.ForWrite(status, Resource, id);
    }
}

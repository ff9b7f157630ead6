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

    private static Task<Results<Ok<ListResponse<Account>>, ValidationProblem>> ListAccounts(
        int? limit, string? cursor, Caller caller, [AsParameters] AccountServices services, CancellationToken ct) =>
        ResourceHandlers.ListAsync(services.Store.Collection, caller, limit, cursor, ct);

    private static Task<Results<Created<Account>, ValidationProblem, ProblemHttpResult>> CreateAccount(
        CreateAccountRequest request, Caller caller, HttpContext http, [AsParameters] AccountServices services, CancellationToken ct) =>
        ResourceHandlers.CreateAsync(
            services.Creator, caller, http, request, AccountValidation.Validate(request),
            ApiJsonContext.Default.CreateAccountRequest, ApiJsonContext.Default.Account,
            () =>
            {
                var account = services.Store.New(request);
                var write = LedgerWrites.Insert(caller, Resource, AccountItem.ToItem(caller.UserId, account));
                return new NewResource<Account>([write], [services.Store.Collection.Change(account.Id, ChangeOp.Create)], $"/v1/accounts/{account.Id}", account);
            },
            a => a.Version,
            ct);

    private static Task<Results<Ok<Account>, ProblemHttpResult>> GetAccount(
        string id, Caller caller, HttpResponse response, [AsParameters] AccountServices services, CancellationToken ct) =>
        ResourceHandlers.GetAsync(services.Store.Collection, Resource, caller, id, response, a => a.Version, ct);

    private static Task<Results<Ok<Account>, ValidationProblem, ProblemHttpResult>> UpdateAccount(
        string id, UpdateAccountRequest patch, Caller caller, HttpContext http, [AsParameters] AccountServices services, CancellationToken ct) =>
        ResourceHandlers.UpdateAsync(
            services.Store.Collection, Resource, caller, id, http, AccountValidation.Validate(patch),
            account => services.Store.Plan(account, patch, caller.Tenant.Retention), a => a.Version, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAccount(
        string id, Caller caller, HttpRequest request, [AsParameters] AccountServices services, CancellationToken ct) =>
        ResourceHandlers.DeleteAsync(
            services.Store.Collection, Resource, caller, id, request, ct, AccountStore.NoTransactions,
            "The account still has transactions: delete them first, or close the account instead.");
}

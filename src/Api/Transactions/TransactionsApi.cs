using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Consents;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Transactions;

/// <summary>
/// <c>/v1/transactions</c>. What leaves here is revealed from its sealed storage form: reads of sensitive transactions
/// are recorded as disclosures before they are answered; the answer to a create echoes what the client sent.
/// </summary>
internal static class TransactionsApi
{
    private const string Resource = "transaction";

    public static IEndpointRouteBuilder MapTransactionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/transactions").WithTags("Transactions");

        group.MapGet("", ListTransactions)
            .WithName("ListTransactions").WithSummary("List transactions newest first, by account, category and date range, a page at a time.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPost("", CreateTransaction)
            .WithName("CreateTransaction")
            .WithSummary("Post a transaction, a split, or a transfer (transferAccountId). Balances and budget activity move in the same atomic write.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapGet("/{id}", GetTransaction)
            .WithName("GetTransaction").WithSummary("Read one transaction; its ETag is the version to send in If-Match.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPatch("/{id}", UpdateTransaction)
            .WithName("UpdateTransaction").WithSummary("Change a transaction (merge patch); a transfer's other side follows date and amount.")
            .Accepts<UpdateTransactionRequest>("application/json", "application/merge-patch+json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapDelete("/{id}", DeleteTransaction)
            .WithName("DeleteTransaction").WithSummary("Delete a transaction (both sides of a transfer).")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Results<Ok<ListResponse<Transaction>>, ValidationProblem>> ListTransactions(
        string? accountId, string? categoryId, DateOnly? from, DateOnly? to, int? limit, string? cursor,
        Caller caller, [AsParameters] TransactionServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (accountId is not null && !ResourceId.IsWellFormed(accountId))
        {
            errors.Add("accountId", "accountId is not an id this API issued.");
        }
        if (categoryId is not null && !ResourceId.IsWellFormed(categoryId))
        {
            errors.Add("categoryId", "categoryId is not an id this API issued.");
        }
        if (from > to)
        {
            errors.Add("from", "from must not be after to.");
        }
        var filter = new TransactionFilter(accountId, categoryId, from, to);
        var page = PageRequest.Parse(limit, cursor, TransactionQueries.CursorScope(filter), key => TransactionQueries.IsCursorKey(filter, key), errors);
        if (page is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var found = await services.Queries.ListAsync(caller, filter, page, ct);
        return TypedResults.Ok(found with { Items = await services.Sensitive.RevealAsync(caller, found.Items, audit: true, ct) });
    }

    private static async Task<Results<Created<Transaction>, ValidationProblem, ProblemHttpResult>> CreateTransaction(
        CreateTransactionRequest request, Caller caller, HttpContext http, [AsParameters] TransactionServices services, ConsentStore consents, CancellationToken ct)
    {
        var errors = TransactionValidation.Validate(request);
        var key = IdempotencyKey.Read(http.Request, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (request.Sensitive == true && !await consents.IsGrantedAsync(caller, ConsentPurposes.SensitiveData, ct))
        {
            return ConsentRequired.Problem(ConsentPurposes.SensitiveData);
        }

        try
        {
            // With a key, the stored answer's fingerprint hashes payee and memos keyed (HMAC under the tenant's
            // fingerprint key), whatever the request's sensitivity: a plain hash could be confirmed against guessed
            // payees, and one form for all requests needs no category read before the create.
            var fingerprinted = key is null ? request : await services.Sensitive.IdempotencyViewAsync(caller, request, ct);
            CreateOutcome<Transaction> outcome;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    outcome = await services.Creator.CreateAsync(
                        caller, RequestAudit.Of(http), "POST /v1/transactions", key, fingerprinted,
                        ApiJsonContext.Default.CreateTransactionRequest, ApiJsonContext.Default.Transaction,
                        () => services.Creation.PlanAsync(caller, request, ct),
                        ct);
                    break;
                }
                catch (LedgerWriteConflict guard) when (CategoryGuards.Failed(guard) && attempt < 3)
                {
                    // A category was marked sensitive (or deleted) since it was read: prepare again, which seals (or refuses).
                }
            }
            if (outcome.KeyReused)
            {
                return Problems.IdempotencyKeyReused();
            }
            if (outcome.Refusal is { } refusal)
            {
                return refusal.Errors is { } invalid ? TypedResults.ValidationProblem(invalid.ToDictionary()) : Problems.Conflict(refusal.Detail!);
            }
            // The stored answer is sealed; revealed, it echoes what this client sent (also on a replay): not a disclosure.
            var answer = await services.Sensitive.RevealAsync(caller, outcome.Body!, audit: false, ct);
            return (outcome with { Body = answer }).ToCreated(http.Response, t => t.Version);
        }
        catch (LedgerWriteConflict writeConflict)
        {
            var detail = TransactionCreatePlanner.ExplainConflict(request, writeConflict);
            return ImportMarker.HolderOf(writeConflict.Item) is { } existing
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Duplicate import", detail: detail,
                    extensions: new Dictionary<string, object?> { ["existingId"] = existing })
                : Problems.Conflict(detail);
        }
    }

    private static async Task<Results<Ok<Transaction>, ProblemHttpResult>> GetTransaction(
        string id, Caller caller, HttpResponse response, [AsParameters] TransactionServices services, CancellationToken ct)
    {
        var transaction = ResourceId.IsWellFormed(id) ? await services.Queries.GetAsync(caller, id, ct) : null;
        if (transaction is null)
        {
            return Problems.NotFound(Resource, id);
        }
        response.Headers.ETag = EntityTag.For(transaction.Version);
        return TypedResults.Ok(await services.Sensitive.RevealAsync(caller, transaction, audit: true, ct));
    }

    private static async Task<Results<Ok<Transaction>, ValidationProblem, ProblemHttpResult>> UpdateTransaction(
        string id, UpdateTransactionRequest patch, Caller caller, HttpContext http, [AsParameters] TransactionServices services, ConsentStore consents, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var errors = TransactionValidation.Validate(patch);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (patch.Sensitive == true && !await consents.IsGrantedAsync(caller, ConsentPurposes.SensitiveData, ct))
        {
            return ConsentRequired.Problem(ConsentPurposes.SensitiveData);
        }
        var outcome = await services.Editor.UpdateAsync(caller, RequestAudit.Of(http), id, patch, EntityTag.RequiredVersion(http.Request), ct);
        if (outcome.Errors is { } invalid)
        {
            return TypedResults.ValidationProblem(invalid.ToDictionary());
        }
        if (outcome.Detail is { } detail)
        {
            return Problems.Conflict(detail);
        }
        if (outcome.Status != WriteStatus.Done)
        {
            return Problems.ForWrite(outcome.Status, Resource, id);
        }
        http.Response.Headers.ETag = EntityTag.For(outcome.Value!.Version);
        // Audited: the answer shows the stored payee and memos, not only what this patch sent.
        return TypedResults.Ok(await services.Sensitive.RevealAsync(caller, outcome.Value, audit: true, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTransaction(
        string id, Caller caller, HttpRequest request, [AsParameters] TransactionServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var outcome = await services.Editor.DeleteAsync(caller, RequestAudit.Of(request.HttpContext), id, EntityTag.RequiredVersion(request), ct);
        return outcome.Status == WriteStatus.Done ? TypedResults.NoContent() : Problems.ForWrite(outcome.Status, Resource, id);
    }
}

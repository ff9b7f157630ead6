using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Cards;

/// <summary>
/// <c>/v1/cards</c>: the card vault. A number goes in once and never comes out: it is encrypted under the tenant's
/// data key before it is stored, and every answer shows only its brand, last four digits and a masked form.
/// </summary>
internal static class CardsApi
{
    private const string Resource = "card";

    public static IEndpointRouteBuilder MapCardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/cards").WithTags("Cards");
        group.MapGet("", ListCards)
            .WithName("ListCards").WithSummary("List the caller's cards (masked), oldest first, a page at a time.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPost("", CreateCard)
            .WithName("CreateCard").WithSummary("Store a card: the number is encrypted and never returned. Send an Idempotency-Key to make retries safe.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.BudgetWrite);
        group.MapGet("/{id}", GetCard)
            .WithName("GetCard").WithSummary("Read one card (masked); its ETag is the version to send in If-Match.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapDelete("/{id}", DeleteCard)
            .WithName("DeleteCard").WithSummary("Delete a card and its encrypted number.")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static Task<Results<Ok<ListResponse<Card>>, ValidationProblem>> ListCards(
        int? limit, string? cursor, Caller caller, [AsParameters] CardServices services, CancellationToken ct) =>
        ResourceHandlers.ListAsync(services.Store.Collection, caller, limit, cursor, ct);

    private static async Task<Results<Created<Card>, ValidationProblem, ProblemHttpResult>> CreateCard(
        CreateCardRequest request, Caller caller, HttpContext http, [AsParameters] CardServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var digits = CardValidation.Validate(request, services.Time.GetUtcNow(), errors);
        var key = IdempotencyKey.Read(http.Request, errors);
        if (errors.Any || digits is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (!await services.Store.AccountExistsAsync(caller, request.AccountId!, ct))
        {
            errors.Add("accountId", "accountId does not name one of your accounts.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var fingerprint = await services.Store.FingerprintAsync(caller, digits, ct);
        if (await services.Store.HolderOfAsync(caller, fingerprint, ct) is { } existing && key is null)
        {
            return Duplicate(existing);
        }
        try
        {
            var outcome = await services.Creator.CreateAsync(
                caller, RequestAudit.Of(http), "POST /v1/cards", key,
                new CardIdempotencyView(fingerprint, request.ExpMonth, request.ExpYear, request.HolderName, request.AccountId),
                ApiJsonContext.Default.CardIdempotencyView, ApiJsonContext.Default.Card,
                async () => WriteOutcome<NewResource<Card>>.Done(await services.Store.NewAsync(caller, request, digits, fingerprint, ct)),
                ct);
            return outcome.KeyReused ? Problems.IdempotencyKeyReused() : outcome.ToCreated(http.Response, c => c.Version);
        }
        catch (LedgerWriteConflict conflict) when (conflict.FailedWrite == CardItem.NumberClaimWrite && conflict.Item?.GetValueOrDefault(CardItem.CardId)?.S is { } holder)
        {
            return Duplicate(holder);
        }
    }

    private static ProblemHttpResult Duplicate(string existingId) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Card already stored",
        detail: "You already stored this card number; use the existing card or delete it first.",
        extensions: new Dictionary<string, object?> { ["existingId"] = existingId });

    private static Task<Results<Ok<Card>, ProblemHttpResult>> GetCard(
        string id, Caller caller, HttpResponse response, [AsParameters] CardServices services, CancellationToken ct) =>
        ResourceHandlers.GetAsync(services.Store.Collection, Resource, caller, id, response, c => c.Version, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCard(
        string id, Caller caller, HttpRequest request, [AsParameters] CardServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var status = await services.Store.DeleteAsync(caller, RequestAudit.Of(request.HttpContext), id, EntityTag.RequiredVersion(request), ct);
        return status == WriteStatus.Done ? TypedResults.NoContent() : Problems.ForWrite(status, Resource, id);
    }
}

using System.Text.Json.Serialization.Metadata;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Http;

/// <summary>
/// The steps every user-owned resource takes the same way: page a list, read one with its ETag, apply a validated
/// patch under If-Match, delete under If-Match. An id of the wrong shape is a 404 without a storage read.
/// </summary>
internal static class ResourceHandlers
{
    public static async Task<Results<Ok<ListResponse<T>>, ValidationProblem>> ListAsync<T>(
        UserCollection<T> collection, Caller caller, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var page = collection.ParsePage(limit, cursor, errors);
        return page is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : TypedResults.Ok(await collection.ListAsync(caller, page, ct));
    }

    /// <summary>Validates, then creates through <paramref name="creator"/> honouring the Idempotency-Key.</summary>
    public static async Task<Results<Created<T>, ValidationProblem, ProblemHttpResult>> CreateAsync<TRequest, T>(
        IdempotentCreator creator,
        Caller caller,
        HttpContext http,
        TRequest request,
        ValidationErrors errors,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<T> responseType,
        Func<NewResource<T>> create,
        Func<T, long> version,
        CancellationToken ct)
    {
        var key = IdempotencyKey.Read(http.Request, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var operation = $"{http.Request.Method} {http.Request.Path}";
        var outcome = await creator.CreateAsync(caller, RequestAudit.Of(http), operation, key, request, requestType, responseType, () => Task.FromResult(WriteOutcome<NewResource<T>>.Done(create())), ct);
        return outcome.KeyReused ? Problems.IdempotencyKeyReused() : outcome.ToCreated(http.Response, version);
    }

    public static async Task<Results<Ok<T>, ProblemHttpResult>> GetAsync<T>(
        UserCollection<T> collection, string resource, Caller caller, string id, HttpResponse response, Func<T, long> version, CancellationToken ct)
    {
        var value = ResourceId.IsWellFormed(id) ? await collection.GetAsync(caller, id, ct) : default;
        if (value is null)
        {
            return Problems.NotFound(resource, id);
        }
        response.Headers.ETag = EntityTag.For(version(value));
        return TypedResults.Ok(value);
    }

    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> UpdateAsync<T>(
        UserCollection<T> collection,
        string resource,
        Caller caller,
        string id,
        HttpContext http,
        ValidationErrors errors,
        Func<T, ItemChanges> plan,
        Func<T, long> version,
        CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(resource, id);
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var outcome = await collection.UpdateAsync(caller, RequestAudit.Of(http), id, EntityTag.RequiredVersion(http.Request), plan, ct);
        if (outcome.Status != WriteStatus.Done)
        {
            return Problems.ForWrite(outcome.Status, resource, id);
        }
        http.Response.Headers.ETag = EntityTag.For(version(outcome.Value!));
        return TypedResults.Ok(outcome.Value!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T>(
        UserCollection<T> collection, string resource, Caller caller, string id, HttpRequest request, CancellationToken ct,
        DeleteGuard? guard = null, string? blockedDetail = null)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(resource, id);
        }
        var status = await collection.DeleteAsync(caller, RequestAudit.Of(request.HttpContext), id, EntityTag.RequiredVersion(request), ct, guard);
        return status switch
        {
            WriteStatus.Done => TypedResults.NoContent(),
            WriteStatus.Blocked => Problems.Conflict(blockedDetail ?? $"The {resource} cannot be deleted in its current state."),
            _ => Problems.ForWrite(status, resource, id),
        };
    }
}

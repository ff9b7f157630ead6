using System.Globalization;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The tenant's webhook endpoints, for holders of <c>admin</c>: they belong to the tenant, not to the user who
/// registered them, so every administrator of the tenant sees and manages the same ones.
/// </summary>
internal static class WebhooksApi
{
    public const string ListCollection = "webhooks";
    private const string Resource = "webhook";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);

        group.MapGet("", ListWebhooks)
            .WithName("ListWebhooks").WithSummary("List the tenant's webhook endpoints, oldest first, a page at a time.");
        group.MapPost("", CreateWebhook)
            .WithName("CreateWebhook").WithSummary("Register an https endpoint for events of the listed types; the answer shows its signing secret, once.")
            .WithDescription("The URL must be https without user info, and its host must resolve only to public addresses: loopback, link-local, "
                + "private, shared (CGNAT), multicast and cloud metadata addresses are refused (400 naming url), now and again at every delivery. "
                + "Deliveries follow Standard Webhooks: verify webhook-signature with the secret. A retried registration creates a second "
                + "endpoint (the secret is never stored where a replay could show it again): list, and delete the extra one.");
        group.MapGet("/{id}", GetWebhook)
            .WithName("GetWebhook").WithSummary("Read one endpoint (never its secret); its ETag is the version to send in If-Match.");
        group.MapPatch("/{id}", UpdateWebhook)
            .WithName("UpdateWebhook").WithSummary("Change url, types, description or enabled (merge patch); enabling clears the reason it was disabled.")
            .Accepts<UpdateWebhookRequest>("application/json", "application/merge-patch+json");
        group.MapDelete("/{id}", DeleteWebhook)
            .WithName("DeleteWebhook").WithSummary("Delete an endpoint; nothing more is sent to it.");
        group.MapPost("/{id}/rotate-secret", RotateSecret)
            .WithName("RotateWebhookSecret").WithSummary("Issue a new signing secret, shown once; the previous one keeps signing beside it for 24 hours.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/replay", Replay)
            .WithName("ReplayWebhook").WithSummary("Send again every kept event of the endpoint's types committed since a time (RFC 3339, within the events' retention; all kept events without one), in order.")
            .WithDescription("Deliveries restart from the first event committed at or after since, in every shard; events delivered before are "
                + "sent again with their own webhook-id, so receivers that de-duplicate see no change. The answer's Location lists the deliveries.");
        group.MapGet("/{id}/deliveries", ListDeliveries)
            .WithName("ListWebhookDeliveries").WithSummary("The endpoint's delivery attempts of the last 7 days, newest first, with outcome, status and duration.");
        return app;
    }

    private static async Task<Results<Ok<ListResponse<Webhook>>, ValidationProblem>> ListWebhooks(
        int? limit, string? cursor, Caller caller, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(limit, cursor, ListCollection, sk => sk.StartsWith(WebhookItem.SortKeyPrefix, StringComparison.Ordinal), errors);
        return page is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : TypedResults.Ok(await services.Store.ListAsync(caller.Tenant, page, ct));
    }

    private static async Task<Results<Created<CreatedWebhook>, ValidationProblem>> CreateWebhook(
        CreateWebhookRequest request, Caller caller, HttpContext http, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        var errors = await WebhookValidation.ValidateAsync(request, services.Targets, ct);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var created = await services.Store.CreateAsync(caller, RequestAudit.Of(http), request, ct);
        http.Response.Headers.ETag = EntityTag.For(created.Version);
        return TypedResults.Created($"/v1/webhooks/{created.Id}", created);
    }

    private static async Task<Results<Ok<Webhook>, ProblemHttpResult>> GetWebhook(
        string id, Caller caller, HttpResponse response, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        var webhook = ResourceId.IsWellFormed(id) ? await services.Store.GetAsync(caller.Tenant, id, ct) : null;
        if (webhook is null)
        {
            return Problems.NotFound(Resource, id);
        }
        response.Headers.ETag = EntityTag.For(webhook.Version);
        return TypedResults.Ok(webhook);
    }

    private static async Task<Results<Ok<Webhook>, ValidationProblem, ProblemHttpResult>> UpdateWebhook(
        string id, UpdateWebhookRequest patch, Caller caller, HttpContext http, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var errors = await WebhookValidation.ValidateAsync(patch, services.Targets, ct);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var outcome = await services.Store.UpdateAsync(caller, RequestAudit.Of(http), id, EntityTag.RequiredVersion(http.Request), patch, ct);
        if (outcome.Status != WriteStatus.Done)
        {
            return Problems.ForWrite(outcome.Status, Resource, id);
        }
        http.Response.Headers.ETag = EntityTag.For(outcome.Value!.Version);
        return TypedResults.Ok(outcome.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhook(
        string id, Caller caller, HttpRequest request, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var status = await services.Store.DeleteAsync(caller, RequestAudit.Of(request.HttpContext), id, EntityTag.RequiredVersion(request), ct);
        return status == WriteStatus.Done ? TypedResults.NoContent() : Problems.ForWrite(status, Resource, id);
    }

    private static async Task<Results<Ok<RotatedWebhookSecret>, ProblemHttpResult>> RotateSecret(
        string id, Caller caller, HttpContext http, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id))
        {
            return Problems.NotFound(Resource, id);
        }
        var outcome = await services.Store.RotateSecretAsync(caller, RequestAudit.Of(http), id, ct);
        return outcome.Status == WriteStatus.Done ? TypedResults.Ok(outcome.Value!) : Problems.ForWrite(outcome.Status, Resource, id);
    }

    private static async Task<Results<Accepted<WebhookReplay>, ValidationProblem, ProblemHttpResult>> Replay(
        string id, string? since, Caller caller, HttpContext http, [AsParameters] WebhookServices services, IOptions<EventsOptions> events, TimeProvider time, CancellationToken ct)
    {
        // Another tenant's endpoint is as absent as one that never was, whatever the time asked.
        if (!ResourceId.IsWellFormed(id) || await services.Store.GetAsync(caller.Tenant, id, ct) is null)
        {
            return Problems.NotFound(Resource, id);
        }
        var now = time.GetUtcNow();
        var oldest = now - events.Value.Retention;
        // Without a time, everything still kept.
        var from = oldest;
        if (since is not null && (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out from) || from > now || from < oldest))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["since"] = [$"Must be an RFC 3339 time between {oldest:O} (the events' retention) and now."],
            });
        }
        var outcome = await services.Store.RequestReplayAsync(caller, RequestAudit.Of(http), id, from, ct);
        return outcome.Status == WriteStatus.Done
            ? TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", new WebhookReplay(id, from))
            : Problems.ForWrite(outcome.Status, Resource, id);
    }

    private static async Task<Results<Ok<ListResponse<WebhookDelivery>>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        string id, int? limit, string? cursor, Caller caller, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        if (!ResourceId.IsWellFormed(id) || await services.Store.GetAsync(caller.Tenant, id, ct) is null)
        {
            return Problems.NotFound(Resource, id);
        }
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(limit, cursor, WebhookDeliveries.Collection(id), sk => sk.StartsWith(WebhookDeliveries.SortKeyPrefix, StringComparison.Ordinal), errors);
        return page is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : TypedResults.Ok(await services.Deliveries.ListAsync(caller.Tenant, id, page, ct));
    }
}

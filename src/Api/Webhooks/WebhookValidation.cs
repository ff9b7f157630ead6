using BudgetBuddy.Api.Http;

namespace BudgetBuddy.Api.Webhooks;

/// <summary>
/// The checks of a registration or a patch: the URL's shape and, resolved now, its addresses (the SSRF guard), known
/// event types, a short printable description.
/// </summary>
internal static class WebhookValidation
{
    public const int MaxDescriptionLength = 500;
    public const int MaxTypes = 50;

    public static async Task<ValidationErrors> ValidateAsync(CreateWebhookRequest request, WebhookTargets targets, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        await CheckUrlAsync(request.Url, targets, errors, ct);
        if (request.Types is null)
        {
            errors.Add("types", $"types is required: a list of event types ({WebhookSubscriptions.Everything} for every type).");
        }
        CheckFields(request.Types, request.Description, errors);
        return errors;
    }

    public static async Task<ValidationErrors> ValidateAsync(UpdateWebhookRequest patch, WebhookTargets targets, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (patch.Url is not null)
        {
            await CheckUrlAsync(patch.Url, targets, errors, ct);
        }
        CheckFields(patch.Types, patch.Description, errors);
        return errors;
    }

    private static async Task CheckUrlAsync(string? url, WebhookTargets targets, ValidationErrors errors, CancellationToken ct)
    {
        if (targets.ShapeProblem(url, out var target) is { } shape)
        {
            errors.Add("url", shape);
        }
        else if (await targets.ProblemAsync(target!, ct) is { } problem)
        {
            errors.Add("url", problem);
        }
    }

    private static void CheckFields(IReadOnlyList<string>? types, string? description, ValidationErrors errors)
    {
        if (types is not null)
        {
            if (types.Count is 0 or > MaxTypes)
            {
                errors.Add("types", $"types must list 1 to {MaxTypes} event types.");
            }
            foreach (var unknown in types.Where(t => !WebhookSubscriptions.IsValid(t ?? "")).Distinct())
            {
                errors.Add("types", $"'{unknown}' is not an event type; known types: {string.Join(", ", Events.EventTypes.All)} (or {WebhookSubscriptions.Everything}).");
            }
        }
        if (description is not null && (description.Length > MaxDescriptionLength || description.Any(char.IsControl)))
        {
            errors.Add("description", $"description must be at most {MaxDescriptionLength} characters, without control characters.");
        }
    }
}

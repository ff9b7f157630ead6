using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Money;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBuddy.Api.Settings;

internal static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/settings").WithTags("Settings");
        group.MapGet("", GetSettings)
            .WithName("GetSettings").WithSummary("The user's settings, including the home currency budgets are kept in.")
            .RequireAuthorization(Policies.BudgetRead);
        group.MapPatch("", UpdateSettings)
            .WithName("UpdateSettings").WithSummary("Set the home currency of budgets and reports.")
            .Accepts<UpdateSettingsRequest>("application/json", "application/merge-patch+json")
            .RequireAuthorization(Policies.BudgetWrite);
        return app;
    }

    private static async Task<Ok<UserSettings>> GetSettings(Caller caller, SettingsStore settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetAsync(caller, ct));

    private static async Task<Results<Ok<UserSettings>, ValidationProblem>> UpdateSettings(
        UpdateSettingsRequest request, Caller caller, HttpContext http, SettingsStore settings, CancellationToken ct)
    {
        if (!Currencies.IsKnown(request.HomeCurrency))
        {
            var errors = new ValidationErrors();
            errors.Add("homeCurrency", "homeCurrency must be an ISO 4217 currency code in circulation, such as USD.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await settings.SetHomeCurrencyAsync(caller, RequestAudit.Of(http), request.HomeCurrency!, ct));
    }
}

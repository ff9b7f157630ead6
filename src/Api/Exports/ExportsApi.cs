using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.BreachDetection;
using BudgetBuddy.Api.Alerts;
using BudgetBuddy.Api.Consents;
using BudgetBuddy.Api.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BudgetBuddy.Api.Exports;

internal static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/export", Export)
            .WithTags("Export")
            .WithName("ExportData")
            .WithSummary("Everything of the caller's: accounts, categories, transactions (with splits), budgets and settings, streamed as JSON (default) or CSV.")
            .AddOpenApiOperationTransformer(ExportDocument.DescribeAsync)
            .RequireAuthorization(Policies.BudgetRead);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(
        string? format,
        Caller caller,
        HttpResponse response,
        UserDataPages pages,
        SettingsStore settings,
        ConsentStore consents,
        AlertSettingsStore alerts,
        SecuritySignals signals,
        IOptions<BreachDetectionOptions> detection,
        TimeProvider time,
        CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format must be json or csv."] });
        }
        signals.Count(caller, SecuritySignal.ExportBurst, detection.Value.ExportsPerWindow);
        var now = time.GetUtcNow();
        var extension = format ?? "json";
        response.ContentType = extension == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"budgetbuddy-export-{now:yyyyMMdd-HHmmss}.{extension}\"";
        if (extension == "csv")
        {
            await CsvExport.WriteAsync(response.Body, caller, pages, ct);
        }
        else
        {
            await JsonExport.WriteAsync(
                response.BodyWriter, caller, pages, await settings.GetAsync(caller, ct), await consents.GetAsync(caller, ct), await alerts.GetAsync(caller, ct), now, ct);
        }
        return TypedResults.Empty;
    }
}

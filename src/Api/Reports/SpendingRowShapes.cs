using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.Reports;

/// <summary>
/// The spending report answers one of two row shapes, chosen by <c>groupBy</c>; the generator can show only one
/// schema per status, so this documents the 200 as one of both, told apart by <c>groupBy</c>.
/// </summary>
internal static class SpendingRowShapes
{
    public const string ByCategory = "SpendingReportOfCategorySpending";
    public const string ByMonth = "SpendingReportOfMonthSpending";

    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        var byMonth = await context.GetOrCreateSchemaAsync(typeof(SpendingReport<MonthSpending>), null, ct);
        document.AddComponent(ByMonth, byMonth);
        if (operation.Responses?["200"] is OpenApiResponse ok && ok.Content?.TryGetValue("application/json", out var json) == true)
        {
            json.Schema = new OpenApiSchema
            {
                OneOf = [new OpenApiSchemaReference(ByCategory, document), new OpenApiSchemaReference(ByMonth, document)],
            };
        }
    }
}

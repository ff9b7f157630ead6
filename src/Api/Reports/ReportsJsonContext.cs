using System.Text.Json;
using System.Text.Json.Serialization;

namespace BudgetBuddy.Api.Reports;

/// <summary>Source-generated JSON metadata for the reports' answers, kept with the feature and chained after the API's own.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SpendingReport<CategorySpending>))]
[JsonSerializable(typeof(SpendingReport<MonthSpending>))]
[JsonSerializable(typeof(IncomeExpenseReport))]
[JsonSerializable(typeof(NetWorthReport))]
internal sealed partial class ReportsJsonContext : JsonSerializerContext;

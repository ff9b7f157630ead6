using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Transactions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.Exports;

/// <summary>
/// The export is streamed by hand (<see cref="JsonExport"/>, <see cref="CsvExport"/>), so no result type tells the
/// generator its bodies: this describes both.
/// </summary>
internal static class ExportDocument
{
    public const string JsonSchemaName = "Export";

    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        async Task<IOpenApiSchema> ListOf(Type type, string name)
        {
            await EnsureComponentAsync(type, name);
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchemaReference(name, document),
                Description = "All of them: an export has no pages.",
            };
        }

        document.AddComponent(JsonSchemaName, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Examples = [Operability.OpenApiExamples.Export()],
            Required = new HashSet<string> { "exportedAt", "settings", "consents", "alerts", "accounts", "categories", "transactions", "budgets", "cards" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["exportedAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 40 },
                ["settings"] = await Component(typeof(UserSettings), nameof(UserSettings)),
                ["accounts"] = await ListOf(typeof(Account), nameof(Account)),
                ["categories"] = await ListOf(typeof(Category), nameof(Category)),
                ["transactions"] = await ListOf(typeof(Transaction), nameof(Transaction)),
                ["budgets"] = await ListOf(typeof(BudgetEntry), nameof(BudgetEntry)),
                ["consents"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = await Component(typeof(Consents.Consent), nameof(Consents.Consent)),
                    MaxItems = Consents.ConsentPurposes.All.Count,
                    Description = "The user's consent decisions, one per purpose decided on.",
                },
                ["alerts"] = await Component(typeof(Alerts.AlertSettings), nameof(Alerts.AlertSettings)),
                ["cards"] = await ListOf(typeof(Cards.Card), nameof(Cards.Card)),
            },
        });

        async Task<IOpenApiSchema> Component(Type type, string name)
        {
            await EnsureComponentAsync(type, name);
            return new OpenApiSchemaReference(name, document);
        }

        async Task EnsureComponentAsync(Type type, string name)
        {
            if (document.Components?.Schemas?.ContainsKey(name) != true)
            {
                document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, ct));
            }
        }

        var responses = operation.Responses ??= new OpenApiResponses();
        responses["200"] = new OpenApiResponse
        {
            Description = "The export, as an attachment (Content-Disposition names the file).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(JsonSchemaName, document) },
                ["text/csv"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "One header line, then a row per account, category, transaction, split line and budget entry.",
                        Pattern = "^record,id,",
                    },
                },
            },
        };
    }
}

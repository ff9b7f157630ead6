using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Http;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.OpenApi;

/// <summary>
/// The shapes and limits of path and query parameters, as the handlers validate them. By name, since a name means one
/// thing across the API; the few paths where it means another say so.
/// </summary>
internal static class ParameterLimits
{
    private static readonly Dictionary<string, Func<OpenApiSchema>> ByName = new(StringComparer.Ordinal)
    {
        ["id"] = () => Text(32, SchemaLimits.IdPattern),
        ["categoryId"] = () => Text(32, SchemaLimits.IdPattern),
        ["accountId"] = () => Text(32, SchemaLimits.IdPattern),
        ["month"] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
        ["limit"] = () => Integer(1, PageRequest.MaxLimit),
        ["cursor"] = () => Text(SchemaLimits.MaxCursorLength, SchemaLimits.CursorPattern),
        ["since"] = () => Text(SchemaLimits.MaxCursorLength, SchemaLimits.CursorPattern),
        ["actor"] = () => Text(200),
        ["userId"] = () => Text(200),
        ["action"] = () => Text(200),
        ["outcome"] = () => Text(200),
        ["dateColumn"] = () => Text(100),
        ["amountColumn"] = () => Text(100),
        ["debitColumn"] = () => Text(100),
        ["creditColumn"] = () => Text(100),
        ["payeeColumn"] = () => Text(100),
        ["memoColumn"] = () => Text(100),
        ["idColumn"] = () => Text(100),
        ["dateFormat"] = () => Text(40),
        ["delimiter"] = () => Text(3),
        ["decimalSeparator"] = () => Enum(".", ","),
        ["groupBy"] = () => Enum("category", "month"),
        ["types"] = () => Text(2000, "^[a-z_.,]*$"),
    };

    private static readonly Dictionary<(string Path, string Name), Func<OpenApiSchema>> ByPath = new()
    {
        [("/v1/changes", "limit")] = () => Integer(1, ChangesApi.MaxLimit),
        [("/v1/export", "format")] = () => Enum("json", "csv"),
        [("/v1/accounts/{id}/import", "format")] = () => Enum("csv", "ofx", "qfx"),
        [("/v1/transactions", "from")] = () => Date(),
        [("/v1/transactions", "to")] = () => Date(),
        [("/v1/audit", "from")] = () => DateTime(),
        [("/v1/audit", "to")] = () => DateTime(),
        [("/v1/webhooks/{id}/replay", "since")] = () => DateTime(),
        [("/v1/reports/spending", "from")] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
        [("/v1/reports/spending", "to")] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
        [("/v1/reports/income-expense", "from")] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
        [("/v1/reports/income-expense", "to")] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
        [("/v1/reports/net-worth", "from")] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
        [("/v1/reports/net-worth", "to")] = () => Text(7, "^[0-9]{4}-(0[1-9]|1[0-2])$"),
    };

    public static void Apply(string path, OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In is not (ParameterLocation.Query or ParameterLocation.Path) || parameter.Name is null)
            {
                continue;
            }
            if (ByPath.TryGetValue((path, parameter.Name), out var special))
            {
                parameter.Schema = special();
            }
            else if (ByName.TryGetValue(parameter.Name, out var rule))
            {
                parameter.Schema = rule();
            }
        }
    }

    private static OpenApiSchema Text(int maxLength, string? pattern = null) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength, Pattern = pattern };

    private static OpenApiSchema Integer(int minimum, int maximum) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
    };

    private static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date", MaxLength = 10 };

    private static OpenApiSchema DateTime() => new() { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 40 };

    private static OpenApiSchema Enum(params string[] values) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };
}

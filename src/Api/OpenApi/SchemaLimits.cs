using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Money;
using BudgetBuddy.Api.Reports;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.TenantContracts.Compliance;
using Microsoft.OpenApi;

namespace BudgetBuddy.Api.OpenApi;

/// <summary>
/// What a body must and may hold, as the validation enforces it: which fields a request requires (the generator
/// would require every constructor parameter, merge patches included), and the length, pattern and range of each
/// field. Rules go by field name, since a name means the same thing in every schema (an <c>accountId</c> is always
/// an id this API issued); the few schemas where it means more or less say so in <see cref="BySchema"/>.
/// </summary>
internal static class SchemaLimits
{
    public const string IdPattern = "^[0-9a-f]{32}$";
    private const string MonthPattern = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    private const string CurrencyPattern = "^[A-Z]{3}$";
    private const string HashPattern = "^[0-9a-f]{64}$";
    /// <summary>Longest cursor the API decodes (longer ones are refused unread).</summary>
    public const int MaxCursorLength = 1024;

    /// <summary>Cursors are base64url (see <see cref="PageCursor"/>).</summary>
    public const string CursorPattern = "^[A-Za-z0-9_-]*={0,2}$";

    /// <summary>Names and other short texts refuse control characters (<see cref="TextRules"/>).</summary>
    public const string NoControlCharacters = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    /// <summary>The fields each request requires; a request schema not named here requires nothing (merge patches).</summary>
    private static readonly Dictionary<string, string[]> RequiredByRequest = new(StringComparer.Ordinal)
    {
        ["CreateAccountRequest"] = ["name", "type", "currency"],
        ["UpdateAccountRequest"] = [],
        ["CreateCategoryRequest"] = ["name", "group"],
        ["UpdateCategoryRequest"] = [],
        ["CreateTransactionRequest"] = ["accountId", "date", "amount"],
        ["UpdateTransactionRequest"] = [],
        ["SplitLineRequest"] = ["amount"],
        ["CreateCardRequest"] = ["pan", "expMonth", "expYear", "holderName", "accountId"],
        ["SetAssignedRequest"] = ["assigned"],
        // Settings has one field: a patch without it would change nothing, so the API refuses it.
        ["UpdateSettingsRequest"] = ["homeCurrency"],
        ["SetConsentRequest"] = ["purpose", "granted", "version", "source"],
        ["AlertSettings"] = ["lowBalance", "overspend"],
        ["LowBalanceAlert"] = ["accountId", "below"],
        ["CreateWebhookRequest"] = ["url", "types"],
        ["UpdateWebhookRequest"] = [],
    };

    private static readonly Action<OpenApiSchema> Id = s => Text(s, 32, IdPattern);
    private static readonly Action<OpenApiSchema> Name = s => Text(s, TextRules.MaxNameLength, NoControlCharacters);
    private static readonly Action<OpenApiSchema> Currency = s => Text(s, 3, CurrencyPattern);
    private static readonly Action<OpenApiSchema> Month = s => Text(s, 7, MonthPattern);
    private static readonly Action<OpenApiSchema> Timestamp = s => Text(s, 40);
    private static readonly Action<OpenApiSchema> Cursor = s => Text(s, MaxCursorLength, CursorPattern);
    private static readonly Action<OpenApiSchema> RequestAmount = s => Range(s, -MinorUnits.Max, MinorUnits.Max);
    private static readonly Action<OpenApiSchema> Sum = s => Range(s, long.MinValue, long.MaxValue);
    private static readonly Action<OpenApiSchema> Count = s => Range(s, 0, long.MaxValue);

    /// <summary>Rules by field name, for every schema.</summary>
    private static readonly Dictionary<string, Action<OpenApiSchema>> ByField = new(StringComparer.Ordinal)
    {
        ["id"] = Id,
        ["accountId"] = Id,
        ["transferAccountId"] = Id,
        ["transferTransactionId"] = Id,
        ["webhookId"] = Id,
        ["categoryId"] = s => Text(s, 32, "^([0-9a-f]{32}|INCOME|UNCATEGORIZED|TRANSFER)$"),
        ["name"] = Name,
        ["group"] = Name,
        ["holderName"] = s => Text(s, CardValidation.MaxHolderNameLength, NoControlCharacters),
        ["currency"] = Currency,
        ["homeCurrency"] = Currency,
        ["payee"] = s => Text(s, TransactionValidation.MaxPayeeLength),
        ["memo"] = s => Text(s, TransactionValidation.MaxMemoLength),
        ["importId"] = s => Text(s, TransactionValidation.MaxImportIdLength),
        ["month"] = Month,
        ["from"] = Month,
        ["to"] = Month,
        ["date"] = s => Text(s, 10),
        ["createdAt"] = Timestamp,
        ["updatedAt"] = Timestamp,
        ["time"] = Timestamp,
        ["generatedAt"] = Timestamp,
        ["verifiedAt"] = Timestamp,
        ["requestedAt"] = Timestamp,
        ["completedAt"] = Timestamp,
        ["since"] = Timestamp,
        ["nextCursor"] = Cursor,
        ["cursor"] = Cursor,
        ["amount"] = Sum,
        ["openingBalance"] = Sum,
        ["balance"] = Sum,
        ["transferAmount"] = Sum,
        ["assigned"] = Sum,
        ["activity"] = Sum,
        ["available"] = Sum,
        ["income"] = Sum,
        ["expense"] = Sum,
        ["net"] = Sum,
        ["netWorth"] = Sum,
        ["total"] = Sum,
        ["toBeBudgeted"] = Sum,
        ["uncategorized"] = Sum,
        ["below"] = Sum,
        ["largeTransaction"] = s => Range(s, 1, long.MaxValue),
        ["version"] = Count,
        ["sequence"] = Count,
        ["records"] = Count,
        ["headSequence"] = Count,
        ["line"] = Count,
        ["imported"] = Count,
        ["duplicates"] = Count,
        ["lines"] = Count,
        ["notImported"] = Count,
        ["errorCount"] = Count,
        ["expMonth"] = s => Range(s, 1, 12),
        ["expYear"] = s => Range(s, 2000, 2200),
        ["pan"] = s => Text(s, 2 * CardNumber.MaxLength, "^[0-9]([0-9 -]*[0-9])?$"),
        ["brand"] = s => Text(s, 20, "^[a-z]+$"),
        ["last4"] = s => Text(s, 4, "^[0-9]{4}$"),
        ["masked"] = s => Text(s, CardNumber.MaxLength, "^[*]*[0-9]{4}$"),
        ["hash"] = s => Text(s, 64, HashPattern),
        ["previousHash"] = s => Text(s, 64, HashPattern),
        ["headHash"] = s => Text(s, 64, "^([0-9a-f]{64})?$"),
        ["requestId"] = s => Text(s, 64),
        ["actor"] = s => Text(s, 200),
        ["action"] = s => Text(s, 200),
        ["scopes"] = s => Text(s, 200),
        ["outcome"] = s => Text(s, 40),
        ["reason"] = s => Text(s, 1000),
        ["message"] = s => Text(s, 1000),
        ["evidence"] = s => Text(s, 2000),
        ["title"] = s => Text(s, 200),
        ["tenant"] = s => Text(s, 40, "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"),
        ["op"] = s => Enum(s, "upsert", "delete"),
        ["groupBy"] = s => Enum(s, SpendingGrouping.Category, SpendingGrouping.Month),
        ["items"] = s => s.MaxItems = PageRequest.MaxLimit,
        ["splits"] = s => s.MaxItems = TransactionValidation.MaxSplitLines,
        ["months"] = s => s.MaxItems = ReportRange.MaxMonths,
        // A change-log entry names the entities of one DynamoDB transaction (at most 100 items), so a page of `limit`
        // entries holds at most 100 times as many changes.
        ["changes"] = s => s.MaxItems = ChangesApi.MaxLimit * 100,
        ["resources"] = s => s.MaxItems = 100,
        ["purpose"] = s => Enum(s, [.. Consents.ConsentPurposes.All]),
        ["source"] = s => Text(s, Consents.SetConsentRequest.MaxSourceLength, NoControlCharacters),
        ["recordedAt"] = Timestamp,
        ["consents"] = s => s.MaxItems = Consents.ConsentPurposes.All.Count,
        ["lowBalance"] = s => s.MaxItems = Alerts.AlertsApi.MaxLowBalanceAlerts,
        ["url"] = s => Text(s, Webhooks.WebhookTargets.MaxUrlLength, "^https?://"),
        ["types"] = s =>
        {
            s.MaxItems = Webhooks.WebhookValidation.MaxTypes;
            if (s.Items is OpenApiSchema item)
            {
                Enum(item, [.. Events.EventTypes.All, Webhooks.WebhookSubscriptions.Everything]);
            }
        },
        ["description"] = s => Text(s, Webhooks.WebhookValidation.MaxDescriptionLength, NoControlCharacters),
        ["disabledReason"] = s => Text(s, 500),
        ["secret"] = s => Text(s, 50, "^whsec_[A-Za-z0-9+/]{43}=$"),
        ["previousSecretExpiresAt"] = Timestamp,
        ["eventId"] = s => Text(s, 100),
        ["eventType"] = s => Text(s, 100),
        ["attempt"] = s => Range(s, 1, int.MaxValue),
        ["statusCode"] = s => Range(s, 100, 599),
        ["durationMs"] = Count,
        ["nextRetryAt"] = Timestamp,
    };

    /// <summary>Where a field means something narrower or wider than its name says elsewhere.</summary>
    private static readonly Dictionary<(string Schema, string Field), Action<OpenApiSchema>> BySchema = new()
    {
        [("UpdateTransactionRequest", "categoryId")] = s => Text(s, 32, "^([0-9a-f]{32})?$"),
        [("CreateTransactionRequest", "categoryId")] = Id,
        [("SplitLineRequest", "categoryId")] = Id,
        [("CreateTransactionRequest", "amount")] = RequestAmount,
        [("CreateTransactionRequest", "transferAmount")] = RequestAmount,
        [("UpdateTransactionRequest", "amount")] = RequestAmount,
        [("UpdateTransactionRequest", "transferAmount")] = RequestAmount,
        [("SplitLineRequest", "amount")] = RequestAmount,
        [("CreateAccountRequest", "openingBalance")] = RequestAmount,
        [("UpdateAccountRequest", "openingBalance")] = RequestAmount,
        [("SetAssignedRequest", "assigned")] = RequestAmount,
        // A change's id is a resource id, or for a budget entry its month, currency and category (BucketKey.Id).
        [("ChangeEntry", "id")] = s => Text(s, 100, "^([0-9a-f]{32}|settings|[0-9]{4}-[0-9]{2}:[A-Z]{3}:[0-9A-Za-z_]+)$"),
        [("ChangeEntry", "type")] = s => Enum(s, "account", "category", "transaction", "budget", "settings", "card"),
        [("Event", "type")] = s => Enum(s, [.. Events.EventTypes.All]),
        [("Event", "tenant")] = s => Text(s, BudgetBuddy.TenantContracts.TenantId.MaxLength),
        [("Event", "user")] = s => Text(s, 200),
        [("ComplianceControl", "id")] = s => Text(s, 100, "^[a-z0-9:-]+$"),
        [("ComplianceControl", "status")] = s => Enum(s, ComplianceControl.Pass, ComplianceControl.Fail, ComplianceControl.Unsupported),
        [("AuditEntry", "id")] = s => Text(s, 64),
        [("AuditEntry", "resources")] = s =>
        {
            s.MaxItems = 100;
            if (s.Items is OpenApiSchema item)
            {
                item.MaxLength = 200;
            }
        },
        [("ComplianceReport", "controls")] = s => s.MaxItems = 50,
        [("SetConsentRequest", "version")] = s => Text(s, Consents.SetConsentRequest.MaxVersionLength, NoControlCharacters),
        [("Consent", "version")] = s => Text(s, Consents.SetConsentRequest.MaxVersionLength, NoControlCharacters),
        [("ImportJob", "errors")] = s => s.MaxItems = Imports.Jobs.ImportJobItem.MaxErrors,
        [("UserErasure", "status")] = s => Enum(s, Erasure.UserErasure.Running, Erasure.UserErasure.Completed),
        // One entry per other currency the user holds: at most every ISO 4217 currency.
        [("BudgetMonth", "otherCurrencies")] = s => s.MaxItems = 200,
        [("NetWorthReport", "otherCurrencies")] = s => s.MaxItems = 200,
        [("SpendingReportOfMonthSpending", "rows")] = s => s.MaxItems = ReportRange.MaxMonths,
        [("ChangesResponse", "cursor")] = Cursor,
        [("SpendingReportOfCategorySpending", "groupBy")] = s => Enum(s, SpendingGrouping.Category),
        [("SpendingReportOfMonthSpending", "groupBy")] = s => Enum(s, SpendingGrouping.Month),
        [("WebhookDelivery", "outcome")] = s => Enum(s, [.. Webhooks.DeliveryResults.Names]),
    };

    public static void Apply(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is not OpenApiSchema concrete)
            {
                continue;
            }
            if (concrete.Enum?.Any(v => v is null) == true)
            {
                // An enum component lists null when some property of its type is nullable; that property already
                // says "null or this" (oneOf), where a null in the enum too would match both branches.
                concrete.Enum = [.. concrete.Enum.Where(v => v is not null)];
                concrete.Type = JsonSchemaType.String;
            }
            if (concrete.Properties is null)
            {
                continue;
            }
            if (RequiredByRequest.TryGetValue(name, out var required))
            {
                Require(concrete, required);
            }
            Limit(name, concrete);
        }
    }

    /// <summary>Applies the rules to a schema's fields, and to the objects inside its lists.</summary>
    private static void Limit(string name, OpenApiSchema schema)
    {
        foreach (var (field, property) in schema.Properties?.ToList() ?? [])
        {
            if (property is not OpenApiSchema target)
            {
                continue;
            }
            if (BySchema.TryGetValue((name, field), out var special))
            {
                special(target);
            }
            else if (ByField.TryGetValue(field, out var rule))
            {
                rule(target);
            }
            if (target.Items is OpenApiSchema { Properties: not null } item)
            {
                Limit(name, item);
            }
        }
    }

    private static void Require(OpenApiSchema schema, string[] fields)
    {
        schema.Required = new HashSet<string>(fields, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (schema.Properties![field] is OpenApiSchema property)
            {
                // A required field must have a value: null is refused like an absent field.
                if (property.Type is { } type)
                {
                    property.Type = type & ~JsonSchemaType.Null;
                }
                if (property.OneOf?.Count == 2 && property.OneOf.FirstOrDefault(o => o is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } only)
                {
                    schema.Properties[field] = only;
                }
            }
        }
    }

    private static void Text(OpenApiSchema schema, int maxLength, string? pattern = null)
    {
        schema.MaxLength = maxLength;
        if (pattern is not null)
        {
            schema.Pattern = pattern;
        }
    }

    private static void Range(OpenApiSchema schema, long minimum, long maximum)
    {
        schema.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
        schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
    }

    private static void Enum(OpenApiSchema schema, params string[] values) =>
        schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}

using BudgetBuddy.TenantContracts.Audit;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Imports;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.Reports;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Transactions;
using BudgetBuddy.Api.Webhooks;

namespace BudgetBuddy.Api.Operability;

/// <summary>
/// One worked example per wire type, serialised exactly as the API would send it, so the OpenAPI document shows
/// clients real payloads (money in minor units, ids in our format) rather than schema skeletons.
/// </summary>
internal static class OpenApiExamples
{
    private const string AccountId = "019ab2f0c1d27c3e8f4a5b6c7d8e9f01";
    private const string SavingsId = "019ab2f0c1d27c3e8f4a5b6c7d8e9f02";
    private const string CategoryId = "019ab2f0d4e57a1b9c2d3e4f5a6b7c01";
    private const string RentId = "019ab2f0d4e57a1b9c2d3e4f5a6b7c02";
    private const string TransactionId = "019ab2f1a2b37d4e8f9a0b1c2d3e4f01";
    private const string CardId = "019ab2f2b3c47e5f8a9b0c1d2e3f4a01";
    private const string WebhookId = "019ab2f4d5e69f7a0b1c2d3e4f5a6b01";
    private const string WebhookUrl = "https://hooks.example.com/budgetbuddy";
    private const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0i0ZVqNBqm0=";
    private static readonly DateTimeOffset At = new(2026, 3, 5, 9, 30, 0, TimeSpan.Zero);

    private static readonly Account Account = new(AccountId, "Everyday", AccountType.Checking, "USD", 125_000, 98_450, false, At, At, 3);
    private static readonly Category Category = new(CategoryId, "Groceries", "Everyday", false, false, At, At, 1);
    private static readonly Transaction Transaction = new(
        TransactionId, AccountId, new DateOnly(2026, 3, 5), -4_250, "USD", "Corner Market", CategoryId, "weekly shop",
        ClearedState.Cleared, null, null, null, null, false, At, At, 1);

    private static readonly Card Card = new(CardId, "visa", "4242", "************4242", 8, 2029, "Ada Lovelace", AccountId, At, 1);
    private static readonly Webhook Webhook = new(
        WebhookId, WebhookUrl, ["transaction.created", "budget.category_overspent"], "Core banking notifications", true, null, null, At, At, 1);
    private static readonly AuditEntry AuditEntry = new(
        42, "019ab2f3c4d58e6f9a0b1c2d3e4f5a01", At, "alice", "budget:read budget:write", "POST /v1/transactions",
        [$"transaction/{TransactionId}"], "committed", "4bf92f3577b34da6a3ce929d0e0e4736", true,
        "9f2c4e7d1a0b3c5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e", "1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c");

    public static readonly IReadOnlyDictionary<Type, JsonNode> ByType = new Dictionary<Type, JsonNode>
    {
        [typeof(Card)] = Node(Card, ApiJsonContext.Default.Card),
        [typeof(TenantContracts.Compliance.ComplianceReport)] = Node(
            new TenantContracts.Compliance.ComplianceReport("acme", At, true,
            [
                new("encryption-at-rest:ledger", "Table encrypted at rest", "pass", "budgetbuddy-acme-ledger: KMS encryption with arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab."),
                new("audit-chain", "Audit chain intact", "pass", "1042 records verified; head 1042 hash 9f2c4e7d1a0b…."),
                new("no-plaintext-pan", "No plaintext card number in stored items", "pass", "1000 items of budgetbuddy-acme-ledger and budgetbuddy-acme-audit scanned; no card-number-shaped value found."),
            ]),
            ApiJsonContext.Default.ComplianceReport),
        [typeof(ListResponse<Card>)] = Node(new ListResponse<Card>([Card], null), ApiJsonContext.Default.ListResponseCard),
        [typeof(CreateCardRequest)] = Node(new CreateCardRequest("4242 4242 4242 4242", 8, 2029, "Ada Lovelace", AccountId), ApiJsonContext.Default.CreateCardRequest),
        [typeof(ListResponse<AuditEntry>)] = Node(new ListResponse<AuditEntry>([AuditEntry], null), ApiJsonContext.Default.ListResponseAuditEntry),
        [typeof(AuditVerification)] = Node(
            new AuditVerification(true, 42, 42, AuditEntry.Hash, null, At), ApiJsonContext.Default.AuditVerification),
        [typeof(Webhook)] = Node(Webhook, WebhooksJsonContext.Default.Webhook),
        [typeof(ListResponse<Webhook>)] = Node(new ListResponse<Webhook>([Webhook], null), WebhooksJsonContext.Default.ListResponseWebhook),
        [typeof(CreatedWebhook)] = Node(CreatedWebhook.Of(Webhook, WebhookSecret), WebhooksJsonContext.Default.CreatedWebhook),
        [typeof(CreateWebhookRequest)] = Node(
            new CreateWebhookRequest(WebhookUrl, ["transaction.created", "budget.category_overspent"], "Core banking notifications", null),
            WebhooksJsonContext.Default.CreateWebhookRequest),
        // No url: a patch's example is sent by the tests, and a host of example.com resolves nowhere they run.
        [typeof(UpdateWebhookRequest)] = Node(new UpdateWebhookRequest(null, null, "Core banking (paused for maintenance)", false), WebhooksJsonContext.Default.UpdateWebhookRequest),
        [typeof(RotatedWebhookSecret)] = Node(new RotatedWebhookSecret(WebhookSecret, At.AddHours(24)), WebhooksJsonContext.Default.RotatedWebhookSecret),
        [typeof(ListResponse<WebhookDelivery>)] = Node(
            new ListResponse<WebhookDelivery>(
                [new WebhookDelivery("019ab2f5e6f7a08b1c2d3e4f5a6b7c01", "transaction.created", 2, "delivered", 200, 184, At.AddMinutes(1), null),
                 new WebhookDelivery("019ab2f5e6f7a08b1c2d3e4f5a6b7c01", "transaction.created", 1, "timeout", null, 10_000, At, At.AddMinutes(1))],
                null),
            WebhooksJsonContext.Default.ListResponseWebhookDelivery),
        [typeof(Account)] = Node(Account, ApiJsonContext.Default.Account),
        [typeof(CreateAccountRequest)] = Node(new CreateAccountRequest("Everyday", AccountType.Checking, "USD", 125_000), ApiJsonContext.Default.CreateAccountRequest),
        [typeof(UpdateAccountRequest)] = Node(new UpdateAccountRequest("Everyday (joint)", null, null, null), ApiJsonContext.Default.UpdateAccountRequest),
        [typeof(ListResponse<Account>)] = Node(new ListResponse<Account>([Account], "djF8YWNjb3VudHN8QUNDT1VOVCMwMTlh"), ApiJsonContext.Default.ListResponseAccount),
        [typeof(Category)] = Node(Category, ApiJsonContext.Default.Category),
        [typeof(CreateCategoryRequest)] = Node(new CreateCategoryRequest("Groceries", "Everyday", false, false), ApiJsonContext.Default.CreateCategoryRequest),
        [typeof(UpdateCategoryRequest)] = Node(new UpdateCategoryRequest(null, null, true, null), ApiJsonContext.Default.UpdateCategoryRequest),
        [typeof(ListResponse<Category>)] = Node(new ListResponse<Category>([Category], null), ApiJsonContext.Default.ListResponseCategory),
        [typeof(Transaction)] = Node(Transaction, ApiJsonContext.Default.Transaction),
        [typeof(CreateTransactionRequest)] = Node(
            new CreateTransactionRequest(AccountId, new DateOnly(2026, 3, 5), -10_000, "Big Box Store", null, null, ClearedState.Uncleared, null,
                [new SplitLineRequest(CategoryId, -6_000, "food"), new SplitLineRequest(RentId, -4_000, "household")], null, null, false),
            ApiJsonContext.Default.CreateTransactionRequest),
        [typeof(UpdateTransactionRequest)] = Node(
            new UpdateTransactionRequest(null, null, -4_500, null, null, "corrected amount", ClearedState.Cleared, null, null, null),
            ApiJsonContext.Default.UpdateTransactionRequest),
        [typeof(ListResponse<Transaction>)] = Node(new ListResponse<Transaction>([Transaction], null), ApiJsonContext.Default.ListResponseTransaction),
        [typeof(BudgetMonth)] = Node(
            new BudgetMonth("2026-03", "USD", 450_000, 12_500, -1_999,
                [new BudgetCategoryLine(CategoryId, "Groceries", "Everyday", false, 60_000, -42_500, 21_300),
                 new BudgetCategoryLine(RentId, "Rent", "Bills", false, 180_000, -180_000, 0)],
                new BudgetTotals(240_000, -222_500, 21_300),
                [new CurrencyActivity("EUR", 0, -8_000)]),
            ApiJsonContext.Default.BudgetMonth),
        [typeof(BudgetCategoryLine)] = Node(new BudgetCategoryLine(CategoryId, "Groceries", "Everyday", false, 60_000, -42_500, 21_300), ApiJsonContext.Default.BudgetCategoryLine),
        [typeof(SetAssignedRequest)] = Node(new SetAssignedRequest(60_000), ApiJsonContext.Default.SetAssignedRequest),
        [typeof(BudgetEntry)] = Node(new BudgetEntry("2026-03", "USD", CategoryId, 60_000, -42_500), ApiJsonContext.Default.BudgetEntry),
        [typeof(UserSettings)] = Node(new UserSettings("USD"), ApiJsonContext.Default.UserSettings),
        [typeof(UpdateSettingsRequest)] = Node(new UpdateSettingsRequest("EUR"), ApiJsonContext.Default.UpdateSettingsRequest),
        [typeof(Consents.SetConsentRequest)] = Node(new Consents.SetConsentRequest("sensitive-data", true, "2026-01", "app"), ApiJsonContext.Default.SetConsentRequest),
        [typeof(Consents.UserConsents)] = Node(new Consents.UserConsents([new Consents.Consent("sensitive-data", true, "2026-01", "app", At)]), ApiJsonContext.Default.UserConsents),
        [typeof(ImportResult)] = Node(new ImportResult(42, 3, [new ImportError(17, "amount '12,5x' is not an amount.")]), ApiJsonContext.Default.ImportResult),
        [typeof(Erasure.UserErasure)] = Node(
            new Erasure.UserErasure("8d0eb0f7d5f44c69e35fe2302efb31fd", Erasure.UserErasure.Completed, At, At.AddSeconds(3)), ApiJsonContext.Default.UserErasure),
        [typeof(Imports.Jobs.ImportJob)] = Node(
            new Imports.Jobs.ImportJob("019ab2f3c4d58f6a9b0c1d2e3f4a5b01", AccountId, Imports.Jobs.ImportJobStatus.Running, 20_000, 6_240, 12, null,
                [new ImportError(17, "amount '12,5x' is not an amount.")], 1, At, At.AddSeconds(8)),
            ApiJsonContext.Default.ImportJob),
        [typeof(SpendingReport<CategorySpending>)] = Node(
            new SpendingReport<CategorySpending>("2026-01", "2026-03", "USD", "category", 264_500,
                [new CategorySpending(RentId, "Rent", "Bills", 180_000), new CategorySpending(CategoryId, "Groceries", "Everyday", 84_500)]),
            ReportsJsonContext.Default.SpendingReportCategorySpending),
        [typeof(SpendingReport<MonthSpending>)] = Node(
            new SpendingReport<MonthSpending>("2026-01", "2026-03", "USD", "month", 264_500,
                [new MonthSpending("2026-01", 90_000), new MonthSpending("2026-02", 89_500), new MonthSpending("2026-03", 85_000)]),
            ReportsJsonContext.Default.SpendingReportMonthSpending),
        [typeof(IncomeExpenseReport)] = Node(
            new IncomeExpenseReport("2026-02", "2026-03", "USD",
                [new IncomeExpenseMonth("2026-02", 450_000, 301_200, 148_800), new IncomeExpenseMonth("2026-03", 450_000, 222_500, 227_500)],
                new IncomeExpenseTotals(900_000, 523_700, 376_300)),
            ReportsJsonContext.Default.IncomeExpenseReport),
        [typeof(NetWorthReport)] = Node(
            new NetWorthReport("2026-02", "2026-03", "USD",
                [new NetWorthMonth("2026-02", 1_250_000), new NetWorthMonth("2026-03", 1_477_500)],
                [new CurrencyNetWorth("EUR", 92_000)]),
            ReportsJsonContext.Default.NetWorthReport),
        [typeof(ChangesResponse)] = Node(
            new ChangesResponse(
                [new ChangeEntry("transaction", TransactionId, "upsert", JsonSerializer.SerializeToElement(Transaction, ApiJsonContext.Default.Transaction)),
                 new ChangeEntry("account", SavingsId, "delete", null)],
                "djF8Y2hhbmdlc3xDSEFOR0UjMDAwMDAwMDAwMDAwMDA0Mg",
                false),
            ApiJsonContext.Default.ChangesResponse),
    };

    /// <summary>The JSON export, as small as it can be while showing every list.</summary>
    public static JsonNode Export() => new JsonObject
    {
        ["exportedAt"] = "2026-03-05T09:30:00+00:00",
        ["settings"] = Node(new UserSettings("USD"), ApiJsonContext.Default.UserSettings),
        ["accounts"] = new JsonArray(Node(Account, ApiJsonContext.Default.Account)),
        ["categories"] = new JsonArray(Node(Category, ApiJsonContext.Default.Category)),
        ["transactions"] = new JsonArray(Node(Transaction, ApiJsonContext.Default.Transaction)),
        ["budgets"] = new JsonArray(Node(new BudgetEntry("2026-03", "USD", CategoryId, 60_000, -4_250), ApiJsonContext.Default.BudgetEntry)),
        ["consents"] = new JsonArray(JsonSerializer.SerializeToNode(new Consents.Consent("sensitive-data", true, "2026-01", "app", At), ApiJsonContext.Default.Consent)),
        ["alerts"] = Node(new Alerts.AlertSettings([new Alerts.LowBalanceAlert(AccountId, 10_000)], 50_000, true), Events.EventJsonContext.Default.AlertSettings),
        ["cards"] = new JsonArray(Node(Card, ApiJsonContext.Default.Card)),
    };

    private static JsonNode Node<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToNode(value, type)!;
}

using BudgetBuddy.TenantContracts.Audit;
using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Imports;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Transactions;

namespace BudgetBuddy.Api.Json;

/// <summary>Source-generated JSON metadata for every type on the wire: no reflection per request, AOT-ready.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(UpdateAccountRequest))]
[JsonSerializable(typeof(ListResponse<Account>))]
[JsonSerializable(typeof(Category))]
[JsonSerializable(typeof(CreateCategoryRequest))]
[JsonSerializable(typeof(UpdateCategoryRequest))]
[JsonSerializable(typeof(ListResponse<Category>))]
[JsonSerializable(typeof(ChangesResponse))]
[JsonSerializable(typeof(Transaction))]
[JsonSerializable(typeof(CreateTransactionRequest))]
[JsonSerializable(typeof(UpdateTransactionRequest))]
[JsonSerializable(typeof(ListResponse<Transaction>))]
[JsonSerializable(typeof(BudgetEntry))]
[JsonSerializable(typeof(BudgetMonth))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(BudgetBuddy.Api.Consents.UserConsents))]
[JsonSerializable(typeof(IReadOnlyList<BudgetBuddy.Api.Consents.Consent>))]
[JsonSerializable(typeof(BudgetBuddy.Api.Consents.Consent))]
[JsonSerializable(typeof(BudgetBuddy.Api.Consents.SetConsentRequest))]
[JsonSerializable(typeof(BudgetBuddy.Api.Imports.Jobs.ImportJob))]
[JsonSerializable(typeof(BudgetBuddy.Api.Erasure.UserErasure))]
[JsonSerializable(typeof(SetAssignedRequest))]
[JsonSerializable(typeof(UserSettings))]
[JsonSerializable(typeof(UpdateSettingsRequest))]
[JsonSerializable(typeof(ListResponse<AuditEntry>))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(Card))]
[JsonSerializable(typeof(BudgetBuddy.TenantContracts.Compliance.ComplianceReport))]
[JsonSerializable(typeof(ListResponse<Card>))]
[JsonSerializable(typeof(CreateCardRequest))]
[JsonSerializable(typeof(CardIdempotencyView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

using BudgetBuddy.Api.Accounts;
using BudgetBuddy.Api.Alerts;
using BudgetBuddy.Api.Audit;
using BudgetBuddy.Api.Auth;
using BudgetBuddy.Api.BreachDetection;
using BudgetBuddy.Api.Budgets;
using BudgetBuddy.Api.Cards;
using BudgetBuddy.Api.Categories;
using BudgetBuddy.Api.Changes;
using BudgetBuddy.Api.Compliance;
using BudgetBuddy.Api.Consents;
using BudgetBuddy.Api.Encryption;
using BudgetBuddy.Api.Events;
using BudgetBuddy.Api.Exports;
using BudgetBuddy.Api.Http;
using BudgetBuddy.Api.Idempotency;
using BudgetBuddy.Api.Imports;
using BudgetBuddy.Api.Json;
using BudgetBuddy.Api.LoadShedding;
using BudgetBuddy.Api.OpenApi;
using BudgetBuddy.Api.Operability;
using BudgetBuddy.Api.Sensitive;
using BudgetBuddy.Api.RateLimiting;
using BudgetBuddy.Api.Security;
using BudgetBuddy.Api.Settings;
using BudgetBuddy.Api.Storage;
using BudgetBuddy.Api.Transactions;
using Prometheus;

namespace BudgetBuddy.Api;

/// <summary>
/// The API's wiring, in one place: the cross-cutting defaults (telemetry, HTTP, JSON, problems, limits, compression,
/// health, docs), then each feature's services, each registered by the feature's own <c>Add…</c> extension.
/// </summary>
internal static class ApiDefaults
{
    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.IdempotencyRetention > TimeSpan.Zero, "Api: MaxRequestBodyBytes and IdempotencyRetention must be above zero.")
            .Validate(o => o.HasValidTrustedNetworks, "Api:TrustedProxyNetworks must be networks in CIDR notation (such as 10.0.0.0/16), separated by commas.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        builder.AddTelemetry();
        services.AddHostLifetime();
        services.AddHttpHardening();
        services.AddApiJson();
        services.AddProblems();
        services.AddCallerRateLimits(configuration);
        services.AddLoadShedding(configuration);
        services.AddApiCompression();
        services.AddApiDocument();
        services.AddActuatorHealth();

        services.AddDynamoDbStorage(configuration);
        services.AddIdempotency();
        services.AddTenantAuth(configuration);
        services.AddAuditTrail();
        services.AddTenantEncryption(configuration);
        services.AddAccounts();
        services.AddCategories();
        services.AddChangeFeed();
        services.AddTransactions();
        services.AddUserSettings();
        services.AddBudgets();
        services.AddImports(configuration);
        services.AddExports();
        services.AddCards();
        services.AddComplianceReport(configuration);
        services.AddSensitiveData();
        services.AddBreachDetection(configuration);
        services.AddConsents();
        services.AddAlerts();
        services.AddEvents(configuration);
        return builder;
    }

    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseHttpHardening();
        app.UseLoadShedding();
        app.UseResponseCompression();
        app.UseAuditTrail();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuditedRoutes();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authorization: the limits are the caller's user and tenant
        app.UseBreachDetection();

        app.MapActuatorHealth();
        app.MapMetrics("/metrics").AllowAnonymous();
        app.MapApiDocument();
        return app;
    }
}
